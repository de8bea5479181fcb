package org.mcsan.features.text;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reads a GloVe text file ({@code .txt}, or compressed, e.g. {@code .txt.gz}) in this JVM, keeping the vectors of
 * the wanted words; line rules as in {@link GloveLine}. For the full GloVe 840B file on a cluster use
 * {@link GloveLookup}, which reads it with Spark.
 */
public final class GloveReader {
    private GloveReader() {}

    /**
     * @param path   local path or Hadoop URI; compression is recognised by the file extension (.gz, .bz2, ...)
     * @param wanted words to keep (null = all)
     * @throws IllegalArgumentException for a .zip or .tar archive (extract the .txt first)
     */
    public static GloveTable read(String path, int dim, Set<String> wanted, Configuration hadoopConf)
            throws IOException {
        GloveLine.checkNotAnArchive(path);
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(hadoopConf);
        if (!fs.exists(p)) throw new FileNotFoundException("GloVe file not found: " + p);
        CompressionCodec codec = new CompressionCodecFactory(hadoopConf).getCodec(p);
        GloveStats stats = new GloveStats();
        Map<String, float[]> vectors = new HashMap<>();
        try (InputStream raw = fs.open(p);
                InputStream in = new BufferedInputStream(codec == null ? raw : codec.createInputStream(raw), 1 << 16)) {
            byte[] line = new byte[1 << 14];
            int length = 0;
            int b;
            while (true) {
                b = in.read();
                if (b == '\n' || (b < 0 && length > 0)) {
                    accept(GloveLine.parse(line, length, dim, wanted), vectors, stats);
                    length = 0;
                }
                if (b < 0) break;
                if (b == '\n') continue;
                if (length == line.length) line = Arrays.copyOf(line, line.length * 2);
                line[length++] = (byte) b;
            }
        }
        return new GloveTable(dim, vectors, wanted == null ? 0 : wanted.size(), stats);
    }

    private static void accept(GloveLine parsed, Map<String, float[]> vectors, GloveStats stats) {
        stats.count(parsed.status);
        if (parsed.status == GloveLine.Status.FOUND && vectors.putIfAbsent(parsed.word, parsed.vector) != null) {
            stats.duplicateWords++;
        }
    }
}
