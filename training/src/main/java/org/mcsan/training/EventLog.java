package org.mcsan.training;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.PureJavaCrc32C;

/**
 * A TensorBoard event file of scalars, written directly: TFRecord framing around hand-encoded {@code Event}
 * protocol buffers. BigDL's own summary writer needs TensorFlow's protobuf-3 classes unshaded on the classpath,
 * which clash with the protobuf 2.5 that Hadoop 2.7's HDFS client needs.
 *
 * <p>Each record: uint64 length, masked CRC32C of the length, the data, masked CRC32C of the data (little-endian).
 * {@code Event}: wall_time (1, double), step (2, int64), file_version (3, string) or summary (5): {@code Summary}
 * has repeated value (1): {@code Value} with tag (1, string) and simple_value (2, float).
 */
public final class EventLog implements Closeable {
    private final OutputStream out;

    /** Creates {@code dir/events.out.tfevents.<seconds>.<host>} (any Hadoop path). */
    public EventLog(Configuration conf, String dir) throws IOException {
        Path path = new Path(
                dir, String.format("events.out.tfevents.%d.%s", System.currentTimeMillis() / 1000, hostName()));
        FileSystem fs = path.getFileSystem(conf);
        fs.mkdirs(path.getParent());
        out = fs.create(path, true);
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        wallTime(event);
        bytesField(event, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8));
        record(event.toByteArray());
    }

    /** Appends one scalar point and flushes, so TensorBoard sees it while training goes on. */
    public void scalar(String tag, float value, long step) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        bytesField(v, 1, tag.getBytes(StandardCharsets.UTF_8));
        v.write((2 << 3) | 5); // field 2, fixed32
        v.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(value)
                .array());
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        bytesField(summary, 1, v.toByteArray());
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        wallTime(event);
        event.write((2 << 3)); // field 2, varint
        varint(event, step);
        bytesField(event, 5, summary.toByteArray());
        record(event.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void record(byte[] data) throws IOException {
        byte[] length = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(data.length)
                .array();
        out.write(length);
        out.write(maskedCrc(length));
        out.write(data);
        out.write(maskedCrc(data));
    }

    static byte[] maskedCrc(byte[] data) {
        PureJavaCrc32C crc = new PureJavaCrc32C();
        crc.update(data, 0, data.length);
        int c = (int) crc.getValue();
        int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(masked)
                .array();
    }

    private static void wallTime(ByteArrayOutputStream event) {
        event.write((1 << 3) | 1); // field 1, fixed64
        byte[] t = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(System.currentTimeMillis() / 1000.0)
                .array();
        event.write(t, 0, t.length);
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        out.write((field << 3) | 2); // length-delimited
        varint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
