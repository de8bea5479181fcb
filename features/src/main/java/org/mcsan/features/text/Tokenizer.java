package org.mcsan.features.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word tokenizer for transcripts, splitting the way GloVe 840B's (Stanford-tokenized) vocabulary expects:
 * <ul>
 *   <li>Words are runs of letters and digits; a hyphen or apostrophe between two letters/digits stays inside the
 *       word ({@code well-known}, {@code o'clock}), and so does a period or comma between two digits
 *       ({@code 3.5}, {@code 1,000}).</li>
 *   <li>Clitics are split off: {@code don't → do n't}, {@code can't → ca n't}, {@code I'm → I 'm},
 *       {@code we'll → we 'll}, and likewise {@code 's 're 've 'd}. The typographic apostrophe ’ counts as '
 *       and is written as '.</li>
 *   <li>Every other non-space character is punctuation and becomes its own token; a run of the same character
 *       stays together ({@code ...}, {@code !!}, {@code --}).</li>
 *   <li>Noise markers in square brackets ({@code [LAUGHTER]}, {@code [BREATHING]}, {@code [GARBAGE]}) are dropped,
 *       or kept as one token each, per {@link TextSettings#noiseMarkers()}.</li>
 *   <li>Tokens are lower-cased when {@link TextSettings#lowerCase()} is set, then cut to
 *       {@link TextSettings#maxWords()}.</li>
 * </ul>
 */
public final class Tokenizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NOISE_MARKER = Pattern.compile("\\[[\\p{L}][\\p{L} _-]{0,40}\\]");
    private static final Pattern CLITIC = Pattern.compile("(?i)^(.+)('(?:s|m|d|ll|re|ve))$");

    private final TextSettings settings;

    public Tokenizer(TextSettings settings) {
        this.settings = settings;
    }

    public TextSettings settings() {
        return settings;
    }

    /** The tokens of {@code text}, at most {@code max-words} of them; an empty list for null or blank text. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) return tokens;
        String s = text.replace('\u2019', '\'');
        Matcher marker = NOISE_MARKER.matcher(s);
        int i = 0;
        int n = s.length();
        while (i < n && tokens.size() < settings.maxWords()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[' && marker.region(i, n).lookingAt()) {
                if (settings.noiseMarkers() == TextSettings.NoiseMarkers.KEEP) add(tokens, marker.group());
                i = marker.end();
            } else if (Character.isLetterOrDigit(c)) {
                int end = wordEnd(s, i);
                addWord(tokens, s.substring(i, end));
                i = end;
            } else {
                int end = i + 1;
                while (end < n && s.charAt(end) == c) end++;
                add(tokens, s.substring(i, end));
                i = end;
            }
        }
        return tokens.size() > settings.maxWords() ? new ArrayList<>(tokens.subList(0, settings.maxWords())) : tokens;
    }

    /** End (exclusive) of the word starting at {@code start}, following the joining rules above. */
    private static int wordEnd(String s, int start) {
        int n = s.length();
        int j = start;
        while (true) {
            while (j < n && Character.isLetterOrDigit(s.charAt(j))) j++;
            if (j + 1 >= n || !Character.isLetterOrDigit(s.charAt(j + 1))) return j;
            char joint = s.charAt(j);
            boolean joins = joint == '-'
                    || joint == '\''
                    || ((joint == '.' || joint == ',')
                            && Character.isDigit(s.charAt(j - 1))
                            && Character.isDigit(s.charAt(j + 1)));
            if (!joins) return j;
            j++;
        }
    }

    private void addWord(List<String> tokens, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("n't") && word.length() > 3) {
            add(tokens, word.substring(0, word.length() - 3));
            add(tokens, word.substring(word.length() - 3));
            return;
        }
        Matcher clitic = CLITIC.matcher(word);
        if (clitic.matches()) {
            add(tokens, clitic.group(1));
            add(tokens, clitic.group(2));
        } else {
            add(tokens, word);
        }
    }

    private void add(List<String> tokens, String token) {
        tokens.add(settings.lowerCase() ? token.toLowerCase(Locale.ROOT) : token);
    }
}
