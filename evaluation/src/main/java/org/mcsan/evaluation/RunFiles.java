package org.mcsan.evaluation;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The files of a run directory, through the Hadoop FileSystem API so that a run on HDFS (or any
 * Hadoop file system) reads and writes like a local one. Outputs are committed atomically: written
 * under a hidden temporary name in the same directory, then renamed into place.
 */
public final class RunFiles {

    private final Path root;
    private final FileSystem fs;

    private RunFiles(Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    public static RunFiles open(Configuration hadoopConf, String runDir) {
        try {
            Path root = new Path(runDir);
            FileSystem fs = root.getFileSystem(hadoopConf);
            // The checksummed local file system litters the run with .crc side files; the raw one does not.
            if (fs instanceof LocalFileSystem) {
                fs = ((LocalFileSystem) fs).getRawFileSystem();
            }
            root = fs.makeQualified(root);
            if (!fs.isDirectory(root)) {
                throw new IllegalArgumentException("run directory " + root + " does not exist or is not a directory");
            }
            return new RunFiles(root, fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open run directory " + runDir, e);
        }
    }

    /** The fully qualified path of the run directory, e.g. {@code file:/runs/x}. */
    public String root() {
        return root.toString();
    }

    /** The fully qualified path of a file or directory in the run, e.g. {@code file:/runs/x/predictions}. */
    public String path(String relative) {
        return new Path(root, relative).toString();
    }

    public boolean exists(String relative) {
        try {
            return fs.exists(new Path(root, relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path(relative), e);
        }
    }

    /** Reads a UTF-8 file of the run; a missing file is an error that names it. */
    public String readText(String relative) {
        Path p = new Path(root, relative);
        try {
            if (!fs.isFile(p)) {
                throw new IllegalArgumentException("run directory " + root + " has no file " + relative);
            }
            try (FSDataInputStream in = fs.open(p)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
                return new String(out.toByteArray(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Writes a file atomically (temporary file in the same directory, then rename over the old one). */
    public void writeAtomically(String relative, byte[] content) {
        Path target = new Path(root, relative);
        Path tmp = temporarySibling(target);
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(content);
            }
            replace(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    public void writeAtomically(String relative, String text) {
        writeAtomically(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a directory of files atomically: all files into a hidden temporary directory, which then
     * replaces {@code relative} (so files of an earlier evaluation that are not rewritten disappear).
     */
    public void writeDirectoryAtomically(String relative, Map<String, byte[]> files) {
        Path target = new Path(root, relative);
        Path tmp = temporarySibling(target);
        try {
            fs.mkdirs(tmp);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                try (FSDataOutputStream out = fs.create(new Path(tmp, f.getKey()), false)) {
                    out.write(f.getValue());
                }
            }
            replace(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** A fresh hidden path next to {@code relative}, for a directory to be committed with {@link #commitDirectory}. */
    public String temporaryPath(String relative) {
        return temporarySibling(new Path(root, relative)).toString();
    }

    /** Renames a finished temporary directory (from {@link #temporaryPath}) over {@code relative}. */
    public void commitDirectory(String temporary, String relative) {
        try {
            replace(new Path(temporary), new Path(root, relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + temporary + " as " + path(relative), e);
        }
    }

    /**
     * Hadoop's rename does not overwrite, so an existing target is first moved aside, and deleted only
     * after the new one is in place: a crash leaves either the old or the new output, never half of one.
     */
    private void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (fs.exists(target)) {
            old = temporarySibling(target);
            if (!fs.rename(target, old)) {
                throw new IOException("cannot move the previous " + target + " aside to " + old);
            }
        }
        if (!fs.rename(tmp, target)) {
            if (old != null) {
                fs.rename(old, target);
            }
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    private static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /** Deletes a (temporary) file or directory given by its full path, ignoring failures. */
    public void deleteQuietly(String path) {
        deleteQuietly(new Path(path));
    }

    private void deleteQuietly(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and its name unique
        }
    }
}
