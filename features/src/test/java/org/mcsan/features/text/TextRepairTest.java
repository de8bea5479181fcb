package org.mcsan.features.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The repairs on strings built from the exact bytes MELD's CSVs hold. */
class TextRepairTest {
    /** UTF-8 bytes as Java reads them from a valid UTF-8 file. */
    private static String utf8(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void c1ControlsBecomeTheWindows1252CharactersTheyStandFor() {
        // "I" C2 92 "m": U+0092 where ’ was meant.
        TextRepair.Result r = TextRepair.repair(utf8('I', 0xC2, 0x92, 'm'));
        assertEquals("I\u2019m", r.text);
        assertEquals(Collections.singleton(TextRepair.C1_CONTROL), r.kinds);
        assertEquals(
                "Well\u2026 \u201Cno\u201D \u2013 yes \u2014 ok",
                TextRepair.repair(utf8(
                                'W', 'e', 'l', 'l', 0xC2, 0x85, ' ', 0xC2, 0x93, 'n', 'o', 0xC2, 0x94, ' ', 0xC2, 0x96,
                                ' ', 'y', 'e', 's', ' ', 0xC2, 0x97, ' ', 'o', 'k'))
                        .text);
    }

    @Test
    void doublyEncodedUtf8IsDecodedOnce() {
        // "you" C3 A2 C2 80 C2 99 "re": the bytes E2 80 99 of ’ read as â, U+0080, U+0099.
        TextRepair.Result r = TextRepair.repair(utf8('y', 'o', 'u', 0xC3, 0xA2, 0xC2, 0x80, 0xC2, 0x99, 'r', 'e'));
        assertEquals("you\u2019re", r.text);
        assertEquals(Collections.singleton(TextRepair.DOUBLE_ENCODED), r.kinds);
        // Both kinds in one transcript.
        TextRepair.Result both = TextRepair.repair(utf8('I', 0xC2, 0x92, 'd', ' ', 0xC3, 0xA2, 0xC2, 0x80, 0xC2, 0xA6));
        assertEquals("I\u2019d \u2026", both.text);
        assertEquals(new TreeSet<>(Arrays.asList(TextRepair.C1_CONTROL, TextRepair.DOUBLE_ENCODED)), both.kinds);
    }

    @Test
    void cleanTextIsLeftAlone() {
        for (String clean : new String[] {
            "Oh my God!", "caf\u00e9 na\u00efve \u00c0 la", "I\u2019m \u201Cfine\u201D", "\u00c3 la carte", ""
        }) {
            TextRepair.Result r = TextRepair.repair(clean);
            assertSame(clean, r.text, clean);
            assertFalse(r.changed(), clean);
        }
    }
}
