package org.mcsan.features;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.UUID;

/**
 * An output directory that appears only when complete: everything is written into a hidden temporary sibling
 * ({@code .<name>.tmp-<uuid>}), which is renamed to the output path on {@link #commit()}. Uses the Hadoop
 * FileSystem API, so it works the same on local disks and HDFS (where rename is atomic).
 *
 * <p>Replacing an existing output (when allowed) renames the old one aside first, renames the new one in, then
 * deletes the old one; if the second rename fails the old output is put back.
 */
final class AtomicOutput {
    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final boolean overwrite;

    private AtomicOutput(FileSystem fs, Path target, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.overwrite = overwrite;
        this.temp = sibling(".tmp-");
    }

    /**
     * Checks that the target may be written (it does not exist, or {@code overwrite} is set) and creates the
     * temporary directory.
     */
    static AtomicOutput begin(String output, boolean overwrite, Configuration conf) throws IOException {
        Path target = new Path(output);
        FileSystem fs = target.getFileSystem(conf);
        target = fs.makeQualified(target);
        if (target.getParent() == null) {
            throw new IOException("refusing to write the feature dataset to a file system root: " + target);
        }
        AtomicOutput out = new AtomicOutput(fs, target, overwrite);
        out.checkTarget();
        if (!fs.mkdirs(out.temp)) throw new IOException("cannot create temporary output directory " + out.temp);
        return out;
    }

    private void checkTarget() throws IOException {
        if (fs.exists(target) && !overwrite) {
            throw new IOException("the output " + target + " already exists; set mcsan.features.overwrite = true"
                    + " to replace it, or choose another mcsan.features.output");
        }
    }

    Path target() { return target; }

    /** The temporary directory to write into. */
    Path temp() { return temp; }

    FileSystem fs() { return fs; }

    /** A sibling of the target named {@code <target>.<suffix>} (e.g. for the rejected table of a failed run). */
    Path besideTarget(String suffix) {
        return new Path(target.getParent(), target.getName() + "." + suffix);
    }

    /** Moves the temporary directory to the target path. */
    void commit() throws IOException {
        checkTarget(); // someone may have written it while the job ran
        Path old = null;
        if (fs.exists(target)) {
            old = sibling(".old-");
            if (!fs.rename(target, old)) throw new IOException("cannot move the old output " + target + " aside");
        }
        if (!fs.rename(temp, target)) {
            if (old != null) fs.rename(old, target);
            throw new IOException("cannot rename " + temp + " to " + target);
        }
        if (old != null) fs.delete(old, true);
    }

    /** Deletes the temporary directory (after a failure); never throws. */
    void abort() {
        try {
            fs.delete(temp, true);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the failure being reported matters more than a leftover hidden directory
        }
    }

    private Path sibling(String kind) {
        return new Path(target.getParent(), "." + target.getName() + kind + UUID.randomUUID());
    }
}
