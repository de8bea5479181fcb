package org.mcsan.model;

import com.intel.analytics.bigdl.nn.Recurrent;
import com.intel.analytics.bigdl.nn.SpatialConvolution;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mcsan.model.nn.LayerNorm;
import org.mcsan.model.nn.MultiHeadAttention;

/**
 * The network's weights under the names, shapes and layouts of the PyTorch module described in
 * model/SAFETENSORS.md, converting where BigDL's layout differs (convolution kernels, LSTM gate
 * order, the attention's separate q/k/v projections).
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class WeightExport {
    private final AbstractModule<Activity, Activity, Object> network;
    private final Map<String, Safetensors.Entry> out = new LinkedHashMap<>();

    private WeightExport(AbstractModule<Activity, Activity, Object> network) {
        this.network = network;
    }

    static Map<String, Safetensors.Entry> tensors(AbstractModule<Activity, Activity, Object> network, ModelSettings s) {
        WeightExport e = new WeightExport(network);
        Variant v = s.variant;
        if (v.usesAudio()) {
            e.conv("audio.conv1");
            e.conv("audio.conv2");
            e.lstm("audio.lstm");
        }
        if (v.usesText()) {
            e.lstm("text.lstm");
        }
        if (v.hasCrossAttention()) {
            for (int i = 0; i < s.layers; i++) {
                e.attentionLayer("cross.layers." + i + ".audio_");
                e.attentionLayer("cross.layers." + i + ".text_");
            }
        }
        if (v.hasSelfAttention()) {
            for (String module : new String[] {"self_audio", "self_text"}) {
                if (module.equals("self_audio") ? v.usesAudio() : v.usesText()) {
                    for (int i = 0; i < s.layers; i++) {
                        e.attentionLayer(module + ".layers." + i + ".");
                    }
                }
            }
        }
        for (int i = 0; i < s.classifierLayers; i++) {
            e.linear("classifier.hidden." + i);
        }
        e.linear("classifier.out");
        return e.out;
    }

    static Map<String, String> metadata(ModelSettings s, int numClasses) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("mcsan.variant", s.variant.key());
        m.put("mcsan.num_classes", Integer.toString(numClasses));
        m.put("mcsan.settings", s.toString());
        return m;
    }

    private void attentionLayer(String prefix) {
        attention(prefix + "attn");
        norm(prefix + "norm1");
        linear(prefix + "ffn.linear1");
        linear(prefix + "ffn.linear2");
        norm(prefix + "norm2");
    }

    private void put(String name, int[] shape, float[] data) {
        out.put(name, new Safetensors.Entry(shape, data));
    }

    /** NHWC kernel [1, 1, k, C_in, C_out] → PyTorch Conv1d [C_out, C_in, k]. */
    private void conv(String name) {
        SpatialConvolution<Object> conv = (SpatialConvolution<Object>) (Object) Bigdl.find(network, name);
        Tensor<Object> w = conv.weight();
        int[] size = w.size();
        check(name, size.length == 5 && size[0] == 1 && size[1] == 1, "kernel of shape [1, 1, k, in, out]", size);
        int k = size[2];
        int in = size[3];
        int outCh = size[4];
        float[] src = Bigdl.toArray(w);
        float[] dst = new float[src.length];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < outCh; o++) {
                    dst[(o * in + i) * k + j] = src[(j * in + i) * outCh + o];
                }
            }
        }
        put(name + ".weight", new int[] {outCh, in, k}, dst);
        put(name + ".bias", new int[] {outCh}, Bigdl.toArray(conv.bias()));
    }

    /**
     * Two forward-only BigDL LSTMs ({@code <name>.forward}, {@code <name>.backward}) → one
     * bidirectional PyTorch LSTM. BigDL stacks the gates as (input, cell candidate, forget, output);
     * PyTorch as (input, forget, cell candidate, output). BigDL has one bias; PyTorch's bias_hh is zero.
     */
    private void lstm(String name) {
        lstmDirection(Bigdl.find(network, name + ".forward"), name, "");
        lstmDirection(Bigdl.find(network, name + ".backward"), name, "_reverse");
    }

    private void lstmDirection(AbstractModule<Activity, Activity, Object> module, String name, String suffix) {
        Recurrent<Object> rec = (Recurrent<Object>) (Object) module;
        // modules: (0) the input-to-gates Linear applied to all steps at once, (1) the LSTM cell.
        Tensor<Object>[] inputToGates = rec.modules().apply(0).parameters()._1();
        Tensor<Object>[] hiddenToGates = rec.modules().apply(1).parameters()._1();
        check(
                name,
                inputToGates.length == 2 && hiddenToGates.length == 1,
                "LSTM parameters (W_ih, b_ih) and (W_hh)",
                new int[] {inputToGates.length, hiddenToGates.length});
        int gates = inputToGates[0].size(1);
        int hidden = gates / 4;
        int in = inputToGates[0].size(2);
        check(
                name,
                Arrays.equals(hiddenToGates[0].size(), new int[] {gates, hidden}),
                "W_hh of shape [4H, H]",
                hiddenToGates[0].size());
        put(
                name + ".weight_ih_l0" + suffix,
                new int[] {gates, in},
                gatesToPytorch(Bigdl.toArray(inputToGates[0]), hidden, in));
        put(
                name + ".weight_hh_l0" + suffix,
                new int[] {gates, hidden},
                gatesToPytorch(Bigdl.toArray(hiddenToGates[0]), hidden, hidden));
        put(
                name + ".bias_ih_l0" + suffix,
                new int[] {gates},
                gatesToPytorch(Bigdl.toArray(inputToGates[1]), hidden, 1));
        put(name + ".bias_hh_l0" + suffix, new int[] {gates}, new float[gates]);
    }

    /** Reorders the four [H, cols] gate blocks from BigDL's (i, g, f, o) to PyTorch's (i, f, g, o). */
    static float[] gatesToPytorch(float[] bigdl, int hidden, int cols) {
        int[] fromBlock = {0, 2, 1, 3};
        int block = hidden * cols;
        float[] pt = new float[bigdl.length];
        for (int b = 0; b < 4; b++) {
            System.arraycopy(bigdl, fromBlock[b] * block, pt, b * block, block);
        }
        return pt;
    }

    /** Separate q, k, v and output projections → nn.MultiheadAttention(bias=False)'s stacked in_proj_weight [3d, d]. */
    private void attention(String name) {
        MultiHeadAttention attention = (MultiHeadAttention) (Object) Bigdl.find(network, name);
        int d = attention.projection(0).size(1);
        float[] inProj = new float[3 * d * d];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(Bigdl.toArray(attention.projection(i)), 0, inProj, i * d * d, d * d);
        }
        put(name + ".in_proj_weight", new int[] {3 * d, d}, inProj);
        put(name + ".out_proj.weight", new int[] {d, d}, Bigdl.toArray(attention.projection(3)));
    }

    private void norm(String name) {
        LayerNorm norm = (LayerNorm) (Object) Bigdl.find(network, name);
        int d = (int) norm.scale().nElement();
        put(name + ".weight", new int[] {d}, Bigdl.toArray(norm.scale()));
        put(name + ".bias", new int[] {d}, Bigdl.toArray(norm.shift()));
    }

    /** A Linear (possibly time-distributed): weight [out, in] and bias [out], as in PyTorch. */
    private void linear(String name) {
        Tensor<Object>[] p = Bigdl.find(network, name).parameters()._1();
        check(name, p.length == 2 && p[0].dim() == 2, "Linear weight and bias", new int[] {p.length});
        put(name + ".weight", p[0].size(), Bigdl.toArray(p[0]));
        put(name + ".bias", p[1].size(), Bigdl.toArray(p[1]));
    }

    private static void check(String name, boolean ok, String expected, int[] got) {
        if (!ok) {
            throw new IllegalStateException(
                    "cannot export '" + name + "': expected " + expected + ", found " + Arrays.toString(got));
        }
    }
}
