package org.mcsan.features.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RIFF/WAVE audio into mono {@link Audio}.
 *
 * <p>Encodings: integer PCM of 1 to 32 bits in 1- to 4-byte containers (8-bit and narrower unsigned,
 * wider signed; scaled by 1/2^(container bits - 1), 8-bit as (b - 128)/128), IEEE float 32/64-bit, any
 * channel count (channels are averaged), and {@code WAVE_FORMAT_EXTENSIBLE} whose sub-format GUID
 * names PCM or IEEE float. Anything else is rejected with an {@link AudioFormatException} naming the
 * format.
 *
 * <p>Chunk layout: chunks may come in any order (LIST, fact, bext, unknown ones before or after
 * {@code fmt }, even {@code data} before {@code fmt }); odd-sized chunks are followed by the RIFF pad
 * byte. The RIFF size field is ignored (writers often get it wrong); a {@code data} size of 0xFFFFFFFF
 * (written by streaming encoders that cannot seek back) means "to the end of the file"; any other
 * {@code data} size that runs past the end of the file is reported as truncation. A trailing partial
 * sample frame is dropped. The block-align field is not trusted: the frame size is computed from the
 * channel count and the container width.
 *
 * <p>Stateless and thread-safe.
 */
public final class WavReader {
    private static final int WAVE_FORMAT_PCM = 0x0001;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 0x0003;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a format tag (…-0000-0010-8000-00AA00389B71). */
    private static final byte[] GUID_SUFFIX = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
    };

    private static final long STREAMING_DATA_SIZE = 0xFFFFFFFFL;

    private WavReader() {}

    /** Reads a WAV file; errors name the path. */
    public static Audio read(Path path) throws IOException {
        return read(Files.readAllBytes(path), path.toString());
    }

    /** Reads a whole WAV stream (not closed); {@code source} names it in error messages. */
    public static Audio read(InputStream in, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            bytes.write(buffer, 0, n);
        }
        return read(bytes.toByteArray(), source);
    }

    /** Decodes WAV bytes; {@code source} names them in error messages (e.g. a path or utterance id). */
    public static Audio read(byte[] bytes, String source) throws AudioFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int length = bytes.length;
        if (length < 12) {
            throw new AudioFormatException(source, "not a RIFF/WAVE file: only " + length + " bytes");
        }
        String riff = fourCc(bytes, 0);
        if (!riff.equals("RIFF")) {
            String hint = riff.equals("RF64")
                    ? " (RF64/BW64 64-bit WAV is not supported)"
                    : riff.equals("RIFX") ? " (big-endian RIFX is not supported)" : "";
            throw new AudioFormatException(source, "not a RIFF file: starts with '" + riff + "'" + hint);
        }
        String form = fourCc(bytes, 8);
        if (!form.equals("WAVE")) {
            throw new AudioFormatException(source, "RIFF file of form '" + form + "', not 'WAVE'");
        }

        Format format = null;
        int dataOffset = -1;
        long dataSize = 0;
        List<String> chunksSeen = new ArrayList<>();
        long pos = 12;
        while (pos + 8 <= length && (format == null || dataOffset < 0)) {
            int at = (int) pos;
            String id = fourCc(bytes, at);
            long size = buf.getInt(at + 4) & 0xFFFFFFFFL;
            int body = at + 8;
            chunksSeen.add(id);
            long present = length - body;
            if (id.equals("data") && size == STREAMING_DATA_SIZE) {
                size = present;
            }
            // Reached only while 'fmt ' or 'data' is still missing, so an overrun here loses one of them.
            if (size > present) {
                throw new AudioFormatException(
                        source,
                        "'" + id + "' chunk declares " + size + " bytes but only " + present
                                + " are present (file truncated)");
            }
            if (id.equals("fmt ")) {
                format = Format.parse(buf, body, (int) size, source);
            } else if (id.equals("data")) {
                dataOffset = body;
                dataSize = size;
            }
            pos = body + size + (size & 1);
        }
        if (format == null) {
            throw new AudioFormatException(source, "no 'fmt ' chunk (chunks found: " + describe(chunksSeen) + ")");
        }
        if (dataOffset < 0) {
            throw new AudioFormatException(source, "no 'data' chunk (chunks found: " + describe(chunksSeen) + ")");
        }
        long frames = dataSize / format.frameBytes;
        if (frames == 0) {
            throw new AudioFormatException(
                    source,
                    "no audio: 'data' chunk holds " + dataSize + " bytes, less than one sample frame of "
                            + format.frameBytes + " bytes");
        }
        float[] mono = new float[(int) frames];
        format.decode(buf, dataOffset, mono);
        return new Audio(mono, format.sampleRate, format.channels, format.containerBits, format.encodingName());
    }

    /** The decoded {@code fmt } chunk, reduced to what decoding needs. */
    private static final class Format {
        final boolean isFloat;
        final int channels;
        final int sampleRate;
        final int containerBits;
        final int bytesPerSample;
        final int frameBytes;

        private Format(boolean isFloat, int channels, int sampleRate, int containerBits) {
            this.isFloat = isFloat;
            this.channels = channels;
            this.sampleRate = sampleRate;
            this.containerBits = containerBits;
            this.bytesPerSample = (containerBits + 7) / 8;
            this.frameBytes = bytesPerSample * channels;
        }

        static Format parse(ByteBuffer buf, int at, int size, String source) throws AudioFormatException {
            if (size < 16) {
                throw new AudioFormatException(source, "'fmt ' chunk is " + size + " bytes, need at least 16");
            }
            int tag = buf.getShort(at) & 0xFFFF;
            int channels = buf.getShort(at + 2) & 0xFFFF;
            long sampleRate = buf.getInt(at + 4) & 0xFFFFFFFFL;
            int bits = buf.getShort(at + 14) & 0xFFFF;
            if (tag == WAVE_FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw new AudioFormatException(
                            source, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + size + " bytes, need 40");
                }
                int guidAt = at + 24;
                for (int i = 0; i < GUID_SUFFIX.length; i++) {
                    if (buf.get(guidAt + 2 + i) != GUID_SUFFIX[i]) {
                        throw new AudioFormatException(
                                source,
                                "WAVE_FORMAT_EXTENSIBLE sub-format " + guid(buf, guidAt)
                                        + " is not supported; convert to PCM");
                    }
                }
                tag = buf.getShort(guidAt) & 0xFFFF;
            }
            if (tag != WAVE_FORMAT_PCM && tag != WAVE_FORMAT_IEEE_FLOAT) {
                throw new AudioFormatException(
                        source,
                        String.format(
                                Locale.ROOT,
                                "format tag 0x%04X (%s) is not supported; convert to PCM, e.g. "
                                        + "ffmpeg -i IN -c:a pcm_s16le OUT.wav",
                                tag,
                                formatTagName(tag)));
            }
            if (channels == 0) {
                throw new AudioFormatException(source, "zero channels in 'fmt ' chunk");
            }
            if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
                throw new AudioFormatException(source, "invalid sample rate " + sampleRate + " Hz");
            }
            boolean isFloat = tag == WAVE_FORMAT_IEEE_FLOAT;
            if (isFloat && bits != 32 && bits != 64) {
                throw new AudioFormatException(
                        source, "IEEE float with " + bits + " bits per sample is not supported (32 or 64)");
            }
            if (!isFloat && (bits < 1 || bits > 32)) {
                throw new AudioFormatException(
                        source, "PCM with " + bits + " bits per sample is not supported (1 to 32)");
            }
            return new Format(isFloat, channels, (int) sampleRate, bits);
        }

        String encodingName() {
            return (isFloat ? "IEEE float " : "PCM ") + containerBits + "-bit";
        }

        /** Decodes {@code out.length} frames starting at {@code at}, averaging channels. */
        void decode(ByteBuffer buf, int at, float[] out) {
            if (isFloat) {
                if (bytesPerSample == 4) {
                    decodeFloat32(buf, at, out);
                } else {
                    decodeFloat64(buf, at, out);
                }
                return;
            }
            switch (bytesPerSample) {
                case 1:
                    decodePcm8(buf, at, out);
                    break;
                case 2:
                    decodePcm16(buf, at, out);
                    break;
                case 3:
                    decodePcm24(buf, at, out);
                    break;
                default:
                    decodePcm32(buf, at, out);
                    break;
            }
        }

        private void decodePcm8(ByteBuffer buf, int at, float[] out) {
            double scale = 1.0 / (128.0 * channels);
            int p = at;
            for (int f = 0; f < out.length; f++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += (buf.get(p++) & 0xFF) - 128;
                }
                out[f] = (float) (sum * scale);
            }
        }

        private void decodePcm16(ByteBuffer buf, int at, float[] out) {
            if (channels == 1) {
                for (int f = 0, p = at; f < out.length; f++, p += 2) {
                    out[f] = buf.getShort(p) * (1f / 32768f);
                }
                return;
            }
            double scale = 1.0 / (32768.0 * channels);
            int p = at;
            for (int f = 0; f < out.length; f++) {
                int sum = 0;
                for (int c = 0; c < channels; c++, p += 2) {
                    sum += buf.getShort(p);
                }
                out[f] = (float) (sum * scale);
            }
        }

        private void decodePcm24(ByteBuffer buf, int at, float[] out) {
            double scale = 1.0 / (8388608.0 * channels);
            int p = at;
            for (int f = 0; f < out.length; f++) {
                long sum = 0;
                for (int c = 0; c < channels; c++, p += 3) {
                    // The sign comes from the top byte, read as a signed byte.
                    sum += (buf.get(p) & 0xFF) | (buf.get(p + 1) & 0xFF) << 8 | buf.get(p + 2) << 16;
                }
                out[f] = (float) (sum * scale);
            }
        }

        private void decodePcm32(ByteBuffer buf, int at, float[] out) {
            double scale = 1.0 / (2147483648.0 * channels);
            int p = at;
            for (int f = 0; f < out.length; f++) {
                long sum = 0;
                for (int c = 0; c < channels; c++, p += 4) {
                    sum += buf.getInt(p);
                }
                out[f] = (float) (sum * scale);
            }
        }

        private void decodeFloat32(ByteBuffer buf, int at, float[] out) {
            if (channels == 1) {
                for (int f = 0, p = at; f < out.length; f++, p += 4) {
                    out[f] = buf.getFloat(p);
                }
                return;
            }
            int p = at;
            for (int f = 0; f < out.length; f++) {
                double sum = 0;
                for (int c = 0; c < channels; c++, p += 4) {
                    sum += buf.getFloat(p);
                }
                out[f] = (float) (sum / channels);
            }
        }

        private void decodeFloat64(ByteBuffer buf, int at, float[] out) {
            int p = at;
            for (int f = 0; f < out.length; f++) {
                double sum = 0;
                for (int c = 0; c < channels; c++, p += 8) {
                    sum += buf.getDouble(p);
                }
                out[f] = (float) (sum / channels);
            }
        }
    }

    private static String fourCc(byte[] bytes, int at) {
        StringBuilder s = new StringBuilder(4);
        for (int i = at; i < at + 4; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                s.append((char) b);
            } else {
                s.append(String.format(Locale.ROOT, "\\x%02X", b));
            }
        }
        return s.toString();
    }

    private static String describe(List<String> chunks) {
        return chunks.isEmpty() ? "none" : String.join(", ", chunks);
    }

    private static String guid(ByteBuffer buf, int at) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "{%08X-%04X-%04X-",
                buf.getInt(at),
                buf.getShort(at + 4) & 0xFFFF,
                buf.getShort(at + 6) & 0xFFFF));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                s.append('-');
            }
            s.append(String.format(Locale.ROOT, "%02X", buf.get(at + i) & 0xFF));
        }
        return s.append('}').toString();
    }

    /** Names of the format tags met in practice, for error messages. */
    static String formatTagName(int tag) {
        switch (tag) {
            case 0x0000:
                return "unknown";
            case 0x0002:
                return "Microsoft ADPCM";
            case 0x0006:
                return "A-law";
            case 0x0007:
                return "mu-law";
            case 0x0011:
                return "IMA ADPCM";
            case 0x0031:
                return "GSM 6.10";
            case 0x0040:
                return "G.721 ADPCM";
            case 0x0050:
                return "MPEG";
            case 0x0055:
                return "MPEG Layer 3";
            case 0x00FF:
                return "AAC";
            case 0x0161:
                return "Windows Media Audio";
            case 0x2000:
                return "AC-3";
            case 0xF1AC:
                return "FLAC";
            default:
                return "unrecognised";
        }
    }
}
