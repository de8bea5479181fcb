package org.mcsan.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of a run's {@code config.conf} that the run used, for the report: without the sections of other commands
 * ({@code mcsan.bench}, {@code mcsan.synth}) and without the reader sections of the corpus kinds it did not read
 * (an IEMOCAP run does not show {@code mcsan.corpus.meld}). The synthetic corpus is read by the IEMOCAP reader.
 */
final class ReportConfiguration {
    /** Sections of commands other than features, train and evaluate. */
    private static final String[] OTHER_COMMANDS = {"bench", "synth"};

    private final String text;
    private final List<String> leftOut;

    private ReportConfiguration(String text, List<String> leftOut) {
        this.text = text;
        this.leftOut = Collections.unmodifiableList(leftOut);
    }

    /** The used sections of a config.conf text; the text unchanged when it cannot be read as HOCON. */
    static ReportConfiguration of(String configText) {
        Config root;
        try {
            root = ConfigFactory.parseString(configText);
        } catch (ConfigException e) {
            return new ReportConfiguration(configText, Collections.<String>emptyList());
        }
        if (!root.hasPath("mcsan")) {
            return new ReportConfiguration(configText, Collections.<String>emptyList());
        }
        Config mcsan = root.getConfig("mcsan");
        List<String> leftOut = new ArrayList<>();
        for (String section : OTHER_COMMANDS) {
            if (mcsan.hasPath(section)) {
                mcsan = mcsan.withoutPath(section);
                leftOut.add("mcsan." + section);
            }
        }
        if (mcsan.hasPath("corpus.kind")) {
            String kind = mcsan.getString("corpus.kind");
            String reader = "synthetic".equals(kind) ? "iemocap" : kind;
            for (String key : new TreeSet<>(mcsan.getObject("corpus").keySet())) {
                if (!key.equals(reader) && mcsan.getValue("corpus." + key).valueType() == ConfigValueType.OBJECT) {
                    mcsan = mcsan.withoutPath("corpus." + key);
                    leftOut.add("mcsan.corpus." + key);
                }
            }
        }
        if (leftOut.isEmpty()) {
            return new ReportConfiguration(configText, leftOut); // as recorded, comments and all
        }
        String rendered = mcsan.atKey("mcsan")
                .root()
                .render(ConfigRenderOptions.defaults()
                        .setJson(false)
                        .setComments(false)
                        .setOriginComments(false)
                        .setFormatted(true));
        return new ReportConfiguration(rendered, leftOut);
    }

    String text() {
        return text;
    }

    /** The sections left out, e.g. [mcsan.bench, mcsan.synth, mcsan.corpus.manifest, mcsan.corpus.meld]. */
    List<String> leftOut() {
        return leftOut;
    }
}
