package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.nn.Cell;
import com.intel.analytics.bigdl.nn.Container;
import com.intel.analytics.bigdl.nn.Recurrent;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The copies of a recurrent layer's input projection inside its per-step cells hold no buffers after a step. */
@SuppressWarnings({"unchecked", "rawtypes"})
class RecurrentBuffersTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    private static void recurrents(AbstractModule<?, ?, Object> module, List<Recurrent<Object>> found) {
        if (module instanceof Recurrent) {
            found.add((Recurrent<Object>) module);
        }
        if (module instanceof Container) {
            scala.collection.Iterator<?> it =
                    ((Container<?, ?, Object>) module).modules().iterator();
            while (it.hasNext()) recurrents((AbstractModule<?, ?, Object>) it.next(), found);
        }
    }

    /** Floats held by the output and gradient buffers of the cells' pre-topology copies. */
    private static long copiesElements(AbstractModule<?, ?, Object> network) {
        List<Recurrent<Object>> found = new ArrayList<>();
        recurrents(network, found);
        assertEquals(4, found.size(), "the BiLSTMs' directions of audio and text");
        long elements = 0;
        for (Recurrent<Object> r : found) {
            scala.collection.Iterator<Cell<Object>> cells = r.cells().iterator();
            while (cells.hasNext()) {
                AbstractModule<?, ?, Object> copy = cells.next().preTopology();
                if (copy != null && copy != r.preTopology()) {
                    elements += size(copy.output()) + size(copy.gradInput());
                }
            }
        }
        return elements;
    }

    private static long size(Object activity) {
        return activity instanceof Tensor ? ((Tensor<Object>) activity).nElement() : 0;
    }

    private static Batch batch(long seed, int frames, ModelSettings s) {
        List<Example> examples = TestData.examples(seed, 6, s, 3, frames, frames, 2 * frames / 9, 2 * frames / 9);
        return new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
    }

    @Test
    void cellsClonedForLongerInputsCopyTheInputProjectionsBuffersAndTheyAreReleased() {
        ModelSettings s = TestData.tiny("full");
        // BigDL on its own: a backward pass on short inputs, then a forward pass on longer ones, which clones the
        // cell (and the pre-topology it refers to, buffers included) for the new steps.
        AbstractModule<Activity, Activity, Object> network = (AbstractModule) McsanNetwork.build(s, 3);
        Batch shortBatch = batch(1, 36, s);
        Activity out = network.forward(shortBatch.inputs(s.variant));
        network.backward(shortBatch.inputs(s.variant), out);
        network.forward(batch(2, 90, s).inputs(s.variant));
        assertTrue(copiesElements(network) > 0, "the cloned cells carry copies of the pre-topology's buffers");
        Bigdl.releaseClonedPreTopologies(network);
        assertEquals(0, copiesElements(network));

        // The model releases them after every training step.
        McsanModel model = McsanModel.build(s, 3, 5).setThreads(1);
        com.intel.analytics.bigdl.optim.OptimMethod<Object> adam = Bigdl.adam(1e-3);
        for (int frames : new int[] {36, 63, 90}) {
            model.trainStep(batch(frames, frames, s), adam);
            assertEquals(0, copiesElements(model.network()), "after a step on " + frames + " frames");
        }
    }
}
