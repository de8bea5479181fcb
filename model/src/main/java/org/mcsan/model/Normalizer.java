package org.mcsan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;

/**
 * Per-coefficient z-normalisation of MFCC frames: mean and (population) standard deviation of
 * each coefficient over all frames of the examples it was fitted on (a fold's training speakers).
 * A coefficient whose standard deviation is below {@value #MIN_STD} is only centred (divided by 1).
 */
public final class Normalizer implements Serializable {
    private static final long serialVersionUID = 1L;
    static final double MIN_STD = 1e-6;

    private final double[] mean;
    private final double[] std;
    private final long frames;

    private Normalizer(double[] mean, double[] std, long frames) {
        this.mean = mean;
        this.std = std;
        this.frames = frames;
    }

    /** Statistics over all frames of {@code examples}, which must all have {@code dim} coefficients. */
    public static Normalizer fit(Iterable<Example> examples, int dim) {
        double[] sum = new double[dim];
        long count = 0;
        for (Example e : examples) {
            checkDim(e, dim);
            for (int i = 0; i < e.mfcc.length; i++) {
                sum[i % dim] += e.mfcc[i];
            }
            count += e.frames;
        }
        if (count == 0) {
            throw new IllegalArgumentException("cannot fit normalisation statistics on no examples");
        }
        double[] mean = new double[dim];
        for (int k = 0; k < dim; k++) {
            mean[k] = sum[k] / count;
        }
        double[] squares = new double[dim];
        for (Example e : examples) {
            for (int i = 0; i < e.mfcc.length; i++) {
                double c = e.mfcc[i] - mean[i % dim];
                squares[i % dim] += c * c;
            }
        }
        double[] std = new double[dim];
        for (int k = 0; k < dim; k++) {
            double s = Math.sqrt(squares[k] / count);
            std[k] = s < MIN_STD ? 1.0 : s;
        }
        return new Normalizer(mean, std, count);
    }

    private static void checkDim(Example e, int dim) {
        if (e.audioDim() != dim) {
            throw new IllegalArgumentException(
                    "utterance " + e.id + ": MFCC frames have " + e.audioDim() + " coefficients, expected " + dim);
        }
    }

    public int dim() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    /** Number of frames the statistics were computed from. */
    public long frames() {
        return frames;
    }

    /** Writes the normalised frames of {@code e} into {@code dst} starting at {@code offset}. */
    public void normalizeInto(Example e, float[] dst, int offset) {
        checkDim(e, mean.length);
        int dim = mean.length;
        for (int i = 0; i < e.mfcc.length; i++) {
            int k = i % dim;
            dst[offset + i] = (float) ((e.mfcc[i] - mean[k]) / std[k]);
        }
    }

    /** The normalised frames of {@code e}, row-major. */
    public float[] normalize(Example e) {
        float[] out = new float[e.mfcc.length];
        normalizeInto(e, out, 0);
        return out;
    }

    /** {"frames": n, "mean": [...], "std": [...]} */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("frames", frames);
        ArrayNode m = root.putArray("mean");
        ArrayNode s = root.putArray("std");
        for (int k = 0; k < mean.length; k++) {
            m.add(mean[k]);
            s.add(std[k]);
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write normalisation statistics as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static Normalizer fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("normalisation statistics are not valid JSON: " + e.getMessage(), e);
        }
        JsonNode m = root == null ? null : root.get("mean");
        JsonNode s = root == null ? null : root.get("std");
        if (m == null || s == null || !m.isArray() || !s.isArray() || m.size() != s.size() || m.size() == 0) {
            throw new IllegalArgumentException(
                    "normalisation statistics need arrays 'mean' and 'std' of equal, non-zero length");
        }
        double[] mean = new double[m.size()];
        double[] std = new double[s.size()];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = m.get(k).asDouble();
            std[k] = s.get(k).asDouble();
            if (!(std[k] > 0) || Double.isNaN(mean[k]) || Double.isInfinite(mean[k]) || Double.isInfinite(std[k])) {
                throw new IllegalArgumentException(
                        "normalisation statistics: coefficient " + k + " has mean " + mean[k] + " and std " + std[k]);
            }
        }
        return new Normalizer(mean, std, root.has("frames") ? root.get("frames").asLong() : 0L);
    }
}
