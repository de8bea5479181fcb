package org.mcsan.features.audio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;

/** Settings of the {@code mcsan.features.audio} section: the target rate and the resampler design. */
public final class AudioSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int targetSampleRate;
    private final double resamplerPassband;
    private final double resamplerStopbandAttenuationDb;

    private AudioSettings(int targetSampleRate, double resamplerPassband, double resamplerStopbandAttenuationDb) {
        this.targetSampleRate = targetSampleRate;
        this.resamplerPassband = resamplerPassband;
        this.resamplerStopbandAttenuationDb = resamplerStopbandAttenuationDb;
    }

    /** Reads the {@code mcsan.features.audio} section; bad values raise {@link ConfigException.BadValue}. */
    public static AudioSettings from(Config section) {
        int rate = section.getInt("target-sample-rate");
        double passband = section.getDouble("resampler.passband");
        double attenuation = section.getDouble("resampler.stopband-attenuation-db");
        if (rate <= 0) {
            throw new ConfigException.BadValue(
                    section.origin(), "target-sample-rate", "must be a positive number of Hz, got " + rate);
        }
        if (!(passband > 0 && passband < 1)) {
            throw new ConfigException.BadValue(
                    section.origin(), "resampler.passband", "must be a fraction in (0, 1), got " + passband);
        }
        if (!(attenuation >= 20)) {
            throw new ConfigException.BadValue(
                    section.origin(),
                    "resampler.stopband-attenuation-db",
                    "must be at least 20 dB, got " + attenuation);
        }
        return new AudioSettings(rate, passband, attenuation);
    }

    /** Rate every utterance is resampled to before MFCC, in Hz. */
    public int targetSampleRate() {
        return targetSampleRate;
    }

    /** Fraction of the lower of the two Nyquist frequencies the resampler passes unattenuated. */
    public double resamplerPassband() {
        return resamplerPassband;
    }

    /** Attenuation at and above the lower Nyquist frequency, in dB. */
    public double resamplerStopbandAttenuationDb() {
        return resamplerStopbandAttenuationDb;
    }
}
