package org.mcsan.bench;

/** A performance target for one measurement: its median must be at least (or at most) a threshold. */
public final class Target {
    /** Outcome of comparing a measurement with its target. */
    public enum Verdict {
        PASS("pass", "pass"),
        FAIL("fail", "FAIL"),
        NO_TARGET("no_target", "-");

        private final String json;
        private final String console;

        Verdict(String json, String console) {
            this.json = json;
            this.console = console;
        }

        /** How the JSON report writes it. */
        public String json() {
            return json;
        }

        /** How the console table writes it (a miss stands out). */
        public String console() {
            return console;
        }
    }

    private final double threshold;
    private final boolean atLeast;

    private Target(double threshold, boolean atLeast) {
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("target threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
        this.atLeast = atLeast;
    }

    /** For rates and other higher-is-better values. */
    public static Target atLeast(double threshold) {
        return new Target(threshold, true);
    }

    /** For memory, latency and other lower-is-better values. */
    public static Target atMost(double threshold) {
        return new Target(threshold, false);
    }

    public double threshold() {
        return threshold;
    }

    public boolean isAtLeast() {
        return atLeast;
    }

    public Verdict judge(double value) {
        boolean met = atLeast ? value >= threshold : value <= threshold;
        return met ? Verdict.PASS : Verdict.FAIL;
    }

    @Override
    public String toString() {
        return (atLeast ? ">= " : "<= ") + Numbers.format(threshold);
    }
}
