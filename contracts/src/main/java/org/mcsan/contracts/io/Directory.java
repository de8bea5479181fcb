package org.mcsan.contracts.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory of outputs (a run directory, a feature dataset) on any Hadoop file system, so that a run on HDFS
 * reads and writes like a local one. Every write is committed with {@link AtomicCommit}; a read that finds
 * nothing first recovers what a crash during a commit may have left moved aside.
 */
public final class Directory {
    private final Path root;
    private final FileSystem fs;

    private Directory(Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    /** An existing directory; a missing one is an error that names it. */
    public static Directory open(Configuration hadoop, String dir) {
        Directory d = at(hadoop, dir);
        try {
            if (!d.fs.isDirectory(d.root)) {
                throw new IllegalArgumentException("directory " + d.root + " does not exist or is not a directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open directory " + dir, e);
        }
        return d;
    }

    /** The directory, created if it does not exist yet. */
    public static Directory create(Configuration hadoop, String dir) {
        Directory d = at(hadoop, dir);
        try {
            d.fs.mkdirs(d.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + d.root, e);
        }
        return d;
    }

    /** The directory whether or not it exists (e.g. to ask whether a dataset is there). */
    public static Directory at(Configuration hadoop, String dir) {
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(hadoop);
            // The checksummed local file system litters outputs with .crc side files; the raw one does not.
            if (fs instanceof LocalFileSystem) {
                fs = ((LocalFileSystem) fs).getRawFileSystem();
            }
            return new Directory(fs.makeQualified(root), fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open directory " + dir, e);
        }
    }

    /**
     * A path (file or directory) made absolute against this JVM's working directory and default file system, e.g.
     * {@code runs/x} → {@code file:/home/u/runs/x}. Executors resolve a relative path in their own scratch
     * directories, so every path a Spark task uses is qualified on the driver first.
     */
    public static String qualify(Configuration hadoop, String path) {
        return at(hadoop, path).root();
    }

    /** The fully qualified path of the directory, e.g. {@code file:/runs/x}. */
    public String root() {
        return root.toString();
    }

    /** The fully qualified path of a file or directory inside, e.g. {@code file:/runs/x/predictions}. */
    public String path(String relative) {
        return new Path(root, relative).toString();
    }

    public FileSystem fs() {
        return fs;
    }

    public boolean exists(String relative) {
        try {
            Path p = new Path(root, relative);
            return fs.exists(p) || AtomicCommit.recover(fs, p); // the common case costs one call
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path(relative), e);
        }
    }

    /** Reads a UTF-8 file; a missing file is an error that names it. */
    public String readText(String relative) {
        return new String(readBytes(relative), StandardCharsets.UTF_8);
    }

    /** Reads a file; a missing file is an error that names it. */
    public byte[] readBytes(String relative) {
        Path p = new Path(root, relative);
        try {
            if (!fs.isFile(p) && !(AtomicCommit.recover(fs, p) && fs.isFile(p))) {
                throw new IllegalArgumentException("directory " + root + " has no file " + relative);
            }
            try (InputStream in = fs.open(p)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Writes a file atomically. */
    public void write(String relative, byte[] content) {
        Path target = new Path(root, relative);
        try {
            fs.mkdirs(target.getParent());
            AtomicCommit.writeFile(fs, target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public void write(String relative, String text) {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a directory of files atomically: all files into a temporary directory, which then replaces
     * {@code relative} (so files of an earlier version that are not rewritten disappear).
     */
    public void writeDirectory(String relative, Map<String, byte[]> files) {
        String tmp = temporaryPath(relative);
        try {
            fs.mkdirs(new Path(tmp));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                try (OutputStream out = fs.create(new Path(tmp, f.getKey()), false)) {
                    out.write(f.getValue());
                }
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + path(relative), e);
        }
        commitDirectory(tmp, relative);
    }

    /** A fresh hidden path beside {@code relative}, to build an output in and then {@link #commitDirectory}. */
    public String temporaryPath(String relative) {
        return AtomicCommit.temporarySibling(new Path(root, relative)).toString();
    }

    /** Makes the finished temporary output (from {@link #temporaryPath}) the new {@code relative}. */
    public void commitDirectory(String temporary, String relative) {
        try {
            AtomicCommit.replace(fs, new Path(temporary), new Path(root, relative));
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot commit " + temporary + " as " + path(relative), e);
        }
    }

    /** Deletes a file or directory inside (no error when it does not exist). */
    public void delete(String relative) {
        try {
            fs.delete(new Path(root, relative), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path(relative), e);
        }
    }

    /** Deletes a (temporary) file or directory given by its full path, ignoring failures. */
    public void deleteQuietly(String fullPath) {
        AtomicCommit.deleteQuietly(fs, new Path(fullPath));
    }
}
