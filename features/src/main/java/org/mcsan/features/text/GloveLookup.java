package org.mcsan.features.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Looks a corpus vocabulary up in a GloVe file with Spark: the executors read the file (Hadoop decompresses .gz,
 * which then is one split), parse each line's raw bytes ({@link GloveLine}: exact UTF-8 handling, unlike
 * {@code textFile}), keep the lines whose word is in the broadcast vocabulary, and return them with per-partition
 * counts; the driver merges the small result. When a word occurs on several lines the first one (in file order)
 * wins.
 */
public final class GloveLookup {
    private GloveLookup() {}

    /**
     * @param path       GloVe file (local path, Hadoop URI; .gz allowed)
     * @param vocabulary the words whose vectors are needed (for cased-then-lower lookup include the lower-cased
     *                   variants, see {@link TextEmbedder#lookupVocabulary})
     * @throws IllegalArgumentException for a .zip or .tar archive (extract the .txt first)
     */
    public static GloveTable lookup(JavaSparkContext jsc, String path, Set<String> vocabulary, int dim) {
        GloveLine.checkNotAnArchive(path);
        Broadcast<HashSet<String>> wanted = jsc.broadcast(new HashSet<>(vocabulary));
        JavaPairRDD<LongWritable, Text> lines =
                jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, jsc.defaultMinPartitions());
        List<PartitionResult> results = lines.mapPartitionsWithIndex(
                        (index, it) -> scan(index, it, wanted.value(), dim), false)
                .collect();
        wanted.destroy();

        List<PartitionResult> ordered = new ArrayList<>(results);
        Collections.sort(ordered, (a, b) -> Integer.compare(a.partition, b.partition));
        GloveStats stats = new GloveStats();
        Map<String, float[]> vectors = new HashMap<>();
        for (PartitionResult r : ordered) {
            stats.add(r.stats);
            for (Map.Entry<String, float[]> e : r.vectors.entrySet()) {
                if (vectors.putIfAbsent(e.getKey(), e.getValue()) != null) stats.duplicateWords++;
            }
        }
        return new GloveTable(dim, vectors, vocabulary.size(), stats);
    }

    private static Iterator<PartitionResult> scan(
            int partition, Iterator<Tuple2<LongWritable, Text>> lines, Set<String> wanted, int dim) {
        PartitionResult result = new PartitionResult(partition);
        while (lines.hasNext()) {
            Text line = lines.next()._2(); // the record reader reuses this object: parse it now
            GloveLine parsed = GloveLine.parse(line.getBytes(), line.getLength(), dim, wanted);
            result.stats.count(parsed.status);
            if (parsed.status == GloveLine.Status.FOUND
                    && result.vectors.putIfAbsent(parsed.word, parsed.vector) != null) {
                result.stats.duplicateWords++;
            }
        }
        return Collections.singletonList(result).iterator();
    }

    /** What one partition found: vectors in file order (first occurrence kept) and its counts. */
    private static final class PartitionResult implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final Map<String, float[]> vectors = new HashMap<>();
        final GloveStats stats = new GloveStats();

        PartitionResult(int partition) {
            this.partition = partition;
        }
    }
}
