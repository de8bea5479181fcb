package org.mcsan.training;

import java.io.Serializable;
import org.mcsan.contracts.run.Trial;
import org.mcsan.model.ModelSettings;

/**
 * One trial with its own resolved model and trainer settings (the base configuration with its overrides), or the
 * reason its configuration cannot be built (a combination of valid values that does not fit together, e.g. heads
 * that do not divide the hidden size): a sweep may sample such a configuration, whose units are then recorded as
 * failed while the rest of the sweep trains.
 */
public final class TrialSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Trial trial;
    public final ModelSettings model;
    public final TrainSettings train;
    /** Why the trial's configuration cannot be built, or null when it can. */
    public final String invalid;

    public TrialSettings(Trial trial, ModelSettings model, TrainSettings train) {
        this.trial = trial;
        this.model = model;
        this.train = train;
        this.invalid = null;
    }

    private TrialSettings(Trial trial, TrainSettings train, String invalid) {
        this.trial = trial;
        this.model = null;
        this.train = train;
        this.invalid = invalid;
    }

    /** A trial whose model settings are invalid; its train settings still say what it would select on. */
    public static TrialSettings invalid(Trial trial, TrainSettings train, String reason) {
        return new TrialSettings(trial, train, reason);
    }
}
