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
    /** Why the unit failed because of its configuration ({@code UnitFailure}'s text), or null when it trained. */
    public final String failure;

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
        this.failure = null;
    }

    private UnitOutcome(int trial, int fold, String foldName, String failure, double seconds) {
        this.trial = trial;
        this.fold = fold;
        this.foldName = foldName;
        this.selectedEpoch = 0;
        this.epochsTrainedNow = 0;
        this.trainExamples = 0;
        this.testExamples = 0;
        this.seconds = seconds;
        this.failure = failure;
    }

    static UnitOutcome failed(int trial, int fold, String foldName, String failure, double seconds) {
        return new UnitOutcome(trial, fold, foldName, failure, seconds);
    }
}
