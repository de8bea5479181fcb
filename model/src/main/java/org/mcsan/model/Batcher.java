package org.mcsan.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Turns examples into padded batches for one network configuration, z-normalising the audio.
 *
 * <p>Two cases are defined so that a batch and a lone example always agree:
 * <ul>
 *   <li>Audio shorter than {@link AudioLengths#minimumFrames()} (the fewest frames for which both
 *       conv/pool blocks yield a step; 9 with the defaults) is extended with zero frames — the
 *       training mean after normalisation — to that length, and those frames count as real.</li>
 *   <li>A transcript without words is one all-zero word vector (length 1), so every sequence
 *       has a step to attend to and to pool.</li>
 * </ul>
 * Everything after a sequence's (so defined) length is zero padding, which the network masks.
 */
public final class Batcher {
    private final ModelSettings settings;
    private final Normalizer normalizer;
    private final AudioLengths audioLengths;
    private final int minimumFrames;

    /** {@code normalizer} may be null only for a variant without audio. */
    public Batcher(ModelSettings settings, Normalizer normalizer) {
        if (settings.variant.usesAudio()) {
            if (normalizer == null) {
                throw new IllegalArgumentException(
                        "the " + settings.variant.key() + " variant needs audio normalisation statistics");
            }
            if (normalizer.dim() != settings.audioDim) {
                throw new IllegalArgumentException("normalisation statistics have " + normalizer.dim()
                        + " coefficients, mcsan.model.audio-dim is " + settings.audioDim);
            }
        }
        this.settings = settings;
        this.normalizer = normalizer;
        this.audioLengths = new AudioLengths(settings);
        this.minimumFrames = audioLengths.minimumFrames();
    }

    /** Audio steps an example occupies in a batch (its frames, at least the minimum). */
    public int audioSteps(Example e) {
        return Math.max(e.frames, minimumFrames);
    }

    /** Text steps an example occupies in a batch (its words, at least 1). */
    public static int textSteps(Example e) {
        return Math.max(e.words, 1);
    }

    /** The padded inputs of {@code examples} (in this order). */
    public Batch batch(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot make an empty batch");
        }
        int b = examples.size();
        Variant v = settings.variant;
        float[] audio = null;
        float[] audioLens = null;
        int[] audioFrames = null;
        int audioSteps = 0;
        if (v.usesAudio()) {
            for (Example e : examples) {
                audioSteps = Math.max(audioSteps, audioSteps(e));
            }
            int dim = settings.audioDim;
            audio = new float[b * audioSteps * dim];
            audioLens = new float[b * 4];
            audioFrames = new int[b];
            for (int i = 0; i < b; i++) {
                Example e = examples.get(i);
                normalizer.normalizeInto(e, audio, i * audioSteps * dim);
                audioFrames[i] = audioSteps(e);
                int[] stages = audioLengths.stages(audioSteps(e));
                for (int k = 0; k < 4; k++) {
                    audioLens[i * 4 + k] = stages[k];
                }
            }
        }
        float[] text = null;
        float[] textLens = null;
        int textSteps = 0;
        if (v.usesText()) {
            for (Example e : examples) {
                textSteps = Math.max(textSteps, textSteps(e));
            }
            int dim = settings.textDim;
            text = new float[b * textSteps * dim];
            textLens = new float[b];
            for (int i = 0; i < b; i++) {
                Example e = examples.get(i);
                if (e.words > 0 && e.textDim() != dim) {
                    throw new IllegalArgumentException("utterance " + e.id + ": word vectors have " + e.textDim()
                            + " values, mcsan.model.text-dim is " + dim);
                }
                System.arraycopy(e.text, 0, text, i * textSteps * dim, e.text.length);
                textLens[i] = textSteps(e);
            }
        }
        return new Batch(
                new ArrayList<>(examples),
                audio,
                audioSteps,
                settings.audioDim,
                audioLens,
                audioFrames,
                text,
                textSteps,
                settings.textDim,
                textLens);
    }

    /**
     * The batches of one training epoch: the examples (taken in order of id, so the input order does
     * not matter) shuffled with {@code seed}; with bucketing, each pool of {@code bucket-pool} batches
     * is sorted by audio length (text length without audio), each length scaled by a random factor in
     * [1 - {@code length-jitter}, 1 + {@code length-jitter}] drawn for this epoch, and cut into batches,
     * and the batches are shuffled. The jitter makes batch membership change from epoch to epoch even
     * when one pool holds the whole training set. The last batch may be smaller. The same seed gives
     * the same batches.
     */
    public List<List<Example>> epoch(List<Example> examples, int batchSize, long seed) {
        checkBatchSize(batchSize);
        Random random = new Random(seed);
        List<Example> order = new ArrayList<>(examples);
        // Stable: examples with equal ids (not expected) keep their relative input order.
        order.sort(Comparator.comparing(e -> e.id));
        Collections.shuffle(order, random);
        if (!settings.bucketing) {
            return cut(order, batchSize);
        }
        List<List<Example>> batches = new ArrayList<>();
        int pool = batchSize * settings.bucketPool;
        for (int start = 0; start < order.size(); start += pool) {
            List<Example> chunk = order.subList(start, Math.min(order.size(), start + pool));
            batches.addAll(cut(sortedByJitteredLength(chunk, random), batchSize));
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * {@code chunk} sorted by length times (1 + jitter * u), u uniform in [-1, 1] per example; ties
     * (always, without jitter, between equal lengths) fall back to the exact order of
     * {@link #byLength()} and then to the shuffled order, so jitter 0 is plain length sorting.
     */
    private List<Example> sortedByJitteredLength(List<Example> chunk, Random random) {
        double jitter = settings.lengthJitter;
        List<Keyed> keyed = new ArrayList<>(chunk.size());
        for (Example e : chunk) {
            int length = settings.variant.usesAudio() ? audioSteps(e) : textSteps(e);
            double key = jitter == 0 ? length : length * (1 + jitter * (2 * random.nextDouble() - 1));
            keyed.add(new Keyed(e, key));
        }
        Comparator<Example> exact = byLength();
        keyed.sort(Comparator.<Keyed>comparingDouble(k -> k.key)
                .thenComparing((a, b) -> exact.compare(a.example, b.example)));
        List<Example> sorted = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            sorted.add(k.example);
        }
        return sorted;
    }

    private static final class Keyed {
        final Example example;
        final double key;

        Keyed(Example example, double key) {
            this.example = example;
            this.key = key;
        }
    }

    /**
     * Batches for evaluation or prediction, covering every example once: with bucketing, in order
     * of length (less padding); otherwise in the given order.
     */
    public List<List<Example>> inference(List<Example> examples, int batchSize) {
        checkBatchSize(batchSize);
        List<Example> order = new ArrayList<>(examples);
        if (settings.bucketing) {
            order.sort(byLength());
        }
        return cut(order, batchSize);
    }

    private Comparator<Example> byLength() {
        return settings.variant.usesAudio()
                ? Comparator.comparingInt(this::audioSteps).thenComparingInt(Batcher::textSteps)
                : Comparator.comparingInt(Batcher::textSteps);
    }

    private static List<List<Example>> cut(List<Example> order, int batchSize) {
        List<List<Example>> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            batches.add(new ArrayList<>(order.subList(start, Math.min(order.size(), start + batchSize))));
        }
        return batches;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
