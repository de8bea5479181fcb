package org.mcsan.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcsan.features.audio.TestWav.ADPCM;
import static org.mcsan.features.audio.TestWav.IEEE_FLOAT;
import static org.mcsan.features.audio.TestWav.PCM;
import static org.mcsan.features.audio.TestWav.chunk;
import static org.mcsan.features.audio.TestWav.chunkDeclaring;
import static org.mcsan.features.audio.TestWav.data;
import static org.mcsan.features.audio.TestWav.doubles;
import static org.mcsan.features.audio.TestWav.floats;
import static org.mcsan.features.audio.TestWav.fmt;
import static org.mcsan.features.audio.TestWav.fmtExtensible;
import static org.mcsan.features.audio.TestWav.ints;
import static org.mcsan.features.audio.TestWav.riff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    private static Audio read(byte[] bytes) throws AudioFormatException {
        return WavReader.read(bytes, "test.wav");
    }

    private static String failure(byte[] bytes) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> read(bytes));
        assertEquals("test.wav", e.source());
        assertEquals("test.wav: " + e.reason(), e.getMessage());
        return e.reason();
    }

    @Test
    void pcm16MonoIsDividedBy32768() throws Exception {
        Audio audio = read(TestWav.pcm16Mono(16000, 0, 1, -1, 32767, -32768, 16384));
        assertArrayEquals(new float[] {0f, 1f / 32768, -1f / 32768, 32767f / 32768, -1f, 0.5f}, audio.samples());
        assertEquals(16000, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertEquals(16, audio.bitsPerSample());
        assertEquals("PCM 16-bit", audio.encoding());
        assertEquals(6 / 16000.0, audio.durationSeconds(), 1e-12);
    }

    @Test
    void pcm8IsUnsignedAroundMidpoint128() throws Exception {
        Audio audio = read(riff(fmt(PCM, 1, 8000, 8), data(ints(1, 128, 0, 255, 192, 64))));
        assertArrayEquals(new float[] {0f, -1f, 127f / 128, 0.5f, -0.5f}, audio.samples());
        assertEquals("PCM 8-bit", audio.encoding());
    }

    @Test
    void pcm24IsSignedAndDividedBy2To23() throws Exception {
        int[] values = {0, 1, -1, 8388607, -8388608, 4194304, -12345};
        Audio audio = read(riff(fmt(PCM, 1, 48000, 24), data(ints(3, values))));
        float[] expected = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = (float) (values[i] / 8388608.0);
        }
        assertArrayEquals(expected, audio.samples());
        assertEquals(24, audio.bitsPerSample());
    }

    @Test
    void pcm32IsSignedAndDividedBy2To31() throws Exception {
        int[] values = {0, 65536, -65536, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 30};
        Audio audio = read(riff(fmt(PCM, 1, 44100, 32), data(ints(4, values))));
        float[] expected = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = (float) (values[i] / 2147483648.0);
        }
        assertArrayEquals(expected, audio.samples());
        assertEquals(-1f, audio.samples()[3]);
        assertEquals(0.5f, audio.samples()[5]);
    }

    @Test
    void float32AndFloat64AreTakenAsStored() throws Exception {
        float[] values = {0f, 0.25f, -0.5f, 1.5f, -0.999f};
        Audio f32 = read(riff(fmt(IEEE_FLOAT, 1, 22050, 32), data(floats(values))));
        assertArrayEquals(values, f32.samples());
        assertEquals("IEEE float 32-bit", f32.encoding());

        Audio f64 = read(riff(fmt(IEEE_FLOAT, 1, 22050, 64), data(doubles(0.0, 0.25, -0.5, 1.5, -0.999))));
        assertArrayEquals(values, f64.samples());
        assertEquals("IEEE float 64-bit", f64.encoding());
    }

    @Test
    void channelsAreAveraged() throws Exception {
        // Stereo 16-bit: (1000 + 3000) / 2 and (-32768 + 0) / 2.
        Audio stereo = read(riff(fmt(PCM, 2, 16000, 16), data(ints(2, 1000, 3000, -32768, 0))));
        assertArrayEquals(new float[] {2000f / 32768, -0.5f}, stereo.samples());
        assertEquals(2, stereo.channels());

        // Three channels of 24-bit.
        Audio three = read(riff(fmt(PCM, 3, 16000, 24), data(ints(3, 300, 600, 900, -8388608, -8388608, 0))));
        assertEquals(600 / 8388608.0, three.samples()[0], 1e-12);
        assertEquals(-2.0 / 3, three.samples()[1], 1e-7);

        // Six channels of float, one frame.
        Audio six = read(riff(fmt(IEEE_FLOAT, 6, 48000, 32), data(floats(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f))));
        assertEquals(1, six.numSamples());
        assertEquals(0.35f, six.samples()[0], 1e-7f);

        // Stereo 8-bit.
        Audio eight = read(riff(fmt(PCM, 2, 8000, 8), data(ints(1, 0, 128, 255, 255))));
        assertArrayEquals(new float[] {-0.5f, 127f / 128}, eight.samples());
    }

    @Test
    void extensiblePcmAndFloatFollowTheSubFormat() throws Exception {
        // 20 valid bits left-justified in a 24-bit container: scaled by the container width.
        Audio pcm = read(
                riff(fmtExtensible(PCM, 2, 96000, 24, 20), data(ints(3, 0x100000 << 2, 0x100000 << 2, -(1 << 22), 0))));
        assertArrayEquals(new float[] {0.5f, -0.25f}, pcm.samples());
        assertEquals(96000, pcm.sampleRate());
        assertEquals("PCM 24-bit", pcm.encoding());

        Audio flt = read(riff(fmtExtensible(IEEE_FLOAT, 1, 16000, 32, 32), data(floats(0.125f, -0.75f))));
        assertArrayEquals(new float[] {0.125f, -0.75f}, flt.samples());
        assertEquals("IEEE float 32-bit", flt.encoding());
    }

    @Test
    void extraChunksAnywhereAreSkipped() throws Exception {
        byte[] list = chunk("LIST", TestWav.ascii("INFOISFT\u0006\u0000\u0000\u0000Lavf58"));
        byte[] fact = chunk("fact", ints(4, 3));
        byte[] unknown = chunk("junk", new byte[10]);
        byte[] samples = data(ints(2, 100, 200, 300));
        float[] expected = {100f / 32768, 200f / 32768, 300f / 32768};
        assertArrayEquals(
                expected,
                read(riff(unknown, fmt(PCM, 1, 16000, 16), list, fact, samples)).samples());
        assertArrayEquals(
                expected, read(riff(fmt(PCM, 1, 16000, 16), samples, list)).samples());
        // data before fmt is handled too.
        assertArrayEquals(
                expected, read(riff(list, samples, fmt(PCM, 1, 16000, 16))).samples());
    }

    @Test
    void oddSizedChunksAreFollowedByAPadByte() throws Exception {
        byte[] oddList = chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}); // 5 bytes + pad
        assertEquals(8 + 6, oddList.length);
        // An odd-sized data chunk (three 8-bit samples, padded) before the fmt chunk.
        Audio audio = read(riff(oddList, data(ints(1, 0, 128, 192)), fmt(PCM, 1, 8000, 8)));
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, audio.samples());
    }

    @Test
    void streamingDataSizeMeansToTheEndOfTheFile() throws Exception {
        byte[] wav = riff(fmt(PCM, 1, 16000, 16), chunkDeclaring("data", 0xFFFFFFFFL, ints(2, 1, 2, 3, 4)));
        assertEquals(4, read(wav).numSamples());
    }

    @Test
    void trailingPartialFrameIsDropped() throws Exception {
        // Stereo 16-bit: 2 whole frames (8 bytes) and 2 stray bytes.
        byte[] wav = riff(fmt(PCM, 2, 16000, 16), data(ints(2, 10, 10, 20, 20, 30)));
        assertEquals(2, read(wav).numSamples());
    }

    @Test
    void readsFromPathAndStream(@TempDir Path dir) throws IOException {
        byte[] wav = TestWav.pcm16Mono(8000, 16384, -16384);
        Path file = dir.resolve("utt.wav");
        Files.write(file, wav);
        assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.read(file).samples());
        assertArrayEquals(
                new float[] {0.5f, -0.5f},
                WavReader.read(new ByteArrayInputStream(wav), "stream").samples());

        Path bad = dir.resolve("bad.wav");
        Files.write(bad, TestWav.ascii("OggS and more bytes"));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
    }

    @Test
    void rejectsNonRiffAndNonWave() {
        String reason = failure(TestWav.ascii("OggS\u0000\u0002\u0000\u0000\u0000\u0000\u0000\u0000"));
        assertTrue(reason.contains("not a RIFF file") && reason.contains("'OggS'"), reason);

        String rf64 = failure(TestWav.ascii("RF64\u00ff\u00ff\u00ff\u00ffWAVEds64"));
        assertTrue(rf64.contains("RF64") && rf64.contains("not supported"), rf64);

        String avi = failure(TestWav.riffWithForm("AVI ", chunk("LIST", new byte[4])));
        assertTrue(avi.contains("'AVI '") && avi.contains("not 'WAVE'"), avi);

        String tiny = failure(new byte[] {'R', 'I', 'F', 'F'});
        assertTrue(tiny.contains("only 4 bytes"), tiny);
    }

    @Test
    void rejectsTruncatedDataWithBothSizes() {
        byte[] wav = riff(fmt(PCM, 1, 16000, 16), chunkDeclaring("data", 32000, ints(2, 1, 2, 3, 4, 5)));
        String reason = failure(wav);
        assertTrue(
                reason.contains("declares 32000 bytes")
                        && reason.contains("only 10 are present")
                        && reason.contains("truncated"),
                reason);
    }

    @Test
    void rejectsAChunkThatOverrunsTheFileBeforeFmtOrData() {
        byte[] wav = riff(chunkDeclaring("LIST", 5000, new byte[20]), fmt(PCM, 1, 16000, 16), data(ints(2, 1)));
        String reason = failure(Arrays.copyOf(wav, 12 + 8 + 20));
        assertTrue(reason.contains("'LIST' chunk declares 5000 bytes but only 20 are present"), reason);
    }

    @Test
    void rejectsUnsupportedEncodingsByName() {
        String adpcm = failure(riff(fmt(ADPCM, 1, 16000, 4), data(new byte[256])));
        assertTrue(
                adpcm.contains("format tag 0x0002")
                        && adpcm.contains("ADPCM")
                        && adpcm.contains("not supported; convert to PCM"),
                adpcm);

        String mulaw = failure(riff(fmt(0x0007, 1, 8000, 8), data(new byte[16])));
        assertTrue(mulaw.contains("0x0007") && mulaw.contains("mu-law"), mulaw);

        String float16 = failure(riff(fmt(IEEE_FLOAT, 1, 16000, 16), data(new byte[16])));
        assertTrue(float16.contains("IEEE float with 16 bits"), float16);

        String pcm40 = failure(riff(fmt(PCM, 1, 16000, 40), data(new byte[20])));
        assertTrue(pcm40.contains("PCM with 40 bits"), pcm40);

        byte[] otherGuidTail = {
            0x00,
            0x00,
            0x21,
            0x07,
            (byte) 0xD3,
            0x11,
            (byte) 0x86,
            0x44,
            (byte) 0xC8,
            (byte) 0xC1,
            (byte) 0xCA,
            0x00,
            0x00,
            0x00
        };
        String ambisonic = failure(
                riff(TestWav.fmtExtensibleWithGuidTail(1, 4, 48000, 16, 16, otherGuidTail), data(new byte[16])));
        assertTrue(ambisonic.contains("sub-format {00000001-0721-11D3-8644-C8C1CA000000} is not supported"), ambisonic);

        String extensibleAdpcm = failure(riff(fmtExtensible(ADPCM, 1, 16000, 16, 16), data(new byte[16])));
        assertTrue(extensibleAdpcm.contains("format tag 0x0002"), extensibleAdpcm);
    }

    @Test
    void rejectsMissingChunksAndEmptyAudio() {
        String noFmt = failure(riff(chunk("LIST", new byte[4]), data(ints(2, 1, 2))));
        assertTrue(noFmt.contains("no 'fmt ' chunk") && noFmt.contains("LIST, data"), noFmt);

        String noData = failure(riff(fmt(PCM, 1, 16000, 16), chunk("LIST", new byte[4])));
        assertTrue(noData.contains("no 'data' chunk") && noData.contains("fmt , LIST"), noData);

        String zeroChannels = failure(riff(fmt(PCM, 0, 16000, 16), data(ints(2, 1, 2))));
        assertTrue(zeroChannels.contains("zero channels"), zeroChannels);

        String zeroRate = failure(riff(fmt(PCM, 1, 0, 16), data(ints(2, 1, 2))));
        assertTrue(zeroRate.contains("invalid sample rate 0"), zeroRate);

        String empty = failure(riff(fmt(PCM, 1, 16000, 16), data(new byte[0])));
        assertTrue(empty.contains("no audio") && empty.contains("0 bytes"), empty);

        String shortFmt = failure(riff(chunk("fmt ", new byte[12]), data(ints(2, 1))));
        assertTrue(shortFmt.contains("'fmt ' chunk is 12 bytes"), shortFmt);
    }

    @Test
    void nonFiniteSamplesAreReportedWithAReason() throws Exception {
        Audio bad = read(riff(
                fmt(IEEE_FLOAT, 1, 1000, 32),
                data(floats(0.1f, Float.NaN, 0.2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY))));
        Optional<String> reason = bad.checkFinite();
        assertTrue(reason.isPresent());
        assertEquals("3 of 5 samples are NaN or infinite (first at sample 1, 0.001 s)", reason.get());

        // A stereo frame with one NaN channel averages to NaN.
        Audio stereo = read(riff(fmt(IEEE_FLOAT, 2, 1000, 64), data(doubles(0.5, Double.NaN, 0.5, 0.5))));
        assertTrue(Float.isNaN(stereo.samples()[0]));
        assertTrue(stereo.checkFinite().isPresent());

        float[] fine = new float[1000];
        Arrays.fill(fine, 0.99f);
        assertFalse(read(riff(fmt(IEEE_FLOAT, 1, 1000, 32), data(floats(fine))))
                .checkFinite()
                .isPresent());
    }
}
