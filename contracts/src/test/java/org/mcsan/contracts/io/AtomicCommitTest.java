package org.mcsan.contracts.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The crash windows of an atomic commit: a failure injected before each file-system step of a replacement (as if
 * the process died there), then what the next start sees after recovery: the old output or the new one, complete,
 * never none, and no moved-aside copy left behind. Every test runs on the local file system and on HDFS (a
 * MiniDFSCluster in this JVM), whose rename differs: it never replaces a file, and it moves a directory renamed
 * onto an existing one into it.
 */
class AtomicCommitTest {
    /** A file system that "dies" at its n-th mutating call: that call and every later one throw. */
    private static final class CrashingFs extends FilterFileSystem {
        private int callsLeft;
        boolean crashed;

        CrashingFs(FileSystem healthy, int crashAtCall) {
            super(healthy);
            this.callsLeft = crashAtCall;
        }

        private void step(String what) throws IOException {
            if (crashed || --callsLeft == 0) {
                crashed = true;
                throw new IOException("injected crash before " + what);
            }
        }

        @Override
        public FSDataOutputStream create(
                Path f,
                FsPermission permission,
                boolean overwrite,
                int bufferSize,
                short replication,
                long blockSize,
                Progressable progress)
                throws IOException {
            step("create " + f);
            return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        }

        @Override
        public boolean mkdirs(Path f, FsPermission permission) throws IOException {
            step("mkdirs " + f);
            return super.mkdirs(f, permission);
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            step("rename " + src + " to " + dst);
            return super.rename(src, dst);
        }

        @Override
        public boolean delete(Path f, boolean recursive) throws IOException {
            step("delete " + f);
            return super.delete(f, recursive);
        }
    }

    /**
     * A file system on which another writer commits {@code target} (a directory holding {@code part-0} = "other")
     * just before this one renames something onto it, as a second attempt of the same task would.
     */
    private static final class RacedFs extends FilterFileSystem {
        private final Path target;
        private boolean raced;

        RacedFs(FileSystem healthy, Path target) {
            super(healthy);
            this.target = target;
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            if (!raced && dst.equals(target)) {
                raced = true;
                write(fs, new Path(target, "part-0"), "other");
            }
            return super.rename(src, dst);
        }
    }

    /** Where the commits run: each test gets a fresh directory there. */
    enum Storage {
        LOCAL,
        HDFS;

        FileSystem fs() throws IOException {
            return this == LOCAL ? FileSystem.getLocal(new Configuration()).getRawFileSystem() : hdfs().getFileSystem();
        }

        Path freshDirectory() throws IOException {
            Path base = this == LOCAL ? new Path(scratch.toUri()) : fs().makeQualified(new Path("/"));
            Path dir = new Path(base, "test-" + ++directories);
            assertTrue(fs().mkdirs(dir));
            return dir;
        }
    }

    @TempDir
    static java.nio.file.Path scratch;

    private static int directories;
    private static MiniDFSCluster cluster;

