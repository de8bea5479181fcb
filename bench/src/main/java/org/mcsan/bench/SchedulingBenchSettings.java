package org.mcsan.bench;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of the scheduling-overhead part ({@code mcsan.bench.scheduling}). */
final class SchedulingBenchSettings {
    private final int trials;
    private final int folds;
    private final int utterancesPerSpeaker;
    private final int frames;

    SchedulingBenchSettings(int trials, int folds, int utterancesPerSpeaker, int frames) {
        this.trials = trials;
        this.folds = folds;
        this.utterancesPerSpeaker = utterancesPerSpeaker;
        this.frames = frames;
    }

    static SchedulingBenchSettings from(Config section) {
        return new SchedulingBenchSettings(
                section.getInt("trials"),
                section.getInt("folds"),
                section.getInt("utterances-per-speaker"),
                section.getInt("frames"));
    }

    /** At most 3 trials: enough to show the part works, too few units to judge the overhead at scale. */
    SchedulingBenchSettings quick() {
        return new SchedulingBenchSettings(Math.min(trials, 3), folds, utterancesPerSpeaker, frames);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("trials", trials);
        map.put("folds", folds);
        map.put("utterances_per_speaker", utterancesPerSpeaker);
        map.put("frames", frames);
        return map;
    }

    int trials() {
        return trials;
    }

    int folds() {
        return folds;
    }

    /** Trials x folds: the (trial, fold) units the sweep trains. */
    int units() {
        return trials * folds;
    }

    int utterancesPerSpeaker() {
        return utterancesPerSpeaker;
    }

    int frames() {
        return frames;
    }
}
