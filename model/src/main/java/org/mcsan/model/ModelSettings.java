package org.mcsan.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.Serializable;

/**
 * The {@code mcsan.model} configuration section (see reference.conf for the meaning of each key).
 * Immutable; {@link #defaults()} gives the paper's configuration.
 */
public final class ModelSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Variant variant;
    public final int audioDim;
    public final int textDim;
    public final int hiddenSize;
    public final int heads;
    public final int layers;
    public final int ffnSize;
    public final int convChannels;
    public final int convKernel;
    public final int convStride;
    public final int convPadding;
    /** relu, tanh or none. */
    public final String convActivation;

    public final int poolKernel;
    public final int poolStride;
    /** sinusoidal or none. */
    public final String positionalEmbedding;

    public final double dropout;
    public final double attentionDropout;
    public final int classifierLayers;
    public final int classifierHiddenSize;
    public final double classifierDropout;
    public final boolean bucketing;
    public final int bucketPool;
    /** Relative perturbation of the sort length in bucketing, in [0, 1). */
    public final double lengthJitter;
    /** The section these settings were read from, as JSON: what a trained unit records to be rebuilt. */
    private final String json;

    private ModelSettings(Config c) {
        variant = Variant.parse(c.getString("variant"));
        audioDim = atLeast(c, "audio-dim", 1);
        textDim = atLeast(c, "text-dim", 1);
        hiddenSize = atLeast(c, "hidden-size", 2);
        heads = atLeast(c, "heads", 1);
        layers = atLeast(c, "layers", 1);
        ffnSize = atLeast(c, "ffn-size", 1);
        convChannels = atLeast(c, "conv-channels", 1);
        convKernel = atLeast(c, "conv-kernel", 1);
        convStride = atLeast(c, "conv-stride", 1);
        convPadding = atLeast(c, "conv-padding", 0);
        convActivation = oneOf(c, "conv-activation", "relu", "tanh", "none");
        poolKernel = atLeast(c, "pool-kernel", 1);
        poolStride = atLeast(c, "pool-stride", 1);
        positionalEmbedding = oneOf(c, "positional-embedding", "sinusoidal", "none");
        dropout = probability(c, "dropout");
        attentionDropout = probability(c, "attention-dropout");
        classifierLayers = atLeast(c, "classifier-layers", 0);
        classifierHiddenSize = atLeast(c, "classifier-hidden-size", 1);
        classifierDropout = probability(c, "classifier-dropout");
        bucketing = c.getBoolean("batching.bucketing");
        bucketPool = atLeast(c, "batching.bucket-pool", 1);
        // Models saved before the key existed lack it; it only affects training batches, never predictions.
        lengthJitter = c.hasPath("batching.length-jitter") ? jitter(c, "batching.length-jitter") : 0.0;
        json = c.root().render(ConfigRenderOptions.concise());
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "mcsan.model.heads = " + heads + " must divide mcsan.model.hidden-size = " + hiddenSize);
        }
    }

    /** Reads a {@code mcsan.model} section. */
    public static ModelSettings from(Config section) {
        return new ModelSettings(section);
    }

    /** The defaults of reference.conf (the paper's configuration). */
    /** The settings as JSON; {@link #fromJson} reads them back. */
    public String toJson() {
        return json;
    }

    public static ModelSettings fromJson(String json) {
        return from(ConfigFactory.parseString(json));
    }

    public static ModelSettings defaults() {
        return from(ConfigFactory.defaultReference().getConfig("mcsan.model"));
    }

    /** The defaults with some keys replaced, e.g. {@code of("variant", "audio", "hidden-size", 16)}. */
    public static ModelSettings of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs");
        }
        java.util.Map<String, Object> overrides = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put((String) keyValues[i], keyValues[i + 1]);
        }
        Config base = ConfigFactory.defaultReference().getConfig("mcsan.model");
        return from(ConfigFactory.parseMap(overrides).withFallback(base));
    }

    private static int atLeast(Config c, String key, int min) {
        int v = c.getInt(key);
        if (v < min) {
            throw new IllegalArgumentException("mcsan.model." + key + " = " + v + " must be at least " + min);
        }
        return v;
    }

    private static double probability(Config c, String key) {
        double v = c.getDouble(key);
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(
                    "mcsan.model." + key + " = " + v + " must be a drop probability in [0, 1)");
        }
        return v;
    }

    private static double jitter(Config c, String key) {
        double v = c.getDouble(key);
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("mcsan.model." + key + " = " + v
                    + " must be in [0, 1) (a length is scaled by a factor in [1 - jitter, 1 + jitter])");
        }
        return v;
    }

    private static String oneOf(Config c, String key, String... allowed) {
        String v = c.getString(key);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "mcsan.model." + key + " = '" + v + "' must be one of " + String.join(", ", allowed));
    }

    @Override
    public String toString() {
        return "ModelSettings{variant=" + variant.key() + ", audioDim=" + audioDim + ", textDim=" + textDim
                + ", d=" + hiddenSize + ", heads=" + heads + ", layers=" + layers + ", ffn=" + ffnSize
                + ", conv=" + convChannels + "×k" + convKernel + "/s" + convStride + "/p" + convPadding + " "
                + convActivation
                + ", pool=k" + poolKernel + "/s" + poolStride + ", pe=" + positionalEmbedding
                + ", dropout=" + dropout + "/" + attentionDropout + ", classifier=" + classifierLayers + "×"
                + classifierHiddenSize + " drop " + classifierDropout + "}";
    }
}
