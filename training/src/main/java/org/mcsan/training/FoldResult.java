package org.mcsan.training;

import java.util.Collections;
import java.util.List;
import org.mcsan.contracts.run.EpochRecord;

/** What training a fold produced: the history, the selected epoch, the trained unit and its val/test predictions. */
public final class FoldResult {
    public final List<EpochRecord> history;
    public final int selectedEpoch;
    /** The network with the selected epoch's weights, and the fold's normaliser. */
    public final TrainedUnit unit;

    public final List<Scored> validation;
    public final List<Scored> test;
    /** Epochs actually trained in this call (0 when the fold was already finished in a checkpoint). */
    public final int epochsTrainedNow;

    FoldResult(
            List<EpochRecord> history,
            int selectedEpoch,
            TrainedUnit unit,
            List<Scored> validation,
            List<Scored> test,
            int epochsTrainedNow) {
        this.history = Collections.unmodifiableList(history);
        this.selectedEpoch = selectedEpoch;
        this.unit = unit;
        this.validation = validation;
        this.test = test;
        this.epochsTrainedNow = epochsTrainedNow;
    }
}
