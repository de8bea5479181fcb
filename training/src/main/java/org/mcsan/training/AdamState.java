package org.mcsan.training;

import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.mcsan.model.Bigdl;

/**
 * Saves and restores BigDL Adam's state (step count and both moment estimates) as plain numbers, so a resumed
 * fold continues with exactly the optimiser it was interrupted with.
 */
final class AdamState {
    private final Adam<Object> adam;
    private final int size;

    AdamState(Adam<Object> adam, int size) {
        this.adam = adam;
        this.size = size;
    }

    Adam<Object> adam() {
        return adam;
    }

    void write(DataOutputStream out) throws IOException {
        Object counter = adam.state().apply("evalCounter");
        out.writeInt(counter == null ? 0 : ((Number) counter).intValue());
        writeTensor(out, "s");
        writeTensor(out, "r");
    }

    void read(DataInputStream in) throws IOException {
        int counter = in.readInt();
        if (counter == 0) {
            return; // a checkpoint taken before the first step
        }
        adam.state().update("evalCounter", counter);
        adam.state().update("s", readTensor(in));
        adam.state().update("r", readTensor(in));
        adam.state().update("denom", Bigdl.zeros(size));
    }

    private void writeTensor(DataOutputStream out, String key) throws IOException {
        Object value = adam.state().apply(key);
        if (value == null) {
            out.writeInt(0);
            return;
        }
        float[] data = Bigdl.toArray((Tensor<Object>) value);
        out.writeInt(data.length);
        for (float v : data) {
            out.writeFloat(v);
        }
    }

    private Tensor<Object> readTensor(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != size) {
            throw new IOException("optimiser state holds " + n + " values, the model has " + size + " weights");
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = in.readFloat();
        }
        return Bigdl.tensor(data, n);
    }
}
