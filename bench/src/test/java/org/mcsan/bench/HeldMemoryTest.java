package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.intel.analytics.bigdl.nn.Graph;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcsan.model.Bigdl;

@SuppressWarnings("unchecked")
class HeldMemoryTest {
    private static final int IN = 3;
    private static final int OUT = 5;
    private static final int BATCH = 4;

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(1);
    }

    /** Input [4, 3] → Linear "fc" (3 → 5) → unnamed Tanh, after one forward and backward. */
    private static Graph<Object> trainedGraph() {
        Node<AbstractModule<Activity, Activity, Object>> x = Bigdl.input("x");
        Node<AbstractModule<Activity, Activity, Object>> fc = Bigdl.node(Bigdl.linear(IN, OUT, true), "fc", x);
        Node<AbstractModule<Activity, Activity, Object>> tanh = Bigdl.node(Bigdl.tanh(), null, fc);
        List<Node<AbstractModule<Activity, Activity, Object>>> inputs = new ArrayList<>();
        inputs.add(x);
        List<Node<AbstractModule<Activity, Activity, Object>>> outputs = new ArrayList<>();
        outputs.add(tanh);
        Graph<Object> graph = Bigdl.graph(inputs, outputs);
        Tensor<Object> input = Bigdl.tensor(new float[BATCH * IN], BATCH, IN);
        Activity output = graph.forward(input);
        graph.backward(input, output);
        return graph;
    }

    @Test
    void countsEachArrayOnceByNamedLayerOrUnnamedModuleClass() {
        Graph<Object> graph = trainedGraph();
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("graph", graph);
        HeldMemory held = HeldMemory.of(roots);

        // Every float array once, under the first module that holds it: the input node "x" holds the input and the
        // gradient fc passes back to it ([4, 3] each), fc its parameters and their gradients, its output [4, 5] and a
        // vector of ones [4] for the bias, the unnamed Tanh (under its class) its output, gradient and a buffer.
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("x: output", 4L * BATCH * IN);
        expected.put("x: gradInput", 4L * BATCH * IN);
        expected.put("fc: weight", 4L * OUT * IN);
        expected.put("fc: gradWeight", 4L * OUT * IN);
        expected.put("fc: bias", 4L * OUT);
        expected.put("fc: gradBias", 4L * OUT);
        expected.put("fc: output", 4L * BATCH * OUT);
        expected.put("fc: addBuffer", 4L * BATCH);
        expected.put("Tanh: output", 4L * BATCH * OUT);
        expected.put("Tanh: gradInput", 4L * BATCH * OUT);
        expected.put("Tanh: buffer", 4L * BATCH * OUT);
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(held.byLayerAndBuffer()));
        assertEquals(4L * 3 * BATCH * OUT, (long) held.byLayer().get("Tanh"));
        long sum = 0;
        for (long bytes : held.byLayer().values()) sum += bytes;
        assertEquals(held.totalBytes(), sum);
        sum = 0;
        for (long bytes : held.byBuffer().values()) sum += bytes;
        assertEquals(held.totalBytes(), sum);
    }

    @Test
    void sharedArraysAndRepeatedRootsCountOnce() {
        Graph<Object> graph = trainedGraph();
        Map<String, Object> once = new LinkedHashMap<>();
        once.put("graph", graph);
        long total = HeldMemory.of(once).totalBytes();

        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("graph", graph);
        twice.put("again", graph);
        // A view of the graph's output shares its array.
        twice.put("view", ((Tensor<Object>) graph.output()).narrow(1, 1, 2));
        assertEquals(total, HeldMemory.of(twice).totalBytes());

        float[] extra = new float[1000];
        Map<String, Object> more = new LinkedHashMap<>(once);
        more.put("extra", Arrays.asList(extra, extra));
        HeldMemory withExtra = HeldMemory.of(more);
        assertEquals(total + 4000, withExtra.totalBytes());
        assertEquals(4000L, (long) withExtra.byLayer().get("extra"));
    }
}
