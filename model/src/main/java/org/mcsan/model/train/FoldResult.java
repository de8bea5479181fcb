package org.mcsan.model.train;

import java.util.Collections;
import java.util.List;
import org.mcsan.model.McsanModel;
import org.mcsan.model.Normalizer;

/** What training a fold produced: the history, the selected epoch, its model and its val/test predictions. */
public final class FoldResult {
    public final List<EpochRecord> history;
    public final int selectedEpoch;
    public final McsanModel model;
    public final Normalizer normalizer;
    public final List<Scored> validation;
    public final List<Scored> test;
    /** Epochs actually trained in this call (0 when the fold was already finished in a checkpoint). */
    public final int epochsTrainedNow;

    FoldResult(List<EpochRecord> history, int selectedEpoch, McsanModel model, Normalizer normalizer,
               List<Scored> validation, List<Scored> test, int epochsTrainedNow) {
        this.history = Collections.unmodifiableList(history);
        this.selectedEpoch = selectedEpoch;
        this.model = model;
        this.normalizer = normalizer;
        this.validation = validation;
        this.test = test;
        this.epochsTrainedNow = epochsTrainedNow;
    }
}
