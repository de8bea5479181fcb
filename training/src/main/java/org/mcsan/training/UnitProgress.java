package org.mcsan.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a running (trial, fold) unit reports after each epoch, in its checkpoint directory. */
public final class UnitProgress {
    public final int epoch;
    public final int epochs;
    public final double secondsPerEpoch;

    @JsonCreator
    public UnitProgress(
            @JsonProperty("epoch") int epoch,
            @JsonProperty("epochs") int epochs,
            @JsonProperty("seconds_per_epoch") double secondsPerEpoch) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.secondsPerEpoch = secondsPerEpoch;
    }

    @JsonProperty("seconds_per_epoch")
    public double secondsPerEpoch() {
        return secondsPerEpoch;
    }
}
