package org.mcsan.features.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegDecoderTest {
    @TempDir
    Path dir;

    /** A stand-in ffmpeg: records its arguments, writes a fixed payload to its last argument. */
    private Path fakeFfmpeg(String body) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path exe = bin.resolve("ffmpeg");
        Files.write(exe, ("#!/bin/sh\n" + body).getBytes(StandardCharsets.UTF_8));
        assertTrue(exe.toFile().setExecutable(true));
        return bin;
    }

    @Test
    void missingFfmpegSaysHowToGetIt() {
        FfmpegDecoder none = FfmpegDecoder.onPath(dir.toString());
        assertFalse(none.isAvailable());
        IOException e = assertThrows(
                IOException.class,
                () -> none.decodeToWav(
                        new File("dia1_utt2.mp4"), dir.resolve("out.wav").toFile()));
        assertTrue(
                e.getMessage()
                        .startsWith("ffmpeg is needed to decode MELD .mp4 clips (apt-get install ffmpeg)"
                                + " or extract WAVs with 'ffmpeg -i X.mp4 -vn -ac 1 -ar 16000 X.wav'"),
                e.getMessage());
    }

    @Test
    void runsTheUsualExtractionCommand() throws IOException {
        Path args = dir.resolve("args.txt");
        Path bin = fakeFfmpeg("for a in \"$@\"; do echo \"$a\" >> '" + args + "'; last=\"$a\"; done\n"
                + "printf 'RIFFdata' > \"$last\"\n");
        FfmpegDecoder ffmpeg = FfmpegDecoder.onPath("/nonexistent" + File.pathSeparator + bin);
        assertTrue(ffmpeg.isAvailable());
        File out = dir.resolve("out.wav").toFile();
        ffmpeg.decodeToWav(new File("/media/dia1_utt2.mp4"), out);
        assertArrayEquals("RIFFdata".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(out.toPath()));
        List<String> argv = Files.readAllLines(args);
        assertEquals(
                Arrays.asList(
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        "/media/dia1_utt2.mp4",
                        "-vn",
                        "-ac",
                        "1",
                        "-ar",
                        "16000",
                        "-acodec",
                        "pcm_s16le",
                        "-f",
                        "wav",
                        out.getPath()),
                argv);
    }

    @Test
    void aFailingDecodeReportsFfmpegsMessage() throws IOException {
        Path bin = fakeFfmpeg("echo 'moov atom not found' >&2\nexit 1\n");
        IOException e = assertThrows(
                IOException.class,
                () -> FfmpegDecoder.onPath(bin.toString())
                        .decodeToWav(
                                new File("dev/dia110_utt7.mp4"),
                                dir.resolve("o.wav").toFile()));
        assertTrue(
                e.getMessage().contains("could not decode dev/dia110_utt7.mp4 (exit code 1): moov atom not found"),
                e.getMessage());
    }

    @Test
    void ffmpegsErrorIsOneLineWithoutMemoryAddresses() throws IOException {
        // ffmpeg's real output for a clip without its index (MELD has a few), addresses and all
        Path bin = fakeFfmpeg("printf '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d5c0a3c2c0] moov atom not found\\n"
                + "dev/dia110_utt7.mp4: Invalid data found when processing input\\n' >&2\nexit 1\n");
        IOException e = assertThrows(
                IOException.class,
                () -> FfmpegDecoder.onPath(bin.toString())
                        .decodeToWav(
                                new File("dev/dia110_utt7.mp4"),
                                dir.resolve("o.wav").toFile()));
        assertEquals(
                "ffmpeg could not decode dev/dia110_utt7.mp4 (exit code 1): [mov,mp4,m4a,3gp,3g2,mj2] moov atom not"
                        + " found; dev/dia110_utt7.mp4: Invalid data found when processing input",
                e.getMessage());
    }
}
