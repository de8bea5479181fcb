package org.mcsan.features.audio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Band-limited resampling of mono audio to a fixed target rate with a Kaiser-windowed sinc filter
 * evaluated in polyphase form.
 *
 * <p>Design: with f<sub>low</sub> the lower of the two rates, the low-pass filter passes
 * {@code passband × f_low / 2} and reaches the requested stopband attenuation at {@code f_low / 2}
 * (the Kaiser formulas give the window's β and length from the attenuation and that transition width).
 * So when downsampling, content above the new Nyquist frequency is removed instead of folding back, and
 * when upsampling the spectral images are removed. The filter is zero-phase: output sample i is taken
 * at time i / to, and sample 0 of the input and the output coincide. Samples beyond either end of the
 * input count as zero.
 *
 * <p>For rates whose reduced ratio to/from = L/M has L ≤ {@value #MAX_EXACT_PHASES} (every common
 * rate: 8k, 11.025k, 22.05k, 44.1k, 48k, 96k …) the L filter phases are tabulated exactly; otherwise
 * a table of {@value #MAX_EXACT_PHASES} phases is linearly interpolated (error far below the stopband).
 *
 * <p>Output length: {@code round(n × to / from)} (half up), so duration is preserved to within half
 * an output sample. Equal rates return the input array itself.
 *
 * <p>Thread-safe; filter tables are built once per source rate and cached in the instance.
 */
public final class Resampler {
    static final int MAX_EXACT_PHASES = 1024;

    private final int targetRate;
    private final double passband;
    private final double stopbandAttenuationDb;
    private final ConcurrentMap<Integer, Kernel> kernels = new ConcurrentHashMap<>();

    /**
     * @param targetRate            output rate in Hz
     * @param passband              fraction in (0, 1) of the lower Nyquist frequency passed unattenuated
     * @param stopbandAttenuationDb attenuation (≥ 20 dB) from the lower Nyquist frequency upwards
     */
    public Resampler(int targetRate, double passband, double stopbandAttenuationDb) {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target rate must be positive, got " + targetRate);
        }
        if (!(passband > 0 && passband < 1)) {
            throw new IllegalArgumentException("passband must be in (0, 1), got " + passband);
        }
        if (!(stopbandAttenuationDb >= 20)) {
            throw new IllegalArgumentException(
                    "stopband attenuation must be at least 20 dB, got " + stopbandAttenuationDb);
        }
        this.targetRate = targetRate;
        this.passband = passband;
        this.stopbandAttenuationDb = stopbandAttenuationDb;
    }

    public static Resampler from(AudioSettings settings) {
        return new Resampler(
                settings.targetSampleRate(), settings.resamplerPassband(), settings.resamplerStopbandAttenuationDb());
    }

    public int targetRate() {
        return targetRate;
    }

    /** Number of output samples for {@code n} input samples: round(n × to / from), half up. */
    public static int outputLength(int n, int fromRate, int toRate) {
        return (int) ((2L * n * toRate + fromRate) / (2L * fromRate));
    }

    /** Resamples {@code samples} taken at {@code fromRate} Hz to the target rate; the input when the rates agree. */
    public float[] resample(float[] samples, int fromRate) {
        if (fromRate <= 0) {
            throw new IllegalArgumentException("source rate must be positive, got " + fromRate);
        }
        if (fromRate == targetRate) {
            return samples;
        }
        Kernel kernel = kernels.computeIfAbsent(fromRate, this::design);
        return kernel.apply(samples);
    }

    private Kernel design(int fromRate) {
        int gcd = gcd(fromRate, targetRate);
        int up = targetRate / gcd; // L: output samples per period
        int down = fromRate / gcd; // M: input samples per period
        double lowNyquist = Math.min(fromRate, targetRate) / 2.0;
        double transition = (1 - passband) * lowNyquist; // Hz
        double cutoff = (1 + passband) / 2 * lowNyquist; // Hz, middle of the transition
        // Kaiser's estimates: window length (in seconds) and shape for the attenuation and transition width.
        double length = (stopbandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
        double beta = kaiserBeta(stopbandAttenuationDb);
        double halfWidth = length / 2 * fromRate; // in input samples
        int reach = (int) Math.ceil(halfWidth) + 1;
        boolean exact = up <= MAX_EXACT_PHASES;
        int phases = exact ? up : MAX_EXACT_PHASES;
        int rows = exact ? phases : phases + 1; // interpolation needs the phase 1.0 row
        int taps = 2 * reach;
        float[] table = new float[rows * taps];
        double gain = 2 * cutoff / fromRate;
        double i0Beta = besselI0(beta);
        for (int row = 0; row < rows; row++) {
            double phase = row / (double) phases;
            for (int t = 0; t < taps; t++) {
                double offset = phase - (t - reach + 1); // output position − input sample, in input samples
                double x = offset / halfWidth;
                if (Math.abs(x) >= 1) {
                    continue;
                }
                double window = besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                table[row * taps + t] = (float) (gain * sinc(2 * cutoff / fromRate * offset) * window);
            }
        }
        return new Kernel(targetRate, fromRate, up, down, reach, phases, exact, table);
    }

    /** Filter table for one source rate. */
    private static final class Kernel {
        final int toRate;
        final int fromRate;
        final int up;
        final int down;
        final int reach;
        final int taps;
        final int phases;
        final boolean exact;
        final float[] table;

        Kernel(int toRate, int fromRate, int up, int down, int reach, int phases, boolean exact, float[] table) {
            this.toRate = toRate;
            this.fromRate = fromRate;
            this.up = up;
            this.down = down;
            this.reach = reach;
            this.taps = 2 * reach;
            this.phases = phases;
            this.exact = exact;
            this.table = table;
        }

        float[] apply(float[] in) {
            float[] out = new float[outputLength(in.length, fromRate, toRate)];
            for (int i = 0; i < out.length; i++) {
                long position = (long) i * down; // in units of 1/up input samples
                int base = (int) (position / up);
                int remainder = (int) (position % up);
                int first = base - reach + 1; // input index of tap 0
                int from = Math.max(0, -first);
                int to = Math.min(taps, in.length - first);
                double acc = 0;
                if (exact) {
                    acc = dot(table, remainder * taps + from, in, first + from, to - from);
                } else {
                    double scaled = remainder * (double) phases / up;
                    int lower = (int) scaled;
                    float w = (float) (scaled - lower);
                    int rowA = lower * taps;
                    int rowB = rowA + taps;
                    for (int t = from; t < to; t++) {
                        float a = table[rowA + t];
                        acc += (a + w * (table[rowB + t] - a)) * in[first + t];
                    }
                }
                out[i] = (float) acc;
            }
            return out;
        }
    }

    /** Σ a[i]·b[j] over {@code length} pairs; four partial sums so the additions do not wait on each other. */
    private static double dot(float[] a, int aFrom, float[] b, int bFrom, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[aFrom + i] * b[bFrom + i];
            s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
            s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
            s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aFrom + i] * b[bFrom + i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    static double kaiserBeta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 500; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
