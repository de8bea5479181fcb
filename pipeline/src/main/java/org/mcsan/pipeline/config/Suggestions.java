package org.mcsan.pipeline.config;

import java.util.List;

/** "Did you mean …?" for a mistyped key: the known key closest by edit distance over the whole path. */
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

    /** Edit distance with adjacent transpositions counted as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
