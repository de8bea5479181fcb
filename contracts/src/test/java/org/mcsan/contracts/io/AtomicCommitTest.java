package org.mcsan.contracts.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash windows of an atomic commit: a failure injected before each file-system step of a replacement (as if
 * the process died there), then what the next start sees after recovery: the old output or the new one, complete,
 * never none, and no moved-aside copy left behind.
 */
class AtomicCommitTest {
    /** A local file system that "dies" at its n-th mutating call: that call and every later one throw. */
    private static final class CrashingFs extends FilterFileSystem {
        private int callsLeft;
        boolean crashed;

        CrashingFs(FileSystem raw, int crashAtCall) {
            super(raw);
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
                org.apache.hadoop.fs.Path f,
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
        public boolean mkdirs(org.apache.hadoop.fs.Path f, FsPermission permission) throws IOException {
            step("mkdirs " + f);
            return super.mkdirs(f, permission);
        }

        @Override
        public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
            step("rename " + src + " to " + dst);
            return super.rename(src, dst);
        }

        @Override
        public boolean delete(org.apache.hadoop.fs.Path f, boolean recursive) throws IOException {
            step("delete " + f);
            return super.delete(f, recursive);
        }
    }

    private static final Configuration HADOOP = new Configuration();

    private static FileSystem raw() throws IOException {
        return FileSystem.getLocal(HADOOP).getRawFileSystem();
    }

    /** From the URI, as a caller may have it: a directory's comes with a trailing slash. */
    private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    private static String read(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            byte[] buf = new byte[1024];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        Files.list(dir).forEach(p -> out.add(p.getFileName().toString()));
        return out;
    }

    @Test
    void replacingAFileLeavesTheOldOrTheNewOneWhereverItCrashes(@TempDir Path dir) throws Exception {
        int crashes = 0;
        for (int crashAt = 1; ; crashAt++) {
            assertTrue(crashAt < 20, "the replacement never completed");
            Path root = Files.createDirectory(dir.resolve("attempt-" + crashAt));
            org.apache.hadoop.fs.Path target = hadoopPath(root.resolve("summary.json"));
            Files.write(root.resolve("summary.json"), "old".getBytes(StandardCharsets.UTF_8));

            CrashingFs fs = new CrashingFs(raw(), crashAt);
            boolean completed;
            try {
                AtomicCommit.writeFile(fs, target, "new".getBytes(StandardCharsets.UTF_8));
                completed = !fs.crashed;
            } catch (IOException e) {
                completed = false;
            }
            // The next start: a healthy file system, recovery first.
            assertTrue(AtomicCommit.recover(raw(), target), "crash before step " + crashAt + ": the output is missing");
            String content = read(raw(), target);
            assertTrue(Arrays.asList("old", "new").contains(content), "crash before step " + crashAt + ": " + content);
            for (String name : names(root)) {
                assertFalse(name.contains(".old-"), "crash before step " + crashAt + " left " + name);
            }
            if (completed) {
                assertEquals("new", content);
                assertEquals(0, names(root).size() - 1, "only the output remains: " + names(root));
                break;
            }
            crashes++;
        }
        assertTrue(
                crashes >= 4, "every step was a crash window: write, move aside, rename in, delete (" + crashes + ")");
    }

    @Test
    void replacingADirectoryLeavesTheOldOrTheNewOneWhereverItCrashes(@TempDir Path dir) throws Exception {
        for (int crashAt = 1; ; crashAt++) {
            assertTrue(crashAt < 20, "the replacement never completed");
            Path root = Files.createDirectory(dir.resolve("attempt-" + crashAt));
            Files.createDirectories(root.resolve("metrics"));
            Files.write(root.resolve("metrics/part-0"), "old".getBytes(StandardCharsets.UTF_8));
            org.apache.hadoop.fs.Path target = hadoopPath(root.resolve("metrics"));

            org.apache.hadoop.fs.Path ready = AtomicCommit.temporarySibling(target);
            raw().mkdirs(ready);
            try (OutputStream out = raw().create(new org.apache.hadoop.fs.Path(ready, "part-0"))) {
                out.write("new".getBytes(StandardCharsets.UTF_8));
            }
            CrashingFs fs = new CrashingFs(raw(), crashAt);
            boolean completed;
            try {
                AtomicCommit.replace(fs, ready, target);
                completed = !fs.crashed;
            } catch (IOException e) {
                completed = false;
            }
            assertTrue(AtomicCommit.recover(raw(), target), "crash before step " + crashAt);
            String content = read(raw(), new org.apache.hadoop.fs.Path(target, "part-0"));
            assertTrue(Arrays.asList("old", "new").contains(content), content);
            if (completed) {
                assertEquals("new", content);
                break;
            }
        }
    }

    @Test
    void aDirectoryReadRecoversAMovedAsideOutput(@TempDir Path dir) throws Exception {
        // What a crash between "move aside" and "rename in" leaves: no folds.json, a hidden moved-aside copy.
        Files.write(dir.resolve(".folds.json.old-1234"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        Directory run = Directory.open(new Configuration(), dir.toString());
        assertTrue(run.exists("folds.json"));
        assertEquals("{\"a\":1}", run.readText("folds.json"));
        assertEquals(new HashSet<>(Arrays.asList("folds.json")), names(dir));
    }

    @Test
    void writesReplaceAndLeaveNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Directory run = Directory.open(new Configuration(), dir.toString());
        run.write("a/b.json", "1");
        run.write("a/b.json", "2");
        assertEquals("2", run.readText("a/b.json"));
        assertEquals(new HashSet<>(Arrays.asList("b.json")), names(dir.resolve("a")));
    }
}
