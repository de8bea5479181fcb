package org.mcsan.features.corpus;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File access for the readers through Hadoop's FileSystem API, so a corpus can sit on a local disk or on HDFS
 * ({@code hdfs://...}). Listings are sorted by name and skip hidden files, including the {@code ._*} AppleDouble
 * files found in copies of IEMOCAP made on macOS.
 */
final class CorpusFiles {
    private final Configuration hadoopConf;

    CorpusFiles(Configuration hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(hadoopConf);
    }

    boolean exists(Path p) throws IOException {
        return fs(p).exists(p);
    }

    boolean isDirectory(Path p) throws IOException {
        return fs(p).isDirectory(p);
    }

    InputStream open(Path p) throws IOException {
        return fs(p).open(p);
    }

    List<String> readLines(Path p) throws IOException {
        return LenientText.readLines(open(p));
    }

    /** Visible sub-directories of {@code dir}, sorted by name. */
    List<Path> directories(Path dir) throws IOException {
        return list(dir, true, "");
    }

    /** Visible files of {@code dir} whose name ends with {@code suffix}, sorted by name. */
    List<Path> files(Path dir, String suffix) throws IOException {
        return list(dir, false, suffix);
    }

    private List<Path> list(Path dir, boolean directories, String suffix) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs(dir).listStatus(dir);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("directory not found: " + dir);
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus s : statuses) {
            String name = s.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_") || s.isDirectory() != directories) continue;
            if (name.endsWith(suffix)) out.add(s.getPath());
        }
        Collections.sort(out);
        return out;
    }
}
