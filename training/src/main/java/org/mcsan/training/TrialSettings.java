package org.mcsan.training;

import java.io.Serializable;
import org.mcsan.contracts.run.Trial;
import org.mcsan.model.ModelSettings;

/** One trial with its own resolved model and trainer settings (the base configuration with its overrides). */
public final class TrialSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Trial trial;
    public final ModelSettings model;
    public final TrainSettings train;

    public TrialSettings(Trial trial, ModelSettings model, TrainSettings train) {
        this.trial = trial;
        this.model = model;
        this.train = train;
    }
}
