package org.mcsan.synth;

import java.util.SplittableRandom;

/**
 * How one utterance is spoken: the speaker's {@link Voice} scaled by the emotion's multipliers
 * ({@link SynthEmotion}) and by per-utterance log-normal jitter (F0 5 %, range 15 %, rate 6 %, amplitude 22 %,
 * pauses 20 %), so that utterances of one emotion vary and neighbouring emotions overlap.
 */
final class Prosody {

    /** Mean F0 in Hz. */
    final double f0;
    /** Accent excursion in semitones. */
    final double rangeSemitones;
    /** Syllables per second. */
    final double syllableRate;
    /** Amplitude multiplier. */
    final double amplitude;
    /** Pause length multiplier. */
    final double pauseScale;
    /** Aspiration noise multiplier. */
    final double breathiness;
    /** Fraction of the glottal period taken by the closing phase (smaller: pressed voice, brighter spectrum). */
    final double closingQuotient;
    /** First-formant multiplier (jaw opening). */
    final double firstFormantScale;
    /** Formant multiplier of the speaker. */
    final double tractScale;
    /** Semitones added at the end (surprise rises). */
    final double finalRiseSemitones;

    private Prosody(
            double f0,
            double rangeSemitones,
            double syllableRate,
            double amplitude,
            double pauseScale,
            double breathiness,
            double closingQuotient,
            double firstFormantScale,
            double tractScale,
            double finalRiseSemitones) {
        this.f0 = f0;
        this.rangeSemitones = rangeSemitones;
        this.syllableRate = syllableRate;
        this.amplitude = amplitude;
        this.pauseScale = pauseScale;
        this.breathiness = breathiness;
        this.closingQuotient = closingQuotient;
        this.firstFormantScale = firstFormantScale;
        this.tractScale = tractScale;
        this.finalRiseSemitones = finalRiseSemitones;
    }

    /** The prosody of one utterance; {@code emotion} is the label whose sound is used (a stand-in for xxx). */
    static Prosody draw(Voice voice, SynthEmotion emotion, SplittableRandom random) {
        if (emotion == SynthEmotion.XXX) {
            throw new IllegalArgumentException("xxx has no prosody of its own: draw a stand-in label first");
        }
        return new Prosody(
                voice.f0 * emotion.pitch * RandomDraws.jitter(random, 0.05),
                voice.rangeSemitones * emotion.pitchRange * RandomDraws.jitter(random, 0.15),
                voice.syllableRate * emotion.rate * RandomDraws.jitter(random, 0.06),
                voice.loudness * emotion.loudness * RandomDraws.jitter(random, 0.22),
                emotion.pause * RandomDraws.jitter(random, 0.20),
                voice.breathiness * emotion.breathiness,
                emotion.closingQuotient,
                emotion.firstFormant,
                voice.tractScale,
                emotion == SynthEmotion.SUR ? 4.0 : 0.0);
    }
}
