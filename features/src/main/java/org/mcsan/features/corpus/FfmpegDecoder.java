package org.mcsan.features.corpus;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes a media file's audio track (MELD's {@code .mp4} clips) to a 16-bit mono WAV file with the ffmpeg found on
 * the PATH, the same way users extract MELD audio by hand: {@code ffmpeg -i X.mp4 -vn -ac 1 -ar 16000 X.wav}.
 */
public final class FfmpegDecoder {
    /** The rate ffmpeg resamples to, as in the usual MELD extraction command. */
    public static final int SAMPLE_RATE = 16000;

    private static final long TIMEOUT_SECONDS = 300;
    private static volatile FfmpegDecoder onSystemPath;

    private final File executable;

    private FfmpegDecoder(File executable) {
        this.executable = executable;
    }

    /** The decoder for the ffmpeg on this JVM's PATH (looked up once per JVM). */
    public static FfmpegDecoder onSystemPath() {
        FfmpegDecoder d = onSystemPath;
        if (d == null) {
            d = onPath(System.getenv("PATH"));
            onSystemPath = d;
        }
        return d;
    }

    /** The decoder for the first executable {@code ffmpeg} in a PATH-style directory list (may be unavailable). */
    public static FfmpegDecoder onPath(String searchPath) {
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                File candidate = new File(dir, "ffmpeg");
                if (candidate.isFile() && candidate.canExecute()) return new FfmpegDecoder(candidate);
            }
        }
        return new FfmpegDecoder(null);
    }

    public boolean isAvailable() {
        return executable != null;
    }

    /**
     * Decodes {@code input}'s audio to {@code outputWav} (16-bit PCM, mono, {@value #SAMPLE_RATE} Hz), overwriting it.
     *
     * @throws IOException when ffmpeg is missing (with how to install it or extract WAVs instead), fails (with its
     *                     error output), or runs longer than five minutes
     */
    public void decodeToWav(File input, File outputWav) throws IOException {
        if (executable == null) {
            throw new IOException("ffmpeg is needed to decode MELD .mp4 clips (apt-get install ffmpeg) or extract"
                    + " WAVs with 'ffmpeg -i X.mp4 -vn -ac 1 -ar 16000 X.wav' next to each .mp4 (or into"
                    + " mcsan.corpus.meld.wav-dir/<split>/); no executable ffmpeg on the PATH");
        }
        List<String> command = new ArrayList<>(Arrays.asList(
                executable.getPath(),
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-i",
                input.getPath(),
                "-vn",
                "-ac",
                "1",
                "-ar",
                String.valueOf(SAMPLE_RATE),
                "-acodec",
                "pcm_s16le",
                "-f",
                "wav",
                outputWav.getPath()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = drain(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish decoding " + input + " within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg decoded " + input, e);
        }
        if (process.exitValue() != 0 || !outputWav.isFile() || outputWav.length() == 0) {
            throw new IOException("ffmpeg could not decode " + input + " (exit code " + process.exitValue() + "): "
                    + readableError(output));
        }
    }

    /**
     * ffmpeg's error output as one line for a rejection reason: its lines joined with "; " and the memory addresses
     * it prints after each component ({@code [mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c3a8e2c0]}) left out, since they differ
     * from run to run and say nothing to the user.
     */
    static String readableError(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\\r?\\n|\\r")) {
            String clean = line.replaceAll("\\s*@\\s*0x[0-9a-fA-F]+", "").trim();
            if (!clean.isEmpty()) lines.add(clean);
        }
        return lines.isEmpty() ? "no output" : String.join("; ", lines);
    }

    private static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() < 16 * 1024) out.write(buf, 0, n); // ffmpeg's error output, bounded
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
