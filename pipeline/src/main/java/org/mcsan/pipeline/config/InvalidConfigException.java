package org.mcsan.pipeline.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The configuration the user gave is not usable; each problem names the key, the value and what was expected. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(render(problems));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public InvalidConfigException(String problem) {
        this(Collections.singletonList(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder out = new StringBuilder("invalid configuration:");
        for (String p : problems) {
            out.append("\n  - ").append(p);
        }
        return out.toString();
    }
}
