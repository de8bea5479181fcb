package org.mcsan.synth;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes canonical RIFF/WAVE files with 16-bit PCM samples (a 44-byte header: RIFF, "fmt " with format 1,
 * "data").
 *
 * <p>Samples are floats in [-1, 1): each is scaled by 32768, rounded and clamped to [-32768, 32767], so a
 * reader that divides by 32768 (as the feature job's WavReader does for 16-bit PCM) gets back every value of the
 * form k/32768 exactly.
 */
public final class WavWriter {

    private static final int HEADER_BYTES = 44;
    private static final int BYTES_PER_SAMPLE = 2;

    private WavWriter() {}

    /** Writes a mono 16-bit PCM file. */
    public static void writeMono(Path file, float[] samples, int sampleRate) throws IOException {
        write(file, samples, sampleRate, 1);
    }

    /** A mono 16-bit PCM WAV file as bytes in memory (e.g. for benchmarks that decode without disk I/O). */
    public static byte[] encodeMono(float[] samples, int sampleRate) {
        checkFormat(samples, sampleRate, 1, "in-memory WAV");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + BYTES_PER_SAMPLE * samples.length);
        try {
            write(bytes, samples, sampleRate, 1);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a 16-bit PCM file with {@code channels} interleaved channels (frame by frame: channel 0, channel 1,
     * ...). Creates missing parent directories; replaces an existing file.
     */
    public static void write(Path file, float[] interleaved, int sampleRate, int channels) throws IOException {
        checkFormat(interleaved, sampleRate, channels, file.toString());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, interleaved, sampleRate, channels);
        }
    }

    /** Writes the header and samples to a stream (not closed). */
    public static void write(OutputStream out, float[] interleaved, int sampleRate, int channels) throws IOException {
        checkFormat(interleaved, sampleRate, channels, "WAV stream");
        int dataBytes = interleaved.length * BYTES_PER_SAMPLE;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt(HEADER_BYTES - 8 + dataBytes).put(ascii("WAVE"));
        header.put(ascii("fmt "))
                .putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * BYTES_PER_SAMPLE) // byte rate
                .putShort((short) (channels * BYTES_PER_SAMPLE)) // block align
                .putShort((short) (8 * BYTES_PER_SAMPLE)); // bits per sample
        header.put(ascii("data")).putInt(dataBytes);
        out.write(header.array());

        byte[] chunk = new byte[Math.min(dataBytes, 1 << 16)];
        int filled = 0;
        for (int i = 0; i < interleaved.length; i++) {
            if (Float.isNaN(interleaved[i])) {
                throw new IllegalArgumentException("sample " + i + " is NaN");
            }
            int pcm = toPcm16(interleaved[i]);
            chunk[filled++] = (byte) pcm;
            chunk[filled++] = (byte) (pcm >> 8);
            if (filled == chunk.length) {
                out.write(chunk, 0, filled);
                filled = 0;
            }
        }
        out.write(chunk, 0, filled);
    }

    private static void checkFormat(float[] interleaved, int sampleRate, int channels, String target) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate + " for " + target);
        }
        if (channels <= 0 || channels > 65535) {
            throw new IllegalArgumentException(
                    "channel count must be in [1, 65535], was " + channels + " for " + target);
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples are not a whole number of " + channels
                    + "-channel frames for " + target);
        }
        // The data size is a signed 32-bit int here, and the RIFF size field (data + 36) must fit as well.
        if ((long) interleaved.length * BYTES_PER_SAMPLE > Integer.MAX_VALUE - HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "too many samples for one WAV file (" + interleaved.length + ") for " + target);
        }
    }

    /** The 16-bit PCM value of a float sample: round(x * 32768), clamped to the 16-bit range. */
    static int toPcm16(float sample) {
        long scaled = Math.round(sample * 32768.0);
        return (int) Math.max(-32768L, Math.min(32767L, scaled));
    }

    private static byte[] ascii(String tag) {
        byte[] bytes = new byte[tag.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) tag.charAt(i);
        }
        return bytes;
    }
}
