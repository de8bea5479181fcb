package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcsan.model.nn.LayerNorm;

/** BigDL module format round trip, and the safetensors export read back independently. */
@SuppressWarnings({"unchecked", "rawtypes"})
class PersistenceTest {

    @TempDir
    File dir;

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "audio", "text", "cross", "self"})
    void saveAndLoadGiveTheSameNetwork(String variant) throws IOException {
        ModelSettings s = ModelSettings.of(
                "variant",
                variant,
                "audio-dim",
                5,
                "text-dim",
                7,
                "hidden-size",
                8,
                "heads",
                2,
                "layers",
                2,
                "ffn-size",
                12,
                "conv-channels",
                6,
                "classifier-hidden-size",
                10);
        List<Example> examples = TestData.examples(1, 5, s, 3, 4, 40, 0, 6);
        Batcher batcher = new Batcher(s, TestData.normalizer(examples, s));
        Batch batch = batcher.batch(examples);
        McsanModel model = McsanModel.build(s, 3, 9);
        // Train a little so that nothing is at its initial value (layer norms included).
        for (int i = 0; i < 3; i++) {
            model.trainStep(batch, Bigdl.adam(1e-2));
        }
        float[][] before = model.predict(batch);
        java.nio.file.Path path = new File(dir, variant + ".bigdl").toPath();
        Files.write(path, model.toBytes());

        McsanModel loaded = McsanModel.fromBytes(Files.readAllBytes(path), path.toString(), s, 3);
        assertArrayEquals(Bigdl.toArray(model.weights()), Bigdl.toArray(loaded.weights()));
        float[][] after = loaded.predict(batch);
        float[][] again = model.predict(batch);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 1e-6f);
            assertArrayEquals(before[i], again[i], 1e-6f, "the saved model still works");
        }
        // The loaded network trains, and can be saved again.
        loaded.trainStep(batch, Bigdl.adam(1e-2));
        assertTrue(loaded.toBytes().length > 0);
    }

    @Test
    void savingLeavesNothingInTheReflectionUndoLog() throws IOException {
        McsanModel model = McsanModel.build(TestData.tiny("full"), 3, 5);
        int before = McsanModel.reflectionUndoLog().log().size();
        model.toBytes(); // the first save also initialises BigDL's serializer
        model.toBytes();
        assertEquals(0, McsanModel.reflectionUndoLog().log().size(), "entries kept from " + before + " before");
    }

    @Test
    void loadingWithOtherSettingsFails() throws IOException {
        ModelSettings s = TestData.tiny("full");
        String path = new File(dir, "m.bigdl").getPath();
        byte[] module = McsanModel.build(s, 3, 1).toBytes();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> McsanModel.fromBytes(
                        module,
                        path,
                        ModelSettings.of(
                                "variant",
                                "full",
                                "audio-dim",
                                5,
                                "text-dim",
                                7,
                                "hidden-size",
                                8,
                                "heads",
                                2,
                                "ffn-size",
                                16,
                                "conv-channels",
                                6,
                                "classifier-hidden-size",
                                10),
                        3));
        assertTrue(e.getMessage().contains(path));
        assertThrows(IllegalArgumentException.class, () -> McsanModel.fromBytes(module, path, s, 4));
    }

    // ------------------------------------------------------------------ safetensors

    /** A tensor read back from a .safetensors file. */
    private static final class Read {
        final int[] shape;
        final float[] data;

        Read(int[] shape, float[] data) {
            this.shape = shape;
            this.data = data;
        }

        float at(int... index) {
            int flat = 0;
            for (int i = 0; i < shape.length; i++) {
                flat = flat * shape[i] + index[i];
            }
            return data[flat];
        }
    }

    /** Minimal reader written from the format description: u64 LE length, JSON header, LE float32 data. */
    private static Map<String, Read> readSafetensors(File file, Map<String, String> metadata) throws IOException {
        byte[] bytes = Files.readAllBytes(file.toPath());
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        Map<String, Read> out = new LinkedHashMap<>();
        long expectedOffset = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("__metadata__")) {
                Iterator<Map.Entry<String, JsonNode>> m = f.getValue().fields();
                while (m.hasNext()) {
                    Map.Entry<String, JsonNode> e = m.next();
                    metadata.put(e.getKey(), e.getValue().asText());
                }
                continue;
            }
            JsonNode t = f.getValue();
            assertEquals("F32", t.get("dtype").asText());
            int[] shape = new int[t.get("shape").size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
                n *= shape[i];
            }
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertEquals(expectedOffset, begin, f.getKey() + " follows the previous tensor");
            assertEquals(4 * n, end - begin, f.getKey() + " holds its shape's float32 values");
            expectedOffset = end;
            float[] data = new float[(int) n];
            for (int i = 0; i < n; i++) {
                data[i] = buf.getFloat(dataStart + (int) begin + 4 * i);
            }
            out.put(f.getKey(), new Read(shape, data));
        }
        assertEquals(bytes.length, dataStart + expectedOffset, "file ends with the last tensor");
        return out;
    }

    /** Tensor names of the PyTorch module of model/SAFETENSORS.md for these settings. */
    private static List<String> documentedNames(ModelSettings s) {
        List<String> names = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (s.variant.usesAudio()) {
            names.addAll(
                    Arrays.asList("audio.conv1.weight", "audio.conv1.bias", "audio.conv2.weight", "audio.conv2.bias"));
            prefixes.add("audio.lstm");
        }
        if (s.variant.usesText()) {
            prefixes.add("text.lstm");
        }
        for (String lstm : prefixes) {
            for (String suffix : new String[] {"", "_reverse"}) {
                for (String p : new String[] {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"}) {
                    names.add(lstm + "." + p + suffix);
                }
            }
        }
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < s.layers; i++) {
            if (s.variant.hasCrossAttention()) {
                layers.add("cross.layers." + i + ".audio_");
                layers.add("cross.layers." + i + ".text_");
            }
            if (s.variant.hasSelfAttention() && s.variant.usesAudio()) {
                layers.add("self_audio.layers." + i + ".");
            }
            if (s.variant.hasSelfAttention() && s.variant.usesText()) {
                layers.add("self_text.layers." + i + ".");
            }
        }
        for (String l : layers) {
            names.addAll(Arrays.asList(
                    l + "attn.in_proj_weight",
                    l + "attn.out_proj.weight",
                    l + "norm1.weight",
                    l + "norm1.bias",
                    l + "ffn.linear1.weight",
                    l + "ffn.linear1.bias",
                    l + "ffn.linear2.weight",
                    l + "ffn.linear2.bias",
                    l + "norm2.weight",
                    l + "norm2.bias"));
        }
        for (int i = 0; i < s.classifierLayers; i++) {
            names.add("classifier.hidden." + i + ".weight");
            names.add("classifier.hidden." + i + ".bias");
        }
        names.add("classifier.out.weight");
        names.add("classifier.out.bias");
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "audio", "text", "cross", "self"})
    void safetensorsHoldEveryWeightUnderItsDocumentedName(String variant) throws IOException {
        ModelSettings s = ModelSettings.of(
                "variant",
                variant,
                "audio-dim",
                5,
                "text-dim",
                7,
                "hidden-size",
                8,
                "heads",
                2,
                "layers",
                2,
                "ffn-size",
                12,
                "conv-channels",
                6,
                "classifier-layers",
                2,
                "classifier-hidden-size",
                10);
        McsanModel model = McsanModel.build(s, 3, 2);
        File file = new File(dir, variant + ".safetensors");
        model.exportSafetensors(file.getPath());
        assertArrayEquals(Files.readAllBytes(file.toPath()), model.safetensorsBytes(), "the same file as bytes");
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Read> tensors = readSafetensors(file, metadata);
        assertEquals(new TreeSet<>(documentedNames(s)), new TreeSet<>(tensors.keySet()));
        long total = 0;
        for (Map.Entry<String, Read> t : tensors.entrySet()) {
            // bias_hh is PyTorch's second LSTM bias, which BigDL does not have (zero).
            if (!t.getKey().contains("bias_hh")) {
                total += t.getValue().data.length;
            }
        }
        assertEquals(model.parameterCount(), total, "every weight exported once");
        assertEquals(variant, metadata.get("mcsan.variant"));
        assertEquals("3", metadata.get("mcsan.num_classes"));
    }

    /**
     * The exported tensors, used with PyTorch's semantics (Conv1d, LSTM with gates i, f, g, o,
     * MultiheadAttention, LayerNorm, Linear), reproduce what the BigDL layers compute.
     */
    @Test
    void exportedWeightsComputeWhatTheBigdlLayersCompute() throws IOException {
        ModelSettings s = ModelSettings.of(
                "variant",
                "full",
                "audio-dim",
                5,
                "text-dim",
                7,
                "hidden-size",
                8,
                "heads",
                2,
                "ffn-size",
                12,
                "conv-channels",
                6,
                "conv-kernel",
                4,
                "conv-stride",
                2,
                "conv-padding",
                2,
                "classifier-hidden-size",
                10,
                "dropout",
                0.0,
                "attention-dropout",
                0.0,
                "classifier-dropout",
                0.0);
        McsanModel model = McsanModel.build(s, 3, 4);
        List<Example> examples = TestData.examples(3, 4, s, 3, 20, 40, 1, 6);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        model.trainStep(batch, Bigdl.adam(1e-2)); // layer norms away from (1, 0)
        model.evaluate();
        File file = new File(dir, "full.safetensors");
        model.exportSafetensors(file.getPath());
        Map<String, Read> t = readSafetensors(file, new LinkedHashMap<>());
        AbstractModule network = model.network();
        Random r = new Random(6);

        // Conv1d(5 → 6, k 4, stride 2, padding 2) on one sequence of 11 frames.
        float[][] x = randomMatrix(r, 11, 5);
        Tensor<Object> bigdl =
                (Tensor<Object>) Bigdl.find(network, "audio.conv1").forward(Bigdl.tensor(flatten(x), 1, 1, 11, 5));
        Read w = t.get("audio.conv1.weight");
        Read b = t.get("audio.conv1.bias");
        assertArrayEquals(new int[] {6, 5, 4}, w.shape);
        int steps = (11 + 4 - 4) / 2 + 1;
        assertEquals(steps, bigdl.size(3));
        for (int o = 0; o < 6; o++) {
            for (int j = 0; j < steps; j++) {
                double sum = b.at(o);
                for (int i = 0; i < 5; i++) {
                    for (int k = 0; k < 4; k++) {
                        int frame = j * 2 - 2 + k;
                        if (frame >= 0 && frame < 11) {
                            sum += w.at(o, i, k) * x[frame][i];
                        }
                    }
                }
                assertEquals(sum, (Float) bigdl.valueAt(1, 1, j + 1, o + 1), 1e-5, "conv output " + j + "," + o);
            }
        }

        // LSTM directions: PyTorch's forward direction and its reverse direction (which reads the sequence backwards).
        float[][] seq = randomMatrix(r, 5, 7);
        float[] forward = Bigdl.toArray(
                (Tensor<Object>) Bigdl.find(network, "text.lstm.forward").forward(Bigdl.tensor(flatten(seq), 1, 5, 7)));
        assertMatrixEquals(pytorchLstm(seq, t, "text.lstm", ""), forward, 1e-5, "forward LSTM");
        float[][] reversed = new float[5][];
        for (int i = 0; i < 5; i++) {
            reversed[i] = seq[4 - i];
        }
        float[] backwardOnReversed = Bigdl.toArray((Tensor<Object>)
                Bigdl.find(network, "text.lstm.backward").forward(Bigdl.tensor(flatten(reversed), 1, 5, 7)));
        float[] backward = new float[backwardOnReversed.length];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(backwardOnReversed, (4 - i) * 8, backward, i * 8, 8);
        }
        assertMatrixEquals(pytorchLstm(seq, t, "text.lstm", "_reverse"), backward, 1e-5, "reverse LSTM");

        // Multi-head attention (queries 3 steps, keys/values 4 steps).
        float[][] q = randomMatrix(r, 3, 8);
        float[][] kv = randomMatrix(r, 4, 8);
        Tensor<Object> attended = (Tensor<Object>) Bigdl.find(network, "cross.layers.0.audio_attn")
                .forward(Bigdl.table(
                        Bigdl.tensor(flatten(q), 1, 3, 8),
                        Bigdl.tensor(flatten(kv), 1, 4, 8),
                        Bigdl.tensor(new float[] {4}, 1)));
        assertMatrixEquals(
                pytorchAttention(
                        q,
                        kv,
                        t.get("cross.layers.0.audio_attn.in_proj_weight"),
                        t.get("cross.layers.0.audio_attn.out_proj.weight"),
                        2),
                Bigdl.toArray(attended),
                1e-5,
                "attention");

        // Layer norms and linear layers keep BigDL's layout.
        LayerNorm norm = (LayerNorm) (Object) Bigdl.find(network, "self_text.layers.0.norm2");
        assertArrayEquals(Bigdl.toArray(norm.scale()), t.get("self_text.layers.0.norm2.weight").data);
        assertArrayEquals(Bigdl.toArray(norm.shift()), t.get("self_text.layers.0.norm2.bias").data);
        Tensor<Object>[] ffn = (Tensor<Object>[]) Bigdl.find(network, "self_audio.layers.0.ffn.linear1")
                .parameters()
                ._1();
        assertArrayEquals(new int[] {12, 8}, t.get("self_audio.layers.0.ffn.linear1.weight").shape);
        assertArrayEquals(Bigdl.toArray(ffn[0]), t.get("self_audio.layers.0.ffn.linear1.weight").data);
        assertArrayEquals(Bigdl.toArray(ffn[1]), t.get("self_audio.layers.0.ffn.linear1.bias").data);
        Tensor<Object>[] out = (Tensor<Object>[])
                Bigdl.find(network, "classifier.out").parameters()._1();
        assertArrayEquals(new int[] {3, 10}, t.get("classifier.out.weight").shape);
        assertArrayEquals(Bigdl.toArray(out[0]), t.get("classifier.out.weight").data);
    }

    /** torch.nn.LSTM (one direction), gates stacked (i, f, g, o), h0 = c0 = 0. Returns [T, H] row-major. */
    private static float[] pytorchLstm(float[][] x, Map<String, Read> t, String name, String suffix) {
        Read wih = t.get(name + ".weight_ih_l0" + suffix);
        Read whh = t.get(name + ".weight_hh_l0" + suffix);
        Read bih = t.get(name + ".bias_ih_l0" + suffix);
        Read bhh = t.get(name + ".bias_hh_l0" + suffix);
        int hidden = whh.shape[1];
        boolean reverse = suffix.equals("_reverse");
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        float[] out = new float[x.length * hidden];
        for (int step = 0; step < x.length; step++) {
            int time = reverse ? x.length - 1 - step : step;
            double[] gates = new double[4 * hidden];
            for (int g = 0; g < 4 * hidden; g++) {
                double sum = bih.at(g) + bhh.at(g);
                for (int i = 0; i < x[time].length; i++) {
                    sum += wih.at(g, i) * x[time][i];
                }
                for (int j = 0; j < hidden; j++) {
                    sum += whh.at(g, j) * h[j];
                }
                gates[g] = sum;
            }
            for (int j = 0; j < hidden; j++) {
                double in = sigmoid(gates[j]);
                double forget = sigmoid(gates[hidden + j]);
                double cell = Math.tanh(gates[2 * hidden + j]);
                double output = sigmoid(gates[3 * hidden + j]);
                c[j] = forget * c[j] + in * cell;
                h[j] = output * Math.tanh(c[j]);
                out[time * hidden + j] = (float) h[j];
            }
        }
        return out;
    }

    /** torch.nn.MultiheadAttention(bias=False), one batch entry, no mask. Returns [Tq, d] row-major. */
    private static float[] pytorchAttention(float[][] q, float[][] kv, Read inProj, Read outProj, int heads) {
        int d = q[0].length;
        int dh = d / heads;
        double[][] qp = project(q, inProj, 0, d);
        double[][] kp = project(kv, inProj, d, d);
        double[][] vp = project(kv, inProj, 2 * d, d);
        double[][] concat = new double[q.length][d];
        for (int head = 0; head < heads; head++) {
            for (int i = 0; i < q.length; i++) {
                double[] logits = new double[kv.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < kv.length; j++) {
                    double dot = 0;
                    for (int k = 0; k < dh; k++) {
                        dot += qp[i][head * dh + k] * kp[j][head * dh + k];
                    }
                    logits[j] = dot / Math.sqrt(dh);
                    max = Math.max(max, logits[j]);
                }
                double z = 0;
                for (int j = 0; j < kv.length; j++) {
                    logits[j] = Math.exp(logits[j] - max);
                    z += logits[j];
                }
                for (int k = 0; k < dh; k++) {
                    double sum = 0;
                    for (int j = 0; j < kv.length; j++) {
                        sum += logits[j] / z * vp[j][head * dh + k];
                    }
                    concat[i][head * dh + k] = sum;
                }
            }
        }
        float[] out = new float[q.length * d];
        for (int i = 0; i < q.length; i++) {
            for (int o = 0; o < d; o++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += outProj.at(o, k) * concat[i][k];
                }
                out[i * d + o] = (float) sum;
            }
        }
        return out;
    }

    /** x · W[rows from..from+n)ᵀ */
    private static double[][] project(float[][] x, Read w, int from, int n) {
        double[][] out = new double[x.length][n];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < n; o++) {
                double sum = 0;
                for (int k = 0; k < x[i].length; k++) {
                    sum += w.at(from + o, k) * x[i][k];
                }
                out[i][o] = sum;
            }
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float[][] randomMatrix(Random r, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    private static void assertMatrixEquals(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " entry " + i);
        }
    }
}
