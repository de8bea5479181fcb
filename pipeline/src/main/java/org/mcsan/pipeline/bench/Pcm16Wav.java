package org.mcsan.pipeline.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Encodes mono samples as a 16-bit PCM RIFF/WAVE file in memory (what a speech corpus ships). */
final class Pcm16Wav {
  private static final int HEADER_BYTES = 44;

  private Pcm16Wav() {}

  /** Samples in [-1, 1] are rounded to 16-bit integers (scale 32768) and clipped to the 16-bit range. */
  static byte[] encode(float[] samples, int sampleRate) {
    int dataBytes = samples.length * 2;
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1); // PCM
    b.putShort((short) 1); // mono
    b.putInt(sampleRate);
    b.putInt(sampleRate * 2); // bytes per second
    b.putShort((short) 2); // block align
    b.putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (float s : samples) {
      long v = Math.round(s * 32768.0);
      b.putShort((short) Math.max(-32768, Math.min(32767, v)));
    }
    return b.array();
  }
}
