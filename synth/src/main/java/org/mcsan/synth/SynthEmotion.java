package org.mcsan.synth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The IEMOCAP labels the synthetic corpus uses, with how each one sounds and reads.
 *
 * <p><b>Prosody</b> (multipliers of the speaker's own voice, before per-utterance jitter): arousal decides it.
 * The high-arousal labels (ang, hap, exc) are about 6-8 dB louder, ~30 % higher, ~17 % faster, with a wider
 * pitch range, shorter pauses and a pressed voice (abrupt glottal closure: more high-frequency energy); neu and
 * sad are quiet, low, slow, sad a little more so and breathier. Within a pair (ang/hap, neu/sad) the means differ
 * by less than the per-utterance jitter, so audio tells arousal but hardly valence. fru and sur sit in between;
 * xxx (no annotator agreement) borrows the prosody of a random basic label.
 *
 * <p><b>Text</b>: the word groups slot words are drawn from, with probabilities. Valence pairs share most of their
 * words (70 % from the shared group), so text tells valence but hardly arousal.
 */
public enum SynthEmotion {
    //       code   annotators' category   V    A    D    pitch range rate  loud  pause breath closing f1
    NEU(
            "neu",
            "Neutral",
            3.0,
            2.4,
            2.6,
            1.00,
            1.00,
            1.00,
            1.00,
            1.00,
            1.0,
            0.26,
            1.00,
            words(WordGroup.AGREEABLE, 0.7, WordGroup.FACTUAL, 0.3)),
    HAP(
            "hap",
            "Happiness",
            4.1,
            3.4,
            3.1,
            1.34,
            1.80,
            1.14,
            2.10,
            0.75,
            1.0,
            0.17,
            1.07,
            words(WordGroup.AGREEABLE, 0.7, WordGroup.POSITIVE, 0.3)),
    EXC(
            "exc",
            "Excited",
            4.0,
            3.8,
            3.4,
            1.38,
            1.90,
            1.19,
            2.30,
            0.70,
            0.9,
            0.16,
            1.08,
            words(WordGroup.AGREEABLE, 0.7, WordGroup.POSITIVE, 0.3)),
    ANG(
            "ang",
            "Anger",
            1.8,
            3.9,
            3.8,
            1.30,
            1.70,
            1.17,
            2.30,
            0.70,
            0.8,
            0.15,
            1.08,
            words(WordGroup.NEGATIVE, 0.7, WordGroup.HOSTILE, 0.3)),
    SAD(
            "sad",
            "Sadness",
            2.0,
            2.1,
            2.2,
            0.97,
            0.90,
            0.95,
            0.92,
            1.10,
            1.2,
            0.28,
            0.99,
            words(WordGroup.NEGATIVE, 0.7, WordGroup.LOW, 0.3)),
    FRU(
            "fru",
            "Frustration",
            2.1,
            3.2,
            3.0,
            1.12,
            1.30,
            1.05,
            1.50,
            0.90,
            1.1,
            0.20,
            1.03,
            words(WordGroup.NEGATIVE, 0.6, WordGroup.HOSTILE, 0.25, WordGroup.LOW, 0.15)),
    SUR(
            "sur",
            "Surprise",
            3.4,
            3.7,
            2.9,
            1.30,
            2.00,
            1.00,
            1.70,
            0.90,
            1.0,
            0.19,
            1.05,
            words(WordGroup.POSITIVE, 0.4, WordGroup.AGREEABLE, 0.4, WordGroup.FACTUAL, 0.2)),
    /** No agreement among annotators: prosody and words of a random basic label (see {@link #STAND_INS}). */
    XXX(
            "xxx",
            null,
            2.8,
            3.0,
            3.0,
            1.00,
            1.00,
            1.00,
            1.00,
            1.00,
            1.0,
            0.26,
            1.00,
            Collections.<WordGroup, Double>emptyMap());

    /** IEMOCAP label as written in the EmoEvaluation files. */
    final String code;
    /** What an annotator who chose this label writes on a "C-" line; null for xxx (annotators disagree). */
    final String category;
    /** Mean valence, activation, dominance on IEMOCAP's 1-5 scale. */
    final double valence, activation, dominance;
    /** Prosody multipliers of the speaker's voice: F0, pitch range, syllable rate, amplitude, pause length. */
    final double pitch, pitchRange, rate, loudness, pause;
    /** Aspiration noise relative to the speaker's, glottal closing phase as a fraction of the period, F1 scale. */
    final double breathiness, closingQuotient, firstFormant;
    /** Word groups that fill template slots, with probabilities summing to 1 (empty for xxx). */
    final Map<WordGroup, Double> wordGroups;

    SynthEmotion(
            String code,
            String category,
            double valence,
            double activation,
            double dominance,
            double pitch,
            double pitchRange,
            double rate,
            double loudness,
            double pause,
            double breathiness,
            double closingQuotient,
            double firstFormant,
            Map<WordGroup, Double> wordGroups) {
        this.code = code;
        this.category = category;
        this.valence = valence;
        this.activation = activation;
        this.dominance = dominance;
        this.pitch = pitch;
        this.pitchRange = pitchRange;
        this.rate = rate;
        this.loudness = loudness;
        this.pause = pause;
        this.breathiness = breathiness;
        this.closingQuotient = closingQuotient;
        this.firstFormant = firstFormant;
        this.wordGroups = wordGroups;
    }

    /** The IEMOCAP label ("neu", "ang", ...). */
    public String code() {
        return code;
    }

    /** The labels xxx borrows prosody and words from (one drawn per utterance). */
    static final SynthEmotion[] STAND_INS = {NEU, HAP, ANG, SAD, FRU};

    /** The label for an IEMOCAP code, or an error naming the codes the generator supports. */
    public static SynthEmotion ofCode(String code) {
        for (SynthEmotion emotion : values()) {
            if (emotion.code.equals(code.toLowerCase(Locale.ROOT))) {
                return emotion;
            }
        }
        StringBuilder known = new StringBuilder();
        for (SynthEmotion emotion : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(emotion.code);
        }
        throw new IllegalArgumentException("unknown synthetic label '" + code + "' (supported: " + known + ")");
    }

    private static Map<WordGroup, Double> words(Object... groupsAndWeights) {
        Map<WordGroup, Double> weights = new EnumMap<>(WordGroup.class);
        for (int i = 0; i < groupsAndWeights.length; i += 2) {
            weights.put((WordGroup) groupsAndWeights[i], (Double) groupsAndWeights[i + 1]);
        }
        return Collections.unmodifiableMap(weights);
    }
}
