package org.mcsan.pipeline.config;

import java.util.List;

/** "Did you mean …?" for a mistyped key: the known key closest by edit distance. */
final class Suggestions {
    private Suggestions() {}

    /** The closest known key, or null when nothing is plausibly meant. */
    static String closest(String key, List<String> known) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        String last = lastSegment(key);
        for (String candidate : known) {
            // A right leaf name in the wrong section is as likely as a typo in the right section.
            int score = Math.min(distance(key, candidate), distance(last, lastSegment(candidate)) + 2);
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        int tolerance = Math.max(2, last.length() / 2);
        return bestScore <= tolerance ? best : null;
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
