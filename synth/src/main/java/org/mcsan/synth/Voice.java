package org.mcsan.synth;

import java.util.SplittableRandom;

/**
 * One speaker's voice at neutral emotion: F0, pitch range, vocal-tract length (scales all formants), speaking
 * rate, loudness and breathiness. Female voices have ~190-230 Hz F0 and ~16 % higher formants, male voices
 * ~100-135 Hz; rate, loudness and breathiness vary per speaker regardless of sex.
 */
final class Voice {

    /** 'F' or 'M', as in IEMOCAP speaker ids. */
    final char sex;
    /** Mean F0 in Hz. */
    final double f0;
    /** Typical pitch excursion of an accent, in semitones. */
    final double rangeSemitones;
    /** Formant frequency multiplier (shorter vocal tract: higher). */
    final double tractScale;
    /** Syllables per second. */
    final double syllableRate;
    /** Amplitude multiplier. */
    final double loudness;
    /** Aspiration noise multiplier. */
    final double breathiness;

    private Voice(
            char sex,
            double f0,
            double rangeSemitones,
            double tractScale,
            double syllableRate,
            double loudness,
            double breathiness) {
        this.sex = sex;
        this.f0 = f0;
        this.rangeSemitones = rangeSemitones;
        this.tractScale = tractScale;
        this.syllableRate = syllableRate;
        this.loudness = loudness;
        this.breathiness = breathiness;
    }

    static Voice draw(char sex, SplittableRandom random) {
        boolean female = sex == 'F';
        if (!female && sex != 'M') {
            throw new IllegalArgumentException("speaker sex must be 'F' or 'M', was '" + sex + "'");
        }
        return new Voice(
                sex,
                female ? RandomDraws.uniform(random, 190, 230) : RandomDraws.uniform(random, 100, 135),
                RandomDraws.uniform(random, 2.5, 4.0),
                female ? RandomDraws.uniform(random, 1.12, 1.20) : RandomDraws.uniform(random, 0.96, 1.04),
                RandomDraws.uniform(random, 3.9, 4.8),
                RandomDraws.uniform(random, 0.85, 1.15),
                RandomDraws.uniform(random, 0.7, 1.3));
    }
}
