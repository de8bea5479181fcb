package org.mcsan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A scratch directory under java.io.tmpdir that a part removes, with everything in it, when it ends. */
final class TempDirectory implements AutoCloseable {
    private final Path path;

    TempDirectory(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    Path path() {
        return path;
    }

    /** Total size in bytes of the files under {@code dir}. */
    static long sizeOf(Path dir) throws IOException {
        final long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                total[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    @Override
    public void close() {
        if (!org.apache.hadoop.fs.FileUtil.fullyDelete(path.toFile())) {
            throw new UncheckedIOException(new IOException("cannot delete the benchmark's scratch directory " + path));
        }
    }
}