    /** One cluster for the class, started by the first test that needs it. */
    private static MiniDFSCluster hdfs() throws IOException {
        if (cluster == null) {
            Configuration conf = new Configuration();
            conf.set(
                    MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                    scratch.resolve("minidfs").toString());
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
        }
        return cluster;
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    /** As a caller may have a directory's path from its URI: with a trailing slash (and then no name). */
    private static Path withTrailingSlash(Path dir) {
        return new Path(URI.create(dir.toUri() + "/"));
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            byte[] buf = new byte[1024];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> names(FileSystem fs, Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        for (FileStatus s : fs.listStatus(dir)) {
            out.add(s.getPath().getName());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void replacingAFileLeavesTheOldOrTheNewOneWhereverItCrashes(Storage storage) throws Exception {
        FileSystem healthy = storage.fs();
        int crashes = 0;
        for (int crashAt = 1; ; crashAt++) {
            assertTrue(crashAt < 20, "the replacement never completed");
            Path root = storage.freshDirectory();
            Path target = new Path(root, "summary.json");
            write(healthy, target, "old");

            CrashingFs fs = new CrashingFs(healthy, crashAt);
            boolean completed;
            try {
                AtomicCommit.writeFile(fs, target, "new".getBytes(StandardCharsets.UTF_8));
                completed = !fs.crashed;
            } catch (IOException e) {
                completed = false;
            }
            // The next start: a healthy file system, recovery first.
            assertTrue(
                    AtomicCommit.recover(healthy, target), "crash before step " + crashAt + ": the output is missing");
            assertTrue(healthy.isFile(target), "crash before step " + crashAt + ": not a file");
            String content = read(healthy, target);
            assertTrue(Arrays.asList("old", "new").contains(content), "crash before step " + crashAt + ": " + content);
            for (String name : names(healthy, root)) {
                assertFalse(name.contains(".old-"), "crash before step " + crashAt + " left " + name);
            }
            if (completed) {
                assertEquals("new", content);
                assertEquals(0, names(healthy, root).size() - 1, "only the output remains: " + names(healthy, root));
                break;
            }
            crashes++;
        }
        assertTrue(
                crashes >= 4, "every step was a crash window: write, move aside, rename in, delete (" + crashes + ")");
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void replacingADirectoryLeavesTheOldOrTheNewOneWhereverItCrashes(Storage storage) throws Exception {
        FileSystem healthy = storage.fs();
        int crashes = 0;
        for (int crashAt = 1; ; crashAt++) {
            assertTrue(crashAt < 20, "the replacement never completed");
            Path root = storage.freshDirectory();
            write(healthy, new Path(root, "metrics/part-0"), "old");
            Path target = withTrailingSlash(new Path(root, "metrics"));

            Path ready = AtomicCommit.temporarySibling(target);
            write(healthy, new Path(ready, "part-0"), "new");
            CrashingFs fs = new CrashingFs(healthy, crashAt);
            boolean completed;
            try {
                AtomicCommit.replace(fs, ready, target);
                completed = !fs.crashed;
            } catch (IOException e) {
                completed = false;
            }
            assertTrue(AtomicCommit.recover(healthy, target), "crash before step " + crashAt);
            // Exactly one version, not one nested in the other (HDFS moves a directory renamed onto another into it).
            assertEquals(
                    new HashSet<>(Arrays.asList("part-0")), names(healthy, target), "crash before step " + crashAt);
            String content = read(healthy, new Path(target, "part-0"));
            assertTrue(Arrays.asList("old", "new").contains(content), content);
            for (String name : names(healthy, root)) {
                assertFalse(name.contains(".old-"), "crash before step " + crashAt + " left " + name);
            }
            if (completed) {
                assertEquals("new", content);
                assertEquals(new HashSet<>(Arrays.asList("metrics")), names(healthy, root));
                break;
            }
            crashes++;
        }
        assertTrue(crashes >= 3, "moving aside, renaming in and deleting were crash windows (" + crashes + ")");
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void replacingADirectoryTwiceKeepsOnlyTheLatest(Storage storage) throws Exception {
        FileSystem fs = storage.fs();
        Path root = storage.freshDirectory();
        Path target = new Path(root, "units");
        for (String version : new String[] {"first", "second", "third"}) {
            Path ready = AtomicCommit.temporarySibling(target);
            write(fs, new Path(ready, version), version);
            AtomicCommit.replace(fs, ready, target);
        }
        assertEquals(new HashSet<>(Arrays.asList("third")), names(fs, target));
        assertEquals(new HashSet<>(Arrays.asList("units")), names(fs, root));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aDirectoryCommittedMeanwhileByAnotherWriterIsNeverNestedInto(Storage storage) throws Exception {
        FileSystem healthy = storage.fs();
        Path root = storage.freshDirectory();
        Path target = new Path(root, "fold-0");
        Path ready = AtomicCommit.temporarySibling(target);
        write(healthy, new Path(ready, "part-0"), "ours");
        boolean committed;
        try {
            AtomicCommit.replace(new RacedFs(healthy, target), ready, target);
            committed = true;
        } catch (IOException e) {
            committed = false;
        }
        // The other writer's version stays whole, and ours is not moved into it (HDFS's rename would do that).
        assertEquals(new HashSet<>(Arrays.asList("part-0")), names(healthy, target));
        assertEquals("other", read(healthy, new Path(target, "part-0")));
        assertFalse(committed, "the commit reports that it did not replace the target");
        assertEquals("ours", read(healthy, new Path(ready, "part-0")), "ours is left where the caller cleans it up");
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void recoveryRacingAnotherWritersCommitLeavesThatCommitWhole(Storage storage) throws Exception {
        FileSystem healthy = storage.fs();
        Path root = storage.freshDirectory();
        Path target = new Path(root, "fold-0");
        // A crash between moving aside and renaming in left a moved-aside copy; another writer commits meanwhile.
        write(healthy, new Path(root, ".fold-0.old-1234/part-0"), "moved aside");
        assertTrue(AtomicCommit.recover(new RacedFs(healthy, target), target));
        assertEquals(new HashSet<>(Arrays.asList("part-0")), names(healthy, target));
        assertEquals("other", read(healthy, new Path(target, "part-0")));
        assertEquals(new HashSet<>(Arrays.asList("fold-0")), names(healthy, root), "the stale copy is deleted");
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aDirectoryReadRecoversAMovedAsideOutput(Storage storage) throws Exception {
        FileSystem fs = storage.fs();
        Path dir = storage.freshDirectory();
        // What a crash between "move aside" and "rename in" leaves: no folds.json, a hidden moved-aside copy.
        write(fs, new Path(dir, ".folds.json.old-1234"), "{\"a\":1}");
        Directory run = Directory.open(new Configuration(), dir.toString());
        assertTrue(run.exists("folds.json"));
        assertEquals("{\"a\":1}", run.readText("folds.json"));
        assertEquals(new HashSet<>(Arrays.asList("folds.json")), names(fs, dir));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void writesReplaceAndLeaveNoTemporaryFiles(Storage storage) throws Exception {
        FileSystem fs = storage.fs();
        Path dir = storage.freshDirectory();
        Directory run = Directory.open(new Configuration(), dir.toString());
        run.write("a/b.json", "1");
        run.write("a/b.json", "2");
        assertEquals("2", run.readText("a/b.json"));
        assertEquals(new HashSet<>(Arrays.asList("b.json")), names(fs, new Path(dir, "a")));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aDirectoryWrittenTwiceHoldsOnlyTheSecondVersionsFiles(Storage storage) throws Exception {
        FileSystem fs = storage.fs();
        Path dir = storage.freshDirectory();
        Directory run = Directory.open(new Configuration(), dir.toString());
        run.writeDirectory("units/trial-0/fold-0", java.util.Collections.singletonMap("a.json", new byte[] {'1'}));
        run.writeDirectory("units/trial-0/fold-0", java.util.Collections.singletonMap("b.json", new byte[] {'2'}));
        assertEquals(new HashSet<>(Arrays.asList("b.json")), names(fs, new Path(dir, "units/trial-0/fold-0")));
        assertEquals("2", run.readText("units/trial-0/fold-0/b.json"));
        assertEquals(new HashSet<>(Arrays.asList("fold-0")), names(fs, new Path(dir, "units/trial-0")));
    }
}
