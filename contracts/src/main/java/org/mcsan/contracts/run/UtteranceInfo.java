package org.mcsan.contracts.run;

import java.io.Serializable;

/** What fold planning needs to know about one utterance of the feature dataset. */
public final class UtteranceInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String id;
    public final String speaker;
    public final String session;
    public final String split;

    public UtteranceInfo(String id, String speaker, String session, String split) {
        this.id = id;
        this.speaker = speaker;
        this.session = session;
        this.split = split;
    }
}
