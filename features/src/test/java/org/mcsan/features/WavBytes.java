package org.mcsan.features;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small WAV files for the feature job tests: good ones and the broken kinds the job must reject. */
final class WavBytes {
    private WavBytes() {}

    /** A tone as 16-bit PCM values (interleaved when {@code channels} > 1: each channel gets the same tone). */
    static short[] tone(int frames, int rate, double hz, int channels) {
        short[] pcm = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(12000 * Math.sin(2 * Math.PI * hz * i / rate) + 300 * Math.sin(0.37 * i));
            for (int c = 0; c < channels; c++) pcm[i * channels + c] = v;
        }
        return pcm;
    }

    static byte[] pcm16(short[] interleaved, int rate, int channels) {
        ByteBuffer data = le(interleaved.length * 2);
        for (short s : interleaved) data.putShort(s);
        return riff(fmt(1, channels, rate, 16), chunk("data", data.array(), data.capacity()));
    }

    static byte[] float32(float[] samples, int rate) {
        ByteBuffer data = le(samples.length * 4);
        for (float f : samples) data.putFloat(f);
        return riff(fmt(3, 1, rate, 32), chunk("data", data.array(), data.capacity()));
    }

    /** A 16-bit file whose data chunk declares {@code declaredBytes} but holds only {@code presentBytes}. */
    static byte[] truncated(int declaredBytes, int presentBytes, int rate) {
        return riff(fmt(1, 1, rate, 16), chunk("data", new byte[presentBytes], declaredBytes));
    }

    /** A WAV with a format tag this project does not decode (2 = MS ADPCM). */
    static byte[] adpcm(int rate) {
        return riff(fmt(2, 1, rate, 4), chunk("data", new byte[2048], 2048));
    }

    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        ByteBuffer b = le(16);
        b.putShort((short) tag)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        return chunk("fmt ", b.array(), 16);
    }

    private static byte[] chunk(String id, byte[] body, int declaredSize) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(declaredSize).put(body);
        return b.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('W');
        body.write('A');
        body.write('V');
        body.write('E');
        for (byte[] c : chunks) body.write(c, 0, c.length);
        ByteBuffer out = le(8 + body.size());
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
        return out.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
