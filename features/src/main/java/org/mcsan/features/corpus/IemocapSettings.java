package org.mcsan.features.corpus;

import com.typesafe.config.Config;

/** Settings of the IEMOCAP reader ({@code mcsan.corpus.iemocap}); also used for the synthetic corpus. */
public final class IemocapSettings {
    private final LabelScheme labels;
    private final String audioPathTemplate;

    /**
     * @param labels            class list, raw-label map and excluded labels
     * @param audioPathTemplate audio path relative to the SessionN directory, with {@code {dialog}} and
     *                          {@code {utterance}} placeholders
     */
    public IemocapSettings(LabelScheme labels, String audioPathTemplate) {
        if (!audioPathTemplate.contains("{utterance}")) {
            throw new IllegalArgumentException("audio-path must contain {utterance}, got '" + audioPathTemplate + "'");
        }
        this.labels = labels;
        this.audioPathTemplate = audioPathTemplate;
    }

    public static IemocapSettings from(Config section) {
        return new IemocapSettings(LabelScheme.from(section), section.getString("audio-path"));
    }

    public LabelScheme labels() {
        return labels;
    }

    public String audioPathTemplate() {
        return audioPathTemplate;
    }

    String audioPath(String dialog, String utteranceId) {
        return audioPathTemplate.replace("{dialog}", dialog).replace("{utterance}", utteranceId);
    }
}
