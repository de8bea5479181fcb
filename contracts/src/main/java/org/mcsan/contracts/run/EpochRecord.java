package org.mcsan.contracts.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/** One line of a fold's epoch history ({@code history.json}): training loss and validation metrics. */
public final class EpochRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonProperty("epoch")
    public final int epoch;

    @JsonProperty("train_loss")
    public final double trainLoss;

    @JsonProperty("val_loss")
    public final double valLoss;

    @JsonProperty("val_wa")
    public final double valWa;

    @JsonProperty("val_ua")
    public final double valUa;

    @JsonProperty("val_wf1")
    public final double valWf1;

    @JsonProperty("val_mf1")
    public final double valMf1;

    @JsonProperty("seconds")
    public final double seconds;

    @JsonCreator
    public EpochRecord(
            @JsonProperty("epoch") int epoch,
            @JsonProperty("train_loss") double trainLoss,
            @JsonProperty("val_loss") double valLoss,
            @JsonProperty("val_wa") double valWa,
            @JsonProperty("val_ua") double valUa,
            @JsonProperty("val_wf1") double valWf1,
            @JsonProperty("val_mf1") double valMf1,
            @JsonProperty("seconds") double seconds) {
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.valLoss = valLoss;
        this.valWa = valWa;
        this.valUa = valUa;
        this.valWf1 = valWf1;
        this.valMf1 = valMf1;
        this.seconds = seconds;
    }

    /** The value of a selection metric, oriented so that larger is better. */
    public double score(String metric) {
        switch (metric) {
            case "ua":
                return valUa;
            case "wa":
                return valWa;
            case "wf1":
                return valWf1;
            case "mf1":
                return valMf1;
            case "loss":
                return -valLoss;
            default:
                throw new IllegalArgumentException("unknown selection metric " + metric);
        }
    }
}
