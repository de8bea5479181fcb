package org.mcsan.contracts.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one way every stage commits an output (a file or a directory) on a Hadoop file system, so that a reader
 * finds either the previous output or the new one, complete, and never nothing.
 *
 * <p>Hadoop's rename does not overwrite, so replacing takes four steps: (1) the new output is written beside the
 * target under a hidden temporary name ({@code .<name>.tmp-<uuid>}); (2) the existing target is moved aside
 * ({@code .<name>.old-<uuid>}); (3) the new output is renamed in; (4) the moved-aside one is deleted. A crash
 * between (2) and (3) leaves no target but a moved-aside output: {@link #recover} renames it back; every
 * commit, and every {@link Directory} read that finds nothing, calls it first, so the next start repairs it.
 *
 * <p>Renaming a directory onto an existing one moves it inside on HDFS (and on the local file system when the
 * existing one is not empty); when another writer commits the same target between steps (2) and (3), the commit
 * fails instead, leaving that writer's output whole. Tested on the local file system and on HDFS.
 */
public final class AtomicCommit {
    private static final String TEMPORARY = ".tmp-";
    private static final String MOVED_ASIDE = ".old-";

    private AtomicCommit() {}

    /** A fresh hidden path beside {@code target} to write a new output into before {@link #replace}. */
    public static Path temporarySibling(Path target) {
        return sibling(target, TEMPORARY);
    }

    /** Writes {@code bytes} as the file {@code target}, atomically (temporary sibling, then {@link #replace}). */
    public static void writeFile(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = temporarySibling(target);
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
            }
            replace(fs, tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(fs, tmp);
            throw e;
        }
    }

    /**
     * Makes the finished output {@code ready} (a file or directory, usually from {@link #temporarySibling}) the
     * new {@code target}, replacing an existing one without ever leaving the target missing.
     */
    public static void replace(FileSystem fs, Path ready, Path target) throws IOException {
        target = normalized(target);
        recover(fs, target);
        if (target.getParent() != null) {
            fs.mkdirs(target.getParent());
        }
        Path old = null;
        if (fs.exists(target)) {
            old = sibling(target, MOVED_ASIDE);
            if (!fs.rename(target, old)) {
                throw new IOException("cannot move the previous " + target + " aside to " + old);
            }
        }
        if (!renameOnto(fs, ready, target)) {
            if (old != null) {
                renameOnto(fs, old, target);
            }
            throw new IOException("cannot rename " + ready + " to " + target
                    + (fs.exists(target) ? ": another writer committed it meanwhile" : ""));
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /**
     * Repairs what a crash during {@link #replace} left: when {@code target} is missing but a moved-aside copy
     * exists, that copy is renamed back; when the target exists, leftover moved-aside copies are deleted.
     *
     * @return whether {@code target} exists afterwards
     */
    public static boolean recover(FileSystem fs, Path target) throws IOException {
        target = normalized(target);
        Path parent = target.getParent();
        if (parent == null) {
            return fs.exists(target);
        }
        boolean exists = fs.exists(target);
        FileStatus[] aside = fs.globStatus(new Path(parent, "." + target.getName() + MOVED_ASIDE + "*"));
        if (aside == null || aside.length == 0) {
            return exists;
        }
        for (FileStatus s : aside) {
            if (!exists && renameOnto(fs, s.getPath(), target)) {
                exists = true;
                continue;
            }
            exists = exists || fs.exists(target); // another writer may have committed it meanwhile
            if (exists) {
                fs.delete(s.getPath(), true); // stale; while the target is missing it stays, for the next recovery
            }
        }
        return exists;
    }

    /**
     * Renames {@code from} (a uniquely named sibling) to the missing {@code to}. A directory renamed onto an
     * existing directory is moved into it instead (HDFS; the local file system too when it is not empty): when
     * another writer committed {@code to} meanwhile, that move is undone, so neither output is nested in the other.
     *
     * @return whether {@code from} is now {@code to}
     */
    private static boolean renameOnto(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            return false;
        }
        Path nested = new Path(to, from.getName());
        if (fs.exists(nested)) {
            if (!fs.rename(nested, from)) {
                fs.delete(nested, true);
            }
            return false;
        }
        return true;
    }

    /** Deletes a temporary file or directory after a failure; never throws, the failure itself matters more. */
    public static void deleteQuietly(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the name is hidden and unique
        }
    }

    private static Path sibling(Path target, String kind) {
        Path t = normalized(target);
        return new Path(t.getParent(), "." + t.getName() + kind + UUID.randomUUID());
    }

    /** Without a trailing slash (a Path made from a directory's URI has one, and then no name). */
    private static Path normalized(Path p) {
        return new Path(p.toString());
    }
}
