package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature job's tasks stay small however large the corpus: the utterances to featurize reach the executors by
 * broadcast, not inside the tasks, so Spark does not warn of "a task of very large size" (it does above 100 KB).
 */
class FeatureJobTaskSizeTest {
    @TempDir
    static Path tmp;

    /** Collects Spark's warnings. */
    private static final class Warnings extends AppenderSkeleton {
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(LoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) messages.add(String.valueOf(event.getMessage()));
        }

        @Override
        public void close() {}

        @Override
        public boolean requiresLayout() {
            return false;
        }
    }

    @Test
    void aLargeCorpusMakesNoOversizedTask() throws IOException {
        // 80 utterances of 300 words in one partition: about 3 KB each, 250 KB of work for the one task
        FeatureJobTest.write(tmp.resolve("a.wav"), WavBytes.pcm16(WavBytes.tone(4000, 16000, 220, 1), 16000, 1));
        StringBuilder words = new StringBuilder();
        for (int w = 0; w < 300; w++) words.append(w % 2 == 0 ? " okay" : " fine");
        List<String> lines = new ArrayList<>();
        lines.add("utterance_id,audio_path,transcript,label,speaker");
        for (int i = 0; i < 80; i++)
            lines.add("u" + i + ",a.wav," + words.toString().trim() + ",neu,s" + (i % 5));
        FeatureJobTest.write(tmp.resolve("manifest.csv"), lines);
        FeatureJobTest.write(tmp.resolve("glove.txt"), Collections.singletonList("okay 0.5 0.25"));

        Warnings warnings = new Warnings();
        Logger scheduler = Logger.getLogger("org.apache.spark.scheduler");
        Level level = scheduler.getLevel();
        scheduler.setLevel(Level.WARN);
        scheduler.addAppender(warnings);
        FeatureJobSummary summary;
        try {
            summary = FeatureJob.run(
                    SparkTestSession.get(),
                    FeatureJobSettings.from(ConfigFactory.parseString("mcsan.corpus { kind = manifest, path = \""
                                    + tmp.resolve("manifest.csv") + "\" }\nmcsan.features { output = \""
                                    + tmp.resolve("out") + "\", partitions = 1, glove { path = \""
                                    + tmp.resolve("glove.txt") + "\", dim = 2 } }")
                            .withFallback(ConfigFactory.defaultReference())
                            .resolve()
                            .getConfig("mcsan")));
        } finally {
            scheduler.removeAppender(warnings);
            scheduler.setLevel(level);
        }
        assertEquals(80, summary.written());
        for (String w : warnings.messages) {
            assertTrue(!w.contains("very large size"), w);
        }
    }
}
