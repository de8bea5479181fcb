package org.mcsan.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mcsan.features.corpus.RejectedItem;

/**
 * Groups rejections by kind of reason (the reason with its specifics, such as quoted values, paths and numbers,
 * blanked out) to name the most common problem and its likely cause.
 */
final class RejectionReport {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|\\[[^\\]]*\\]|\\([^)]*\\)");
    private static final Pattern SPECIFIC = Pattern.compile("\\S*[/\\\\:.]\\S*|\\S*\\d\\S*");

    /** One kind of rejection: stage, reason pattern, how many, and a full example. */
    static final class Kind {
        final String stage;
        final String pattern;
        final long count;
        final RejectedItem example;

        Kind(String stage, String pattern, long count, RejectedItem example) {
            this.stage = stage;
            this.pattern = pattern;
            this.count = count;
            this.example = example;
        }
    }

    private RejectionReport() {}

    /** The reason with its specifics blanked, up to the first colon: "unknown label … at …". */
    static String pattern(String reason) {
        int colon = reason.indexOf(": ");
        String head = colon > 0 ? reason.substring(0, colon) : reason;
        String blanked = SPECIFIC.matcher(QUOTED.matcher(head).replaceAll("…")).replaceAll("…");
        return blanked.replaceAll("\\s+", " ").trim();
    }

    /** Kinds of rejection, most common first. */
    static List<Kind> kinds(Collection<RejectedItem> rejected) {
        Map<String, List<RejectedItem>> byKind = new LinkedHashMap<>();
        for (RejectedItem r : rejected) {
            byKind.computeIfAbsent(r.stage() + "\u0000" + pattern(r.reason()), k -> new ArrayList<>())
                    .add(r);
        }
        List<Kind> kinds = new ArrayList<>();
        for (List<RejectedItem> items : byKind.values()) {
            RejectedItem first = items.get(0);
            kinds.add(new Kind(first.stage(), pattern(first.reason()), items.size(), first));
        }
        kinds.sort((a, b) -> Long.compare(b.count, a.count));
        return kinds;
    }

    static Map<String, Long> byStage(Collection<RejectedItem> rejected) {
        Map<String, Long> counts = new TreeMap<>();
        for (RejectedItem r : rejected) counts.merge(r.stage(), 1L, Long::sum);
        return counts;
    }

    /** A hint at the likely cause of a kind of rejection, for the failure message. */
    static String likelyCause(Kind kind) {
        String reason = kind.example.reason();
        if (reason.startsWith("cannot read audio: ffmpeg")) {
            return "ffmpeg is missing or failing on the executors: install it there, or extract WAVs"
                    + " (mcsan.corpus.meld.wav-dir)";
        }
        if (reason.startsWith("audio file not found")) {
            return "wrong mcsan.corpus.path or audio layout (mcsan.corpus.iemocap.audio-path,"
                    + " mcsan.corpus.meld.media-dirs / wav-dir, or the manifest's audio_path column), or the audio"
                    + " was not extracted";
        }
        if (reason.startsWith("unreadable WAV") || reason.startsWith("cannot read audio")) {
            return "the audio files are not readable WAV files (wrong files, truncated copies, or an unsupported"
                    + " encoding)";
        }
        if (reason.startsWith("audio shorter than one MFCC frame")) {
            return "the audio is very short: check the files, their sample rate and mcsan.features.mfcc.window-length";
        }
        if (reason.startsWith("unknown label")) {
            return "the corpus' labels do not match mcsan.corpus.<kind>.classes / label-map / excluded";
        }
        if (reason.contains("transcript")) {
            return "the transcripts do not match the labels (wrong corpus layout or an incomplete copy)";
        }
        if (reason.contains("GloVe vector")) {
            return "the GloVe file does not match the text (wrong file, dim, or lower-case setting)";
        }
        return "see the rejected table";
    }
}
