package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpeechSynthesizerTest {

    private static Prosody prosody(SynthEmotion emotion, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return Prosody.draw(Voice.draw('F', random), emotion, random);
    }

    @Test
    void longSpeechIsSqueezedAndShortSpeechPaddedIntoTheDurationRange() {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder manyWords = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            manyWords.append("wonderful ");
        }
        SpeechSynthesizer.Plan squeezed = SpeechSynthesizer.plan(
                manyWords.toString().trim() + ".", prosody(SynthEmotion.SAD, 1), 1.5, 4.0, random);
        assertEquals(64000, squeezed.samples);
        SpeechSynthesizer.Plan padded = SpeechSynthesizer.plan("Yeah.", prosody(SynthEmotion.ANG, 1), 1.5, 4.0, random);
        assertEquals(24000, padded.samples);
        for (SpeechSynthesizer.Plan plan : new SpeechSynthesizer.Plan[] {squeezed, padded}) {
            int previousEnd = 0;
            for (SpeechSynthesizer.Segment segment : plan.segments) {
                assertEquals(previousEnd, segment.start, "segments tile the utterance");
                assertTrue(segment.end >= segment.start);
                previousEnd = segment.end;
            }
            assertEquals(plan.samples, previousEnd);
        }
    }

    @Test
    void emotionsSpeakAtTheirOwnRate() {
        SplittableRandom random = new SplittableRandom(2);
        String text = "I don't know about that. What do you mean?";
        double fast = 0, slow = 0;
        for (int i = 0; i < 30; i++) {
            fast += SpeechSynthesizer.plan(text, prosody(SynthEmotion.ANG, i), 0.5, 60, random)
                    .seconds();
            slow += SpeechSynthesizer.plan(text, prosody(SynthEmotion.SAD, i), 0.5, 60, random)
                    .seconds();
        }
        assertTrue(slow > 1.15 * fast, "sad " + slow / 30 + " s, angry " + fast / 30 + " s");
    }

    @Test
    void rendersBoundedSpeechWithQuietSilences() {
        SplittableRandom random = new SplittableRandom(3);
        Prosody prosody = prosody(SynthEmotion.EXC, 3);
        SpeechSynthesizer.Plan plan =
                SpeechSynthesizer.plan("Wow, that's so wonderful! We have to celebrate.", prosody, 1.5, 4.0, random);
        float[] audio = SpeechSynthesizer.render(plan, prosody, random);
        assertEquals(plan.samples, audio.length);
        double speech = 0, silence = 0;
        int speechSamples = 0, silenceSamples = 0;
        for (SpeechSynthesizer.Segment segment : plan.segments) {
            for (int i = segment.start; i < segment.end; i++) {
                assertTrue(Math.abs(audio[i]) <= 1f && !Float.isNaN(audio[i]));
                if (segment.kind == SpeechSynthesizer.Kind.VOWEL) {
                    speech += audio[i] * audio[i];
                    speechSamples++;
                }
            }
        }
        SpeechSynthesizer.Segment lead = plan.segments.get(0);
        for (int i = lead.start; i < lead.end; i++) {
            silence += audio[i] * audio[i];
            silenceSamples++;
        }
        double ratioDb = 10 * Math.log10((speech / speechSamples) / (silence / silenceSamples));
        assertTrue(ratioDb > 40, "vowels are " + ratioDb + " dB above the leading silence");
    }
}
