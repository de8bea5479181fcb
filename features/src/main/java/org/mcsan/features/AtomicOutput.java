package org.mcsan.features;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mcsan.contracts.io.AtomicCommit;

/**
 * The feature dataset's output directory, which appears only when complete: everything is written into a hidden
 * temporary sibling, which {@link AtomicCommit} makes the output on {@link #commit()} (replacing an existing one
 * only when overwriting is allowed).
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
        this.temp = AtomicCommit.temporarySibling(target);
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
        AtomicCommit.recover(fs, target); // a crash while an earlier run replaced it
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

    Path target() {
        return target;
    }

    /** The temporary directory to write into. */
    Path temp() {
        return temp;
    }

    FileSystem fs() {
        return fs;
    }

    /** A sibling of the target named {@code <target>.<suffix>} (e.g. for the rejected table of a failed run). */
    Path besideTarget(String suffix) {
        return new Path(target.getParent(), target.getName() + "." + suffix);
    }

    /** Moves the temporary directory to the target path. */
    void commit() throws IOException {
        checkTarget(); // someone may have written it while the job ran
        AtomicCommit.replace(fs, temp, target);
    }

    /** Deletes the temporary directory (after a failure); never throws. */
    void abort() {
        AtomicCommit.deleteQuietly(fs, temp);
    }
}
