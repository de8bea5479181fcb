package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheCanonicalHeaderByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(out, new float[] {0f, -1f}, 16000, 1);
        byte[] expected = {
            'R',
            'I',
            'F',
            'F',
            40,
            0,
            0,
            0,
            'W',
            'A',
            'V',
            'E',
            'f',
            'm',
            't',
            ' ',
            16,
            0,
            0,
            0,
            1,
            0,
            1,
            0,
            (byte) 0x80,
            0x3E,
            0,
            0, // 16000
            0,
            0x7D,
            0,
            0, // 32000 bytes per second
            2,
            0,
            16,
            0,
            'd',
            'a',
            't',
            'a',
            4,
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) 0x80
        }; // 0, -32768
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void sixteenBitValuesSurviveARoundTripExactly() throws IOException {
        int[] values = {-32768, -32767, -1, 0, 1, 12345, 32767};
        float[] samples = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            samples[i] = values[i] / 32768f;
        }
        Path file = dir.resolve("nested/dirs/round-trip.wav");
        WavWriter.writeMono(file, samples, 16000);
        TestWav wav = TestWav.read(file);
        assertEquals(1, wav.channels);
        assertEquals(16000, wav.sampleRate);
        assertArrayEquals(samples, wav.samples);
    }

    @Test
    void encodesInMemoryExactlyAsItWritesFiles() throws IOException {
        float[] samples = {0.1f, -0.2f, 0.3f, 0.999f, -1f};
        Path file = dir.resolve("same.wav");
        WavWriter.writeMono(file, samples, 22050);
        assertArrayEquals(Files.readAllBytes(file), WavWriter.encodeMono(samples, 22050));
    }

    @Test
    void roundsAndClampsOutOfRangeSamples() {
        assertEquals(32767, WavWriter.toPcm16(1.0f));
        assertEquals(32767, WavWriter.toPcm16(3.5f));
        assertEquals(-32768, WavWriter.toPcm16(-1.0f));
        assertEquals(-32768, WavWriter.toPcm16(-7f));
        assertEquals(1, WavWriter.toPcm16(1.4f / 32768));
        assertEquals(-2, WavWriter.toPcm16(-1.6f / 32768));
    }

    @Test
    void interleavesChannels() throws IOException {
        Path file = dir.resolve("stereo.wav");
        float[] frames = {0.25f, -0.25f, 0.5f, -0.5f};
        WavWriter.write(file, frames, 8000, 2);
        TestWav wav = TestWav.read(file);
        assertEquals(2, wav.channels);
        assertEquals(8000, wav.sampleRate);
        assertEquals(32000, wav.byteRate);
        assertEquals(4, wav.blockAlign);
        assertArrayEquals(frames, wav.samples);
        assertEquals(44 + 8, Files.size(file));
    }

    @Test
    void rejectsBadInputWithAReason() {
        Path file = dir.resolve("bad.wav");
        IllegalArgumentException nan = assertThrows(
                IllegalArgumentException.class,
                () -> WavWriter.writeMono(file, new float[] {0f, 0f, 0f, Float.NaN}, 16000));
        assertTrue(nan.getMessage().contains("sample 3"), nan.getMessage());
        IllegalArgumentException frames =
                assertThrows(IllegalArgumentException.class, () -> WavWriter.write(file, new float[3], 16000, 2));
        assertTrue(frames.getMessage().contains("2-channel"), frames.getMessage());
        IllegalArgumentException rate =
                assertThrows(IllegalArgumentException.class, () -> WavWriter.writeMono(file, new float[3], 0));
        assertTrue(rate.getMessage().contains("sample rate"), rate.getMessage());
    }
}
