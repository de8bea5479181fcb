package org.mcsan.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mcsan.features.audio.Audio;
import org.mcsan.features.audio.WavReader;

class Pcm16WavTest {
  @Test
  void theProjectsWavReaderReadsBackTheRoundedSamples() throws Exception {
    float[] samples = {0f, 0.5f, -0.5f, 0.25f / 32768, 0.75f / 32768, -1f, 1f, 1.5f, -1.5f};
    // round(x * 32768) clipped to [-32768, 32767], then / 32768
    float[] expected = {0f, 0.5f, -0.5f, 0f, 1f / 32768, -1f, 32767f / 32768, 32767f / 32768, -1f};
    Audio audio = WavReader.read(Pcm16Wav.encode(samples, 22050), "test");
    assertEquals(22050, audio.sampleRate());
    assertEquals(1, audio.channels());
    assertEquals(16, audio.bitsPerSample());
    assertEquals(expected.length, audio.numSamples());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], audio.samples()[i], 0f, "sample " + i);
    }
  }
}
