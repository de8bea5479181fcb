package org.mcsan.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of JSON (padded with spaces to a multiple of 8)
 * mapping each tensor name to {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}
 * (byte offsets into the data section) plus an optional string-to-string "__metadata__",
 * then the tensors' little-endian float32 data back to back.
 */
final class Safetensors {

    /** A row-major float tensor. */
    static final class Entry {
        final int[] shape;
        final float[] data;

        Entry(int[] shape, float[] data) {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(data.length + " values do not fill shape " + Arrays.toString(shape));
            }
            this.shape = shape;
            this.data = data;
        }
    }

    private Safetensors() {}

    /** Writes the tensors (in iteration order) to a local or Hadoop path, overwriting it. */
    static void write(String path, Map<String, Entry> tensors, Map<String, String> metadata) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(new Configuration());
        try (OutputStream out = fs.create(p, true)) {
            write(out, tensors, metadata);
        }
    }

    /** Writes the tensors (in iteration order) to {@code stream}, which stays open. */
    static void write(OutputStream stream, Map<String, Entry> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        OutputStream out = new BufferedOutputStream(stream, 1 << 16);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        length.putLong(header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : tensors.values()) {
            for (float v : e.data) {
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(v);
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.flush();
    }

    static byte[] header(Map<String, Entry> tensors, Map<String, String> metadata) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                meta.put(m.getKey(), m.getValue());
            }
        }
        long offset = 0;
        for (Map.Entry<String, Entry> t : tensors.entrySet()) {
            if (t.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            ObjectNode node = root.putObject(t.getKey());
            node.put("dtype", "F32");
            ArrayNode shape = node.putArray("shape");
            for (int s : t.getValue().shape) {
                shape.add(s);
            }
            long end = offset + 4L * t.getValue().data.length;
            ArrayNode offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
