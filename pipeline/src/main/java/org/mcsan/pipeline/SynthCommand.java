package org.mcsan.pipeline;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.synth.SynthSettings;
import org.mcsan.synth.SynthSummary;
import org.mcsan.synth.SyntheticCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = "Write the built-in synthetic corpus: <out>/IEMOCAP_full_release (IEMOCAP's layout, speech-like "
                + "16 kHz audio whose prosody follows arousal, transcripts whose words follow valence) and "
                + "<out>/glove.synthetic.300d.txt. Settings: mcsan.synth.")
final class SynthCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the corpus to.")
    File out;

    @Option(
            names = "--sessions",
            paramLabel = "N",
            description = "Shortcut for mcsan.synth.sessions (2 speakers each).")
    Integer sessions;

    @Option(
            names = "--utterances-per-speaker",
            paramLabel = "N",
            description = "Shortcut for mcsan.synth.utterances-per-speaker.")
    Integer utterances;

    @Option(names = "--seed", paramLabel = "SEED", description = "Shortcut for mcsan.synth.seed.")
    Long seed;

    @Override
    public Integer call() throws Exception {
        Map<String, String> shortcuts = new LinkedHashMap<>();
        shortcuts.put("mcsan.synth.sessions", sessions == null ? null : sessions.toString());
        shortcuts.put("mcsan.synth.utterances-per-speaker", utterances == null ? null : utterances.toString());
        shortcuts.put("mcsan.synth.seed", seed == null ? null : seed.toString());
        Settings settings = options.load(shortcuts);
        SynthSummary summary = SyntheticCorpus.generate(
                out.toPath(), SynthSettings.from(settings.mcsan().getConfig("synth")));
        LOG.info("{}", summary);
        return Main.OK;
    }
}
