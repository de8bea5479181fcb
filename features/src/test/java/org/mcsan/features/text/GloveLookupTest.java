package org.mcsan.features.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.features.SparkTestSession;

class GloveLookupTest {
    @TempDir
    Path dir;

    @Test
    void sparkLookupOfPlainAndGzipFilesMatchesTheRules() throws IOException {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        Path plain = GloveFixture.plain(dir);
        // the plain file is read in two splits, and the duplicate "the" sits in the second one
        assertEquals(
                2,
                jsc.hadoopFile(
                                plain.toString(),
                                TextInputFormat.class,
                                LongWritable.class,
                                Text.class,
                                jsc.defaultMinPartitions())
                        .getNumPartitions());
        GloveReaderTest.assertFixtureTable(
                GloveLookup.lookup(jsc, plain.toString(), GloveReaderTest.WANTED, GloveFixture.DIM));
        GloveReaderTest.assertFixtureTable(GloveLookup.lookup(
                jsc, GloveFixture.gzipped(dir).toString(), GloveReaderTest.WANTED, GloveFixture.DIM));
    }
}
