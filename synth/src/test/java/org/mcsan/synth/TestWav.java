package org.mcsan.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A strict decoder of canonical 44-byte-header PCM WAV files, written for the tests independently of WavWriter. */
final class TestWav {

    final int format, channels, sampleRate, byteRate, blockAlign, bitsPerSample;
    final float[] samples;

    private TestWav(
            int format,
            int channels,
            int sampleRate,
            int byteRate,
            int blockAlign,
            int bitsPerSample,
            float[] samples) {
        this.format = format;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.byteRate = byteRate;
        this.blockAlign = blockAlign;
        this.bitsPerSample = bitsPerSample;
        this.samples = samples;
    }

    double seconds() {
        return samples.length / (double) (channels * sampleRate);
    }

    static TestWav read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    static TestWav decode(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        require(bytes.length >= 44, name + ": shorter than a WAV header");
        require(tag(in, 0).equals("RIFF"), name + ": no RIFF tag");
        require(in.getInt(4) == bytes.length - 8, name + ": RIFF size " + in.getInt(4) + " != file size - 8");
        require(tag(in, 8).equals("WAVE"), name + ": no WAVE tag");
        require(tag(in, 12).equals("fmt "), name + ": no fmt chunk");
        require(in.getInt(16) == 16, name + ": fmt chunk size " + in.getInt(16));
        int format = in.getShort(20);
        int channels = in.getShort(22);
        int sampleRate = in.getInt(24);
        int byteRate = in.getInt(28);
        int blockAlign = in.getShort(32);
        int bits = in.getShort(34);
        require(tag(in, 36).equals("data"), name + ": no data chunk after fmt");
        int dataBytes = in.getInt(40);
        require(dataBytes == bytes.length - 44, name + ": data size " + dataBytes + " != file size - 44");
        require(bits == 16, name + ": test decoder reads 16-bit PCM only, got " + bits);
        float[] samples = new float[dataBytes / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = in.getShort(44 + 2 * i) / 32768f;
        }
        return new TestWav(format, channels, sampleRate, byteRate, blockAlign, bits, samples);
    }

    private static String tag(ByteBuffer in, int offset) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) in.get(offset + i);
        }
        return new String(chars);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
