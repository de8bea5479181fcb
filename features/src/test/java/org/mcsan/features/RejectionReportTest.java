package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcsan.features.corpus.RejectedItem;

class RejectionReportTest {
    @Test
    void groupsReasonsByKindWithTheirSpecificsBlanked() {
        assertEquals(
                "unknown label … at … known labels",
                RejectionReport.pattern("unknown label 'bored' at /c/S1/x.txt:15; known labels: [a, b]"));
        assertEquals("audio file not found", RejectionReport.pattern("audio file not found: /a/b.wav (nor b.mp4)"));
        List<RejectedItem> rejected = Arrays.asList(
                new RejectedItem("u1", "/a/1.wav", "audio", "audio file not found: /a/1.wav"),
                new RejectedItem("u2", "/a/2.wav", "audio", "unreadable WAV: not a RIFF file"),
                new RejectedItem("u3", "/a/3.wav", "audio", "audio file not found: /a/3.wav"),
                new RejectedItem("u4", "/t.txt:4", "read", "unknown label 'x' at /t.txt:4; known labels: [a]"));
        List<RejectionReport.Kind> kinds = RejectionReport.kinds(rejected);
        assertEquals(3, kinds.size());
        assertEquals("audio file not found", kinds.get(0).pattern);
        assertEquals(2, kinds.get(0).count);
        assertEquals("u1", kinds.get(0).example.utteranceId());
        assertTrue(RejectionReport.likelyCause(kinds.get(0)).startsWith("wrong mcsan.corpus.path"));
        assertEquals(3L, (long) RejectionReport.byStage(rejected).get("audio"));
    }
}
