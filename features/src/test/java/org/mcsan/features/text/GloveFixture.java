package org.mcsan.features.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** A small 3-d GloVe file with the real file's quirks, plain and gzipped. */
final class GloveFixture {
    static final int DIM = 3;

    private GloveFixture() {}

    static byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "the 0.1 0.2 0.3\n");
        write(out, ". 1 2 3\r\n");
        write(out, "at&t inc 0.5 -0.5 1e-2\n"); // a "word" with a space
        out.write(0xff); // not UTF-8
        write(out, "oops 1 1 1\n");
        write(out, "short 0.1 0.2\n"); // wrong field count
        write(out, "2196017 300\n"); // word2vec-style header: wrong field count
        write(out, "bad 0.1 x 0.3\n"); // bad number in a wanted word
        write(out, "Hello 1 0 0\n");
        write(out, "hello 0 1 0\n");
        write(out, "caf\u00e9 0 0 1\n"); // valid UTF-8
        write(out, "n't -1 -2 -3\n");
        for (int i = 0; i < 200; i++) write(out, "filler" + i + " 0 0 0\n"); // pushes the rest into a later split
        write(out, "the 9 9 9\n"); // duplicate: the first line wins
        write(out, "last 4 5 6"); // no final newline
        return out.toByteArray();
    }

    /** Lines in {@link #bytes()}. */
    static final long LINES = 11 + 200 + 2;

    static Path plain(Path dir) throws IOException {
        Path p = dir.resolve("glove.3d.txt");
        Files.write(p, bytes());
        return p;
    }

    static Path gzipped(Path dir) throws IOException {
        Path p = dir.resolve("glove.3d.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(bytes());
        }
        return p;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
