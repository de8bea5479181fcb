package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the event file back with an independent TFRecord/protobuf decoder and a bitwise CRC32C. */
class EventLogTest {
    private static int crc32c(byte[] data, int off, int len) {
        int crc = ~0;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc;
    }

    private static int masked(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** Field number → raw value (long for varint/fixed, byte[] for length-delimited); last occurrence wins. */
    private static java.util.Map<Integer, Object> fields(byte[] m) {
        java.util.Map<Integer, Object> out = new java.util.HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            long key = varint(b);
            int field = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0:
                    out.put(field, varint(b));
                    break;
                case 1:
                    out.put(field, b.getLong());
                    break;
                case 5:
                    out.put(field, (long) b.getInt());
                    break;
                case 2:
                    byte[] v = new byte[(int) varint(b)];
                    b.get(v);
                    out.put(field, v);
                    break;
                default:
                    throw new AssertionError("wire type " + (key & 7));
            }
        }
        return out;
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    @Test
    void scalarsAreReadableTfRecords(@TempDir Path dir) throws Exception {
        try (EventLog log = new EventLog(new Configuration(), dir.toString())) {
            log.scalar("val/ua", 0.625f, 3);
            log.scalar("train/loss", 1.5f, 300);
        }
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith("events.out.tfevents."));
        assertEquals(1, files.length);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(files[0].toPath())).order(ByteOrder.LITTLE_ENDIAN);
        List<java.util.Map<Integer, Object>> events = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            long length = b.getLong();
            assertEquals(masked(crc32c(b.array(), start, 8)), b.getInt(), "length CRC");
            byte[] data = new byte[(int) length];
            b.get(data);
            assertEquals(masked(crc32c(data, 0, data.length)), b.getInt(), "data CRC");
            events.add(fields(data));
        }
        assertEquals(3, events.size());
        assertEquals("brain.Event:2", new String((byte[]) events.get(0).get(3), StandardCharsets.UTF_8));
        java.util.Map<Integer, Object> second = events.get(2);
        assertEquals(300L, second.get(2));
        assertTrue(Double.longBitsToDouble((Long) second.get(1)) > 1.6e9, "wall time in seconds");
        java.util.Map<Integer, Object> value =
                fields((byte[]) fields((byte[]) second.get(5)).get(1));
        assertEquals("train/loss", new String((byte[]) value.get(1), StandardCharsets.UTF_8));
        assertEquals(1.5f, Float.intBitsToFloat((int) (long) (Long) value.get(2)));
    }
}
