package org.mcsan.features.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes WAV bytes for tests, chunk by chunk, so that odd layouts and broken headers can be built. */
final class TestWav {
    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int ADPCM = 0x0002;
    static final int EXTENSIBLE = 0xFFFE;

    private TestWav() {}

    /** "RIFF" size "WAVE" followed by the given chunks (already padded). */
    static byte[] riff(byte[]... chunks) {
        return riffWithForm("WAVE", chunks);
    }

    static byte[] riffWithForm(String form, byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(ascii(form), 0, 4);
        for (byte[] chunk : chunks) {
            body.write(chunk, 0, chunk.length);
        }
        ByteBuffer out = le(8 + body.size());
        out.put(ascii("RIFF")).putInt(body.size()).put(body.toByteArray());
        return out.array();
    }

    /** A chunk with its id, size and body, plus the pad byte when the body is odd-sized. */
    static byte[] chunk(String id, byte[] body) {
        return chunkDeclaring(id, body.length, body);
    }

    /** A chunk whose size field says {@code declaredSize} whatever the body holds (for truncation tests). */
    static byte[] chunkDeclaring(String id, long declaredSize, byte[] body) {
        int pad = body.length % 2;
        ByteBuffer out = le(8 + body.length + pad);
        out.put(ascii(id)).putInt((int) declaredSize).put(body);
        return out.array();
    }

    /** A plain 16-byte fmt chunk. */
    static byte[] fmt(int tag, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * ((bitsPerSample + 7) / 8);
        ByteBuffer b = le(16);
        b.putShort((short) tag)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bitsPerSample);
        return chunk("fmt ", b.array());
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID derives from {@code subFormatTag}. */
    static byte[] fmtExtensible(int subFormatTag, int channels, int sampleRate, int containerBits, int validBits) {
        return fmtExtensibleWithGuidTail(subFormatTag, channels, sampleRate, containerBits, validBits, new byte[] {
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
        });
    }

    static byte[] fmtExtensibleWithGuidTail(
            int subFormatTag, int channels, int sampleRate, int containerBits, int validBits, byte[] guidTail) {
        int blockAlign = channels * containerBits / 8;
        ByteBuffer b = le(40);
        b.putShort((short) EXTENSIBLE)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) containerBits)
                .putShort((short) 22)
                .putShort((short) validBits)
                .putInt(0x3) // cbSize, valid bits, channel mask
                .putShort((short) subFormatTag)
                .put(guidTail);
        return chunk("fmt ", b.array());
    }

    static byte[] data(byte[] samples) {
        return chunk("data", samples);
    }

    /** Interleaved integer samples, little-endian, {@code bytes} bytes each (1 = unsigned 8-bit as given). */
    static byte[] ints(int bytes, int... values) {
        ByteBuffer b = le(values.length * bytes);
        for (int v : values) {
            for (int i = 0; i < bytes; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        return b.array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = le(values.length * 4);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = le(values.length * 8);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** A complete 16-bit mono PCM file. */
    static byte[] pcm16Mono(int sampleRate, int... values) {
        return riff(fmt(PCM, 1, sampleRate, 16), data(ints(2, values)));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
