package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network learns small synthetic problems whose label is carried by the audio only, by the
 * text only, or by both together (the XOR of an audio bit and a text bit), and a variant without
 * the needed modality cannot.
 */
class LearningTest {
    private static final int EPOCHS = 12;

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    private enum Task {
        AUDIO,
        TEXT,
        XOR
    }

    private static ModelSettings settings(String variant) {
        return ModelSettings.of(
                "variant",
                variant,
                "audio-dim",
                4,
                "text-dim",
                6,
                "hidden-size",
                16,
                "heads",
                2,
                "ffn-size",
                32,
                "conv-channels",
                8,
                "classifier-hidden-size",
                16,
                "dropout",
                0.1,
                "attention-dropout",
                0.0,
                "classifier-dropout",
                0.1);
    }

    /**
     * Each utterance carries an audio bit (the sign of an offset ±1.5 on MFCC coefficient 0 of every
     * frame) and an independent text bit (the same on dimension 0 of every word vector), under
     * unit Gaussian noise; the label is one of the bits or their XOR.
     */
    private static List<Example> data(Task task, int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int audioBit = r.nextInt(2);
            int textBit = r.nextInt(2);
            int frames = 10 + r.nextInt(40);
            int words = 1 + r.nextInt(6);
            float[] mfcc = new float[frames * 4];
            for (int j = 0; j < mfcc.length; j++) {
                mfcc[j] = (float) r.nextGaussian() + (j % 4 == 0 ? (audioBit == 1 ? 1.5f : -1.5f) : 0f);
            }
            float[] text = new float[words * 6];
            for (int j = 0; j < text.length; j++) {
                text[j] = (float) r.nextGaussian() + (j % 6 == 0 ? (textBit == 1 ? 1.5f : -1.5f) : 0f);
            }
            int label = task == Task.AUDIO ? audioBit : task == Task.TEXT ? textBit : audioBit ^ textBit;
            out.add(new Example("u" + i, label, mfcc, frames, text, words));
        }
        return out;
    }

    /** Test accuracy after training {@code variant} on {@code task}. */
    private static double accuracy(Task task, String variant) {
        ModelSettings s = settings(variant);
        List<Example> train = data(task, 384, 1);
        List<Example> test = data(task, 192, 2);
        Batcher batcher = new Batcher(s, Normalizer.fit(train, 4));
        McsanModel model = McsanModel.build(s, 2, 3);
        Adam<Object> adam = Bigdl.adam(3e-3);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (List<Example> b : batcher.epoch(train, 32, epoch)) {
                model.trainStep(batcher.batch(b), adam);
            }
        }
        int correct = 0;
        for (List<Example> b : batcher.inference(test, 64)) {
            float[][] p = model.predict(batcher.batch(b));
            for (int i = 0; i < b.size(); i++) {
                int predicted = p[i][1] > p[i][0] ? 1 : 0;
                correct += predicted == b.get(i).label ? 1 : 0;
            }
        }
        double acc = correct / (double) test.size();
        System.out.printf("%s task, %s variant: test accuracy %.3f%n", task, variant, acc);
        return acc;
    }

    @Test
    void theAudioVariantLearnsALabelCarriedByTheAudio() {
        assertTrue(accuracy(Task.AUDIO, "audio") >= 0.9);
    }

    @Test
    void theTextVariantLearnsALabelCarriedByTheText() {
        assertTrue(accuracy(Task.TEXT, "text") >= 0.9);
    }

    @Test
    void variantsWithBothModalitiesLearnTheirXor() {
        assertTrue(accuracy(Task.XOR, "full") >= 0.85);
        assertTrue(accuracy(Task.XOR, "cross") >= 0.85);
        assertTrue(accuracy(Task.XOR, "self") >= 0.85);
    }

    @Test
    void oneModalityAloneCannotLearnTheXor() {
        assertTrue(accuracy(Task.XOR, "audio") <= 0.65);
    }
}
