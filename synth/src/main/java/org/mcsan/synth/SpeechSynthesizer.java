package org.mcsan.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small formant synthesizer that turns a transcript into speech-like audio at 16 kHz.
 *
 * <p>Each word's letters become syllables (vowel groups with their consonants), each syllable a few segments:
 * a vowel with formant targets, and consonants as stop closures and bursts, fricative noise, aspiration or
 * voiced sonorants. Rendering follows a cascade formant synthesizer: a glottal source (a Rosenberg-style
 * polynomial pulse, differentiated for lip radiation, with aspiration noise) runs through three resonators for
 * F1-F3 whose targets glide from segment to segment; fricatives and bursts are noise through a resonator of their
 * own. The pitch contour declines over the utterance and rises on accented syllables. Parameters change every
 * {@value #BLOCK} samples (2 ms); per sample only a phase accumulator, a polynomial and four two-pole filters run,
 * so no trigonometry is evaluated per sample.
 */
final class SpeechSynthesizer {

    static final int SAMPLE_RATE = 16000;
    private static final int BLOCK = 32;

    /** Overall level: neutral speech comes out near -33 dBFS RMS, angry speech near -24 dBFS. */
    private static final double SOURCE_GAIN = 0.05;
    /** Above this magnitude samples are compressed smoothly towards 1 instead of clipping (loud voices' peaks). */
    private static final double LIMITER_KNEE = 0.85;

    private static final double FRICATIVE_GAIN = 0.08;
    private static final double BACKGROUND_NOISE = 0.0003;
    private static final double[] FORMANT_BANDWIDTHS = {80, 100, 150};

    enum Kind {
        SILENCE,
        CLOSURE,
        BURST,
        FRICATIVE,
        ASPIRATION,
        SONORANT,
        VOWEL
    }

    /** One stretch of sound with constant targets. Formants are those of an average adult male in Hz. */
    static final class Segment {
        final Kind kind;
        double seconds;
        final double level;
        final boolean voiced;
        /** Centre frequency and bandwidth of the noise of fricatives and bursts. */
        final double noiseHz, noiseBandwidth;
        /** Formant targets; consonants take those of the vowel they lead to (coarticulation). */
        double f1, f2, f3;
        /** Pitch accent in units of the speaker's range (vowels only). */
        double accent;

        int start, end;

        Segment(
                Kind kind,
                double seconds,
                double level,
                boolean voiced,
                double noiseHz,
                double noiseBandwidth,
                double f1,
                double f2,
                double f3) {
            this.kind = kind;
            this.seconds = seconds;
            this.level = level;
            this.voiced = voiced;
            this.noiseHz = noiseHz;
            this.noiseBandwidth = noiseBandwidth;
            this.f1 = f1;
            this.f2 = f2;
            this.f3 = f3;
        }
    }

    /** The segments of one utterance laid out on the sample grid; {@link #samples} is its length. */
    static final class Plan {
        final List<Segment> segments;
        final int samples;
        final double finalRiseSemitones;

        Plan(List<Segment> segments, int samples, double finalRiseSemitones) {
            this.segments = Collections.unmodifiableList(segments);
            this.samples = samples;
            this.finalRiseSemitones = finalRiseSemitones;
        }

        double seconds() {
            return samples / (double) SAMPLE_RATE;
        }
    }

    private SpeechSynthesizer() {}

    /**
     * Lays out the transcript as segments at the prosody's speaking rate. The result lasts between
     * {@code minSeconds} and {@code maxSeconds}: speech that would be longer is spoken faster, shorter speech gets
     * more leading and trailing silence.
     */
    static Plan plan(
            String transcript, Prosody prosody, double minSeconds, double maxSeconds, SplittableRandom random) {
        List<Segment> speech = new ArrayList<>();
        String[] words = transcript.trim().split("\\s+");
        double syllableSeconds = 1.0 / prosody.syllableRate;
        for (int w = 0; w < words.length; w++) {
            boolean lastWord = w == words.length - 1;
            List<Segment> word = Phonetics.word(words[w], syllableSeconds, lastWord, random);
            speech.addAll(word);
            if (!lastWord) {
                double pause = pauseAfter(words[w], random);
                if (pause > 0) {
                    speech.add(silence(pause * prosody.pauseScale));
                }
            }
        }
        if (transcript.trim().endsWith("?")) {
            lastVowel(speech).accent += 1.2; // questions rise at the end
        }

        double lead = Math.min(RandomDraws.uniform(random, 0.08, 0.30), 0.15 * minSeconds);
        double trail = Math.min(RandomDraws.uniform(random, 0.10, 0.35), 0.15 * minSeconds);
        double speechSeconds = 0;
        for (Segment segment : speech) {
            speechSeconds += segment.seconds;
        }
        double total = lead + speechSeconds + trail;
        if (total > maxSeconds) {
            double squeeze = (maxSeconds - lead - trail) / speechSeconds;
            for (Segment segment : speech) {
                segment.seconds *= squeeze;
            }
            total = maxSeconds;
        } else if (total < minSeconds) {
            lead += (minSeconds - total) / 2;
            trail += (minSeconds - total) / 2;
            total = minSeconds;
        }

        List<Segment> all = new ArrayList<>(speech.size() + 2);
        all.add(silence(lead));
        all.addAll(speech);
        all.add(silence(trail));
        int samples = (int) Math.round(total * SAMPLE_RATE);
        samples = Math.max(samples, (int) Math.ceil(minSeconds * SAMPLE_RATE));
        samples = Math.min(samples, (int) Math.floor(maxSeconds * SAMPLE_RATE));
        double clock = 0;
        for (Segment segment : all) {
            segment.start = Math.min(samples, (int) Math.round(clock * SAMPLE_RATE));
            clock += segment.seconds;
            segment.end = Math.min(samples, (int) Math.round(clock * SAMPLE_RATE));
        }
        all.get(all.size() - 1).end = samples;
        return new Plan(all, samples, prosody.finalRiseSemitones);
    }

    private static double pauseAfter(String word, SplittableRandom random) {
        char last = word.charAt(word.length() - 1);
        if (last == '.' || last == '!' || last == '?') {
            return RandomDraws.uniform(random, 0.20, 0.40);
        }
        if (last == ',' || last == ';' || last == ':') {
            return RandomDraws.uniform(random, 0.12, 0.25);
        }
        return random.nextDouble() < 0.3 ? RandomDraws.uniform(random, 0.02, 0.08) : 0.0;
    }

    private static Segment silence(double seconds) {
        return new Segment(Kind.SILENCE, seconds, 0, false, 0, 0, 0, 0, 0);
    }

    private static Segment lastVowel(List<Segment> segments) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).kind == Kind.VOWEL) {
                return segments.get(i);
            }
        }
        throw new IllegalStateException("an utterance without vowels");
    }

    /** Renders a plan to samples in [-1, 1]. */
    static float[] render(Plan plan, Prosody prosody, SplittableRandom random) {
        float[] out = new float[plan.samples];
        List<Segment> segments = plan.segments;
        long noise = random.nextLong() | 1L; // xorshift state, never zero
        double tractScale = prosody.tractScale;
        double gain = SOURCE_GAIN * prosody.amplitude;
        double openEnd = 0.38; // opening phase of the glottal pulse, fraction of period
        double closeEnd = openEnd + prosody.closingQuotient;
        double inverseOpening = 1.0 / openEnd;
        double inverseClosing = 1.0 / prosody.closingQuotient;
        double breath = 0.05 * prosody.breathiness;
        // The glottal closure's strongest step is about 2 f0 / (fs * closing quotient): dividing by it makes the
        // excitation's peak independent of pitch and voice quality, so amplitude follows the prosody's loudness.
        double excitationScale = prosody.closingQuotient * SAMPLE_RATE / (2.0 * prosody.f0);
        double lastVowelStart = lastVowel(segments).start;

        // Smoothed parameters (per block) and filter state (per sample).
        double voice = 0, aspiration = 0, fricative = 0, accent = 0, drift = 0;
        double f1 = 500, f2 = 1500, f3 = 2500;
        double increment = prosody.f0 / SAMPLE_RATE;
        double phase = 0, previousFlow = 0, previousNoise = 0;
        double r1a = 0, r1b = 0, r2a = 0, r2b = 0, r3a = 0, r3b = 0, fa = 0, fb = 0;

        int segmentIndex = 0;
        for (int blockStart = 0; blockStart < plan.samples; blockStart += BLOCK) {
            int blockEnd = Math.min(plan.samples, blockStart + BLOCK);
            int middle = (blockStart + blockEnd) / 2;
            while (segmentIndex < segments.size() - 1 && segments.get(segmentIndex).end <= middle) {
                segmentIndex++;
            }
            Segment segment = segments.get(segmentIndex);
            double position = segment.end > segment.start
                    ? (middle - segment.start) / (double) (segment.end - segment.start)
                    : 0.5;

            double voiceTarget = 0, aspirationTarget = 0, fricativeTarget = 0, accentTarget = 0;
            switch (segment.kind) {
                case VOWEL:
                    voiceTarget = segment.level * (0.75 + 0.25 * StrictMath.sin(Math.PI * position));
                    aspirationTarget = breath * segment.level;
                    accentTarget = segment.accent;
                    break;
                case SONORANT:
                    voiceTarget = 0.4 * segment.level;
                    aspirationTarget = 0.5 * breath;
                    break;
                case FRICATIVE:
                    voiceTarget = segment.voiced ? 0.12 : 0;
                    fricativeTarget = segment.level;
                    break;
                case BURST:
                    fricativeTarget = segment.level;
                    aspirationTarget = 0.15;
                    break;
                case CLOSURE:
                    voiceTarget = segment.voiced ? 0.06 : 0;
                    break;
                case ASPIRATION:
                    aspirationTarget = 0.35 * segment.level;
                    break;
                default:
                    break;
            }
            double voiceStart = voice, aspirationStart = aspiration, fricativeStart = fricative;
            double incrementStart = increment;
            voice += 0.3 * (voiceTarget - voice);
            aspiration += 0.3 * (aspirationTarget - aspiration);
            fricative += 0.6 * (fricativeTarget - fricative);
            accent += 0.08 * (accentTarget - accent);
            drift = 0.98 * drift + 0.03 * RandomDraws.gaussian(random);
            if (segment.kind != Kind.SILENCE) { // in silence the formants stay where they were
                f1 += 0.25 * (segment.f1 * tractScale * prosody.firstFormantScale - f1);
                f2 += 0.25 * (segment.f2 * tractScale - f2);
                f3 += 0.25 * (segment.f3 * tractScale - f3);
            }

            // Pitch: declination from +0.5 to -0.5 range units, accents, a slow drift, rises at the end.
            double progress = middle / (double) plan.samples;
            double semitones = prosody.rangeSemitones * (0.5 - progress + accent) + drift;
            if (plan.finalRiseSemitones > 0 && middle > lastVowelStart) {
                semitones += plan.finalRiseSemitones * (middle - lastVowelStart) / (plan.samples - lastVowelStart);
            }
            increment = prosody.f0 * StrictMath.pow(2.0, semitones / 12.0) / SAMPLE_RATE;

            double[] c1 = resonator(f1, FORMANT_BANDWIDTHS[0]);
            double[] c2 = resonator(f2, FORMANT_BANDWIDTHS[1]);
            double[] c3 = resonator(f3, FORMANT_BANDWIDTHS[2]);
            double[] cf = segment.noiseHz > 0
                    ? resonator(segment.noiseHz * tractScale, segment.noiseBandwidth)
                    : resonator(4000, 2000);

            int length = blockEnd - blockStart;
            double voiceStep = (voice - voiceStart) / length;
            double aspirationStep = (aspiration - aspirationStart) / length;
            double fricativeStep = (fricative - fricativeStart) / length;
            double incrementStep = (increment - incrementStart) / length;
            double v = voiceStart, a = aspirationStart, f = fricativeStart, inc = incrementStart;
            for (int i = blockStart; i < blockEnd; i++) {
                v += voiceStep;
                a += aspirationStep;
                f += fricativeStep;
                inc += incrementStep;

                phase += inc;
                if (phase >= 1.0) {
                    phase -= 1.0;
                }
                double flow;
                if (phase < openEnd) {
                    double x = phase * inverseOpening;
                    flow = x * x * (3.0 - 2.0 * x);
                } else if (phase < closeEnd) {
                    double y = (phase - openEnd) * inverseClosing;
                    flow = 1.0 - y * y;
                } else {
                    flow = 0.0;
                }
                double radiated = flow - previousFlow; // lip radiation: first difference of the flow
                previousFlow = flow;

                noise ^= noise >>> 12;
                noise ^= noise << 25;
                noise ^= noise >>> 27;
                long bits = noise * 0x2545F4914F6CDD1DL;
                double white1 = (int) bits * 0x1.0p-31; // low 32 bits, in [-1, 1)
                double white2 = (int) (bits >>> 32) * 0x1.0p-31; // high 32 bits

                // Aspiration is louder while the glottis is open, as in real breathy voice.
                double source = v * radiated * excitationScale + a * white1 * (0.4 + 0.6 * flow);
                double y1 = c1[0] * source + c1[1] * r1a + c1[2] * r1b;
                r1b = r1a;
                r1a = y1;
                double y2 = c2[0] * y1 + c2[1] * r2a + c2[2] * r2b;
                r2b = r2a;
                r2a = y2;
                double y3 = c3[0] * y2 + c3[1] * r3a + c3[2] * r3b;
                r3b = r3a;
                r3a = y3;

                double hiss = f * (white2 - previousNoise); // differenced noise: fricatives are bright
                previousNoise = white2;
                double yf = cf[0] * hiss + cf[1] * fa + cf[2] * fb;
                fb = fa;
                fa = yf;

                double sample = gain * (y3 + FRICATIVE_GAIN * yf) + BACKGROUND_NOISE * white1;
                out[i] = (float) limit(sample);
            }
        }
        return out;
    }

    private static double limit(double sample) {
        double magnitude = Math.abs(sample);
        if (magnitude <= LIMITER_KNEE) {
            return sample;
        }
        double compressed = LIMITER_KNEE
                + (1.0 - LIMITER_KNEE) * StrictMath.tanh((magnitude - LIMITER_KNEE) / (1.0 - LIMITER_KNEE));
        return Math.copySign(Math.min(compressed, 32767.0 / 32768.0), sample);
    }

    /** Coefficients {a, b, c} of y[n] = a x[n] + b y[n-1] + c y[n-2], a two-pole resonator with unit gain at DC. */
    private static double[] resonator(double frequency, double bandwidth) {
        double nyquistSafe = Math.min(frequency, 0.45 * SAMPLE_RATE);
        double r = StrictMath.exp(-Math.PI * bandwidth / SAMPLE_RATE);
        double b = 2.0 * r * StrictMath.cos(2.0 * Math.PI * nyquistSafe / SAMPLE_RATE);
        double c = -r * r;
        return new double[] {1.0 - b - c, b, c};
    }

    /** Letters to syllables to segments. Rough English spelling rules; the aim is varied, speech-like sound. */
    static final class Phonetics {

        private Phonetics() {}

        /** The segments of one word; {@code syllableSeconds} is the speaker's mean syllable length. */
        static List<Segment> word(String rawWord, double syllableSeconds, boolean lastWord, SplittableRandom random) {
            String word = letters(rawWord);
            List<int[]> groups = vowelGroups(word);
            List<Segment> segments = new ArrayList<>();
            if (groups.isEmpty()) {
                // "hmm", "shh": a hum.
                segments.add(vowel("u", syllableSeconds * 0.9, 0.6));
                return segments;
            }
            boolean stressed = word.length() >= 4;
            for (int g = 0; g < groups.size(); g++) {
                int[] group = groups.get(g);
                int onsetStart = g == 0 ? 0 : onsetStart(word, groups.get(g - 1)[1], group[0]);
                int codaEnd = g == groups.size() - 1 ? word.length() : onsetStart(word, group[1], groups.get(g + 1)[0]);
                boolean stress = stressed && g == 0;
                boolean finalSyllable = lastWord && g == groups.size() - 1;
                double length = syllableSeconds
                        * (stress ? 1.25 : 0.8)
                        * RandomDraws.uniform(random, 0.85, 1.15)
                        * (finalSyllable ? 1.3 : 1.0);
                double level = stress ? 1.0 : 0.7;

                List<Segment> onset = consonants(word.substring(onsetStart, group[0]), length, random);
                List<Segment> coda = consonants(word.substring(group[1], codaEnd), length, random);
                double consonantSeconds = 0;
                for (Segment consonant : onset) {
                    consonantSeconds += consonant.seconds;
                }
                for (Segment consonant : coda) {
                    consonantSeconds += consonant.seconds;
                }
                Segment nucleus = vowel(
                        word.substring(group[0], group[1]), Math.max(0.35 * length, length - consonantSeconds), level);
                if (stress && random.nextDouble() < 0.6) {
                    nucleus.accent = RandomDraws.uniform(random, 0.5, 1.0);
                }
                coarticulate(onset, nucleus);
                coarticulate(coda, nucleus);
                segments.addAll(onset);
                segments.add(nucleus);
                segments.addAll(coda);
            }
            return segments;
        }

        /** Obstruents take the formants of their vowel (sonorants keep their own). */
        private static void coarticulate(List<Segment> consonants, Segment vowel) {
            for (Segment consonant : consonants) {
                if (consonant.kind != Kind.SONORANT) {
                    consonant.f1 = vowel.f1;
                    consonant.f2 = vowel.f2;
                    consonant.f3 = vowel.f3;
                }
            }
        }

        private static String letters(String word) {
            StringBuilder letters = new StringBuilder();
            for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    letters.append(c);
                }
            }
            return letters.toString();
        }

        private static boolean isVowelLetter(String word, int i) {
            char c = word.charAt(i);
            if ("aeiou".indexOf(c) >= 0) {
                return true;
            }
            // "y" is a vowel after a consonant ("my", "happy"), a consonant at the start ("yes").
            return c == 'y' && i > 0 && "aeiou".indexOf(word.charAt(i - 1)) < 0;
        }

        /** [start, end) of each run of vowel letters, without a silent final "e" ("like", "hate"). */
        private static List<int[]> vowelGroups(String word) {
            List<int[]> groups = new ArrayList<>();
            int i = 0;
            while (i < word.length()) {
                if (isVowelLetter(word, i)) {
                    int start = i;
                    while (i < word.length() && isVowelLetter(word, i)) {
                        i++;
                    }
                    groups.add(new int[] {start, i});
                } else {
                    i++;
                }
            }
            if (groups.size() > 1) {
                int[] last = groups.get(groups.size() - 1);
                if (last[1] == word.length() && last[1] - last[0] == 1 && word.charAt(last[0]) == 'e') {
                    groups.remove(groups.size() - 1);
                }
            }
            return groups;
        }

        /** Between two vowel groups, one consonant goes to the next syllable, the rest stay with the previous. */
        private static int onsetStart(String word, int previousVowelEnd, int nextVowelStart) {
            return nextVowelStart - previousVowelEnd >= 2 ? previousVowelEnd + 1 : previousVowelEnd;
        }

        private static Segment vowel(String spelling, double seconds, double level) {
            double[] f = vowelFormants(spelling);
            return new Segment(Kind.VOWEL, seconds, level, true, 0, 0, f[0], f[1], f[2]);
        }

        /** Formants (Hz, adult male, after Peterson and Barney) for a spelled vowel. */
        private static double[] vowelFormants(String spelling) {
            String head = spelling.length() >= 2 ? spelling.substring(0, 2) : spelling;
            switch (head) {
                case "ee":
                case "ea":
                case "ie":
                case "ey":
                    return new double[] {270, 2290, 3010}; // beet
                case "oo":
                case "ou":
                case "ue":
                case "ew":
                    return new double[] {300, 870, 2240}; // boot
                case "ai":
                case "ay":
                case "ei":
                    return new double[] {480, 2000, 2600}; // bait
                case "oa":
                case "ow":
                case "oe":
                    return new double[] {570, 840, 2410}; // boat
                case "au":
                case "aw":
                    return new double[] {730, 1090, 2440}; // father
                default:
                    break;
            }
            switch (spelling.charAt(0)) {
                case 'a':
                    return new double[] {660, 1720, 2410}; // cat
                case 'e':
                    return new double[] {530, 1840, 2480}; // bed
                case 'i':
                    return new double[] {390, 1990, 2550}; // bit
                case 'o':
                    return new double[] {730, 1090, 2440}; // hot
                case 'y':
                    return new double[] {270, 2290, 3010}; // happy
                default:
                    return new double[] {640, 1190, 2390}; // cup
            }
        }

        /** A consonant cluster as at most two consonants (its first and last), each ~16 % of the syllable. */
        private static List<Segment> consonants(String cluster, double syllable, SplittableRandom random) {
            List<String> phones = new ArrayList<>();
            int i = 0;
            while (i < cluster.length()) {
                String digraph = i + 1 < cluster.length() ? cluster.substring(i, i + 2) : "";
                if (digraph.equals("sh")
                        || digraph.equals("ch")
                        || digraph.equals("th")
                        || digraph.equals("ph")
                        || digraph.equals("ck")
                        || digraph.equals("ng")
                        || digraph.equals("wh")) {
                    phones.add(digraph);
                    i += 2;
                } else {
                    phones.add(cluster.substring(i, i + 1));
                    i++;
                }
            }
            if (phones.size() > 2) {
                phones = Arrays.asList(phones.get(0), phones.get(phones.size() - 1));
            }
            List<Segment> segments = new ArrayList<>();
            for (String phone : phones) {
                addConsonant(segments, phone, syllable * 0.16 * RandomDraws.uniform(random, 0.8, 1.2));
            }
            return segments;
        }

        private static void addConsonant(List<Segment> out, String phone, double seconds) {
            switch (phone) {
                case "p":
                    stop(out, seconds, 1200, false);
                    break;
                case "b":
                    stop(out, seconds, 1200, true);
                    break;
                case "t":
                    stop(out, seconds, 4000, false);
                    break;
                case "d":
                    stop(out, seconds, 3800, true);
                    break;
                case "k":
                case "c":
                case "q":
                case "ck":
                    stop(out, seconds, 2500, false);
                    break;
                case "g":
                    stop(out, seconds, 2200, true);
                    break;
                case "s":
                case "x":
                    fricative(out, seconds, 5000, 1500, 0.8, false);
                    break;
                case "z":
                    fricative(out, seconds, 5000, 1500, 0.6, true);
                    break;
                case "sh":
                case "ch":
                    fricative(out, seconds, 2800, 900, 0.8, false);
                    break;
                case "j":
                    fricative(out, seconds, 2800, 900, 0.5, true);
                    break;
                case "f":
                case "ph":
                    fricative(out, seconds, 6500, 3000, 0.35, false);
                    break;
                case "v":
                    fricative(out, seconds, 6500, 3000, 0.3, true);
                    break;
                case "th":
                    fricative(out, seconds, 6000, 3000, 0.3, false);
                    break;
                case "h":
                    out.add(new Segment(Kind.ASPIRATION, seconds, 1.0, false, 0, 0, 500, 1500, 2500));
                    break;
                case "m":
                    sonorant(out, seconds, 280, 1100, 2200, 0.8);
                    break;
                case "n":
                case "ng":
                    sonorant(out, seconds, 280, 1500, 2500, 0.8);
                    break;
                case "l":
                    sonorant(out, seconds, 360, 1100, 2700, 1.0);
                    break;
                case "r":
                    sonorant(out, seconds, 420, 1300, 1600, 1.0);
                    break;
                case "w":
                case "wh":
                    sonorant(out, seconds, 300, 700, 2200, 1.0);
                    break;
                case "y":
                    sonorant(out, seconds, 280, 2200, 2900, 1.0);
                    break;
                default:
                    break;
            }
        }

        private static void stop(List<Segment> out, double seconds, double burstHz, boolean voiced) {
            double burst = Math.max(0.008, 0.3 * seconds);
            out.add(new Segment(Kind.CLOSURE, seconds - burst, 0, voiced, 0, 0, 500, 1500, 2500));
            out.add(new Segment(Kind.BURST, burst, voiced ? 0.7 : 1.0, false, burstHz, 2000, 500, 1500, 2500));
        }

        private static void fricative(
                List<Segment> out, double seconds, double hz, double bandwidth, double level, boolean voiced) {
            out.add(new Segment(Kind.FRICATIVE, seconds, level, voiced, hz, bandwidth, 500, 1500, 2500));
        }

        private static void sonorant(List<Segment> out, double seconds, double f1, double f2, double f3, double level) {
            out.add(new Segment(Kind.SONORANT, seconds, level, true, 0, 0, f1, f2, f3));
        }
    }
}
