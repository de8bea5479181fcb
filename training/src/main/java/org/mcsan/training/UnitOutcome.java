package org.mcsan.training;

import java.io.Serializable;

/** What one (trial, fold) unit reports back to the driver. */
public final class UnitOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int trial;
    public final int fold;
    public final String foldName;
    public final int selectedEpoch;
    public final int epochsTrainedNow;
    public final int trainExamples;
    public final int testExamples;
    public final double seconds;

    UnitOutcome(
            int trial,
            int fold,
            String foldName,
            int selectedEpoch,
            int epochsTrainedNow,
            int trainExamples,
            int testExamples,
            double seconds) {
        this.trial = trial;
        this.fold = fold;
        this.foldName = foldName;
        this.selectedEpoch = selectedEpoch;
        this.epochsTrainedNow = epochsTrainedNow;
        this.trainExamples = trainExamples;
        this.testExamples = testExamples;
        this.seconds = seconds;
    }
}
