package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.mcsan.pipeline.config.InvalidConfigException;

/** What a session against a cluster master gets that a local one does not. */
class SparkSessionsTest {
    private static SparkConf conf(String master, String... pairs) {
        SparkConf conf = new SparkConf(false).set("spark.master", master);
        for (int i = 0; i < pairs.length; i += 2) {
            conf.set(pairs[i], pairs[i + 1]);
        }
        return conf;
    }

    @Test
    void aStandaloneMasterWithoutTheCoresBigdlNeedsIsAConfigurationErrorNamingTheOptions() {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> SparkSessions.forCluster(conf("spark://h:7077")));
        assertTrue(e.getMessage().contains("--executor-cores"), e.getMessage());
        assertTrue(e.getMessage().contains("--total-executor-cores"), e.getMessage());
        e = assertThrows(
                InvalidConfigException.class,
                () -> SparkSessions.forCluster(conf("yarn", "spark.executor.cores", "2")));
        assertTrue(e.getMessage().contains("--num-executors"), e.getMessage());
        assertFalse(e.getMessage().contains("--executor-cores"), e.getMessage());
    }

    @Test
    void executorsGetThisJvmsJava17FlagsBesideTheirOwnOptionsAndNoSpeculation() {
        SparkConf conf = conf(
                "spark://h:7077",
                "spark.executor.cores",
                "1",
                "spark.cores.max",
                "2",
                "spark.executor.extraJavaOptions",
                "-Dmine=1",
                "spark.speculation",
                "true");
        SparkSessions.forCluster(conf);
        String options = conf.get("spark.executor.extraJavaOptions");
        assertTrue(options.startsWith("-Dmine=1 "), options);
        assertFalse(SparkSessions.java17Flags().isEmpty(), "the test JVM runs with the launcher's flags");
        for (String flag : SparkSessions.java17Flags()) {
            assertTrue(options.contains(flag), flag + " missing from " + options);
        }
        assertEquals("false", conf.get("spark.speculation"));
    }

    @Test
    void aLocalMasterIsLeftAlone() {
        SparkConf conf = conf("local[2]");
        SparkSessions.forCluster(conf);
        assertFalse(conf.contains("spark.executor.extraJavaOptions"));
        assertFalse(conf.contains("spark.speculation"));
    }

    /** The flags the executors get are the launcher's list: the build's test JVMs and bin/jvm-options agree. */
    @Test
    void theBuildsFlagsAreTheLaunchersList() throws Exception {
        File options = new File(new File(System.getProperty("user.dir")).getParentFile(), "bin/jvm-options");
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(options.toPath(), StandardCharsets.UTF_8)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                expected.add(line);
            }
        }
        assertEquals(expected, SparkSessions.java17Flags());
    }
}
