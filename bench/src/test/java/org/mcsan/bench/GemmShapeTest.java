package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmShapeTest {
    @Test
    void parsesMxKxN() {
        GemmShape s = GemmShape.parse(" 256X128x512 ");
        assertEquals(256, s.m());
        assertEquals(128, s.k());
        assertEquals(512, s.n());
        assertEquals(2.0 * 256 * 128 * 512, s.flops(), 0);
        assertEquals("256x128x512", s.toString());
    }

    @Test
    void rejectsMalformedSizesQuotingThem() {
        for (String bad : new String[] {"256x128", "axbxc", "1x2x3x4", "", "99999999999x1x1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void rejectsZeroDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("0x1x1"));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void rejectsMatricesTooLargeForJavaArrays() {
        assertThrows(IllegalArgumentException.class, () -> new GemmShape(100000, 100000, 1));
    }
}
