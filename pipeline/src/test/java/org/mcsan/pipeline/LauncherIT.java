package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/mcsan against the packaged jar, as a user runs it (runs in the integration-test phase). */
class LauncherIT {
    private static final File ROOT = new File(System.getProperty("user.dir")).getParentFile();

    private static String[] run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(new File(ROOT, "bin/mcsan").getPath());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT).redirectErrorStream(true);
        pb.environment().put("MCSAN_NO_BUILD", "1"); // the jar was just packaged: the launcher must not rebuild
        pb.environment().put("MCSAN_HEAP", "1g");
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {String.valueOf(p.exitValue()), new String(out.toByteArray(), StandardCharsets.UTF_8)};
    }

    @Test
    void helpWorks() throws Exception {
        String[] r = run("--help");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("Usage: mcsan"), r[1]);
    }

    @Test
    void configShowsAnOverride() throws Exception {
        String[] r = run("config", "--set", "mcsan.spark.master=local[1]");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("master=\"local[1]\""), r[1]);
        assertTrue(r[1].contains("# --set mcsan.spark.master=local[1]"), r[1]);
    }

    @Test
    void typoGivesExitCodeTwo() throws Exception {
        String[] r = run("config", "--set", "mcsan.spark.mastr=local[1]");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("did you mean mcsan.spark.master?"), r[1]);
    }
}
