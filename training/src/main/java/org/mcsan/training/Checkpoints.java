package org.mcsan.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mcsan.contracts.io.AtomicCommit;
import org.mcsan.contracts.run.EpochRecord;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.model.Bigdl;
import org.mcsan.model.McsanModel;

/**
 * A fold's checkpoints, through the Hadoop FileSystem API (local paths and {@code hdfs://} alike).
 *
 * <p>{@code epoch-NNNN/} holds the weights and Adam's moments after that epoch plus the training state (history,
 * best epoch so far); {@code best-NNNN.weights} the weights of the best epoch so far. Each is written under a
 * temporary name and renamed, and older ones are deleted only after the newer one is in place, so a crash at any
 * point leaves the last complete checkpoint readable ({@link AtomicCommit}).
 */
final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";
    private static final String WEIGHTS = "weights.bin";
    private static final String ADAM = "adam.bin";

    private final FileSystem fs;
    private final Path dir;

    Checkpoints(Configuration conf, String dir) throws IOException {
        this.dir = new Path(dir);
        this.fs = this.dir.getFileSystem(conf);
    }

    /** The training state saved with a checkpoint. */
    static final class State {
        @JsonProperty("epoch")
        final int epoch;

        @JsonProperty("best_epoch")
        final int bestEpoch;

        @JsonProperty("history")
        final List<EpochRecord> history;

        @JsonCreator
        State(
                @JsonProperty("epoch") int epoch,
                @JsonProperty("best_epoch") int bestEpoch,
                @JsonProperty("history") List<EpochRecord> history) {
            this.epoch = epoch;
            this.bestEpoch = bestEpoch;
            this.history = history;
        }
    }

    /** The last complete checkpoint's state, or null when there is none. */
    State latest() throws IOException {
        Path p = latestDir();
        if (p == null) {
            return null;
        }
        try (InputStream in = fs.open(new Path(p, STATE))) {
            return JSON.readValue(in, State.class);
        }
    }

    /** Restores the weights and Adam's state of the last checkpoint into a freshly built model and optimiser. */
    void restore(McsanModel model, AdamState adam) throws IOException {
        Path p = latestDir();
        readFloats(new Path(p, WEIGHTS), Bigdl.data(model.weights()), Bigdl.offset(model.weights()), (int)
                model.weights().nElement());
        try (DataInputStream in = new DataInputStream(fs.open(new Path(p, ADAM)))) {
            adam.read(in);
        }
    }

    void save(State state, McsanModel model, AdamState adam) throws IOException {
        Path target = new Path(dir, String.format("epoch-%04d", state.epoch));
        // An existing checkpoint of this epoch holds the same state (training is deterministic and each write atomic):
        // another attempt of the unit wrote it, and replacing it could pull it from under that attempt's reads.
        if (!fs.exists(target)) {
            Path tmp = AtomicCommit.temporarySibling(target);
            fs.mkdirs(tmp);
            writeFloats(new Path(tmp, WEIGHTS), model);
            try (DataOutputStream out = new DataOutputStream(fs.create(new Path(tmp, ADAM), true))) {
                adam.write(out);
            }
            try (OutputStream out = fs.create(new Path(tmp, STATE), true)) {
                out.write(JSON.writeValueAsString(state).getBytes(StandardCharsets.UTF_8));
            }
            AtomicCommit.replace(fs, tmp, target);
        }
        for (FileStatus s : list()) {
            String name = s.getPath().getName();
            if (name.startsWith("epoch-") && !name.equals(target.getName())) {
                fs.delete(s.getPath(), true);
            }
            if (name.startsWith("best-") && !name.equals(bestName(state.bestEpoch))) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** Keeps the current weights as those of the best epoch so far. */
    void saveBest(int epoch, McsanModel model) throws IOException {
        Path target = new Path(dir, bestName(epoch));
        if (fs.exists(target)) return; // the same weights, from another attempt of the unit (see save)
        Path tmp = AtomicCommit.temporarySibling(target);
        writeFloats(tmp, model);
        AtomicCommit.replace(fs, tmp, target);
    }

    /** Loads the weights of the best epoch into {@code model}. */
    void loadBest(int epoch, McsanModel model) throws IOException {
        readFloats(new Path(dir, bestName(epoch)), Bigdl.data(model.weights()), Bigdl.offset(model.weights()), (int)
                model.weights().nElement());
    }

    /** Writes {@code progress.json} for the driver's progress display. */
    void writeProgress(int epoch, int epochs, double secondsPerEpoch) throws IOException {
        String json = String.format(
                java.util.Locale.ROOT,
                "{\"epoch\":%d,\"epochs\":%d,\"seconds_per_epoch\":%.3f}",
                epoch,
                epochs,
                secondsPerEpoch);
        AtomicCommit.writeFile(fs, new Path(dir, RunLayout.PROGRESS), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String bestName(int epoch) {
        return String.format("best-%04d.weights", epoch);
    }

    private Path latestDir() throws IOException {
        Path latest = null;
        for (FileStatus s : list()) {
            String name = s.getPath().getName();
            if (name.startsWith("epoch-")
                    && s.isDirectory()
                    && (latest == null || name.compareTo(latest.getName()) > 0)) {
                latest = s.getPath();
            }
        }
        return latest;
    }

    private List<FileStatus> list() throws IOException {
        List<FileStatus> out = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus s : fs.listStatus(dir)) {
                out.add(s);
            }
        }
        return out;
    }

    private void writeFloats(Path file, McsanModel model) throws IOException {
        float[] data = Bigdl.data(model.weights());
        int offset = Bigdl.offset(model.weights());
        int n = (int) model.weights().nElement();
        ByteBuffer buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data, offset, n);
        try (OutputStream out = fs.create(file, true)) {
            out.write(buf.array());
        }
    }

    private void readFloats(Path file, float[] dst, int offset, int n) throws IOException {
        byte[] bytes = new byte[4 * n];
        try (DataInputStream in = new DataInputStream(fs.open(file))) {
            in.readFully(bytes);
            if (in.read() != -1) {
                throw new IOException(file + " holds more weights than the model has (" + n + ")");
            }
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, offset, n);
    }
}
