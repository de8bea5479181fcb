package org.mcsan.model;

import com.intel.analytics.bigdl.nn.CAdd;
import com.intel.analytics.bigdl.nn.CAdd$;
import com.intel.analytics.bigdl.nn.CAddTable$;
import com.intel.analytics.bigdl.nn.CAveTable$;
import com.intel.analytics.bigdl.nn.CMul;
import com.intel.analytics.bigdl.nn.CMul$;
import com.intel.analytics.bigdl.nn.Cell;
import com.intel.analytics.bigdl.nn.ClassNLLCriterion;
import com.intel.analytics.bigdl.nn.ClassNLLCriterion$;
import com.intel.analytics.bigdl.nn.Container;
import com.intel.analytics.bigdl.nn.Graph;
import com.intel.analytics.bigdl.nn.Graph$;
import com.intel.analytics.bigdl.nn.Input$;
import com.intel.analytics.bigdl.nn.JoinTable$;
import com.intel.analytics.bigdl.nn.LSTM$;
import com.intel.analytics.bigdl.nn.Linear;
import com.intel.analytics.bigdl.nn.Linear$;
import com.intel.analytics.bigdl.nn.LogSoftMax$;
import com.intel.analytics.bigdl.nn.Module$;
import com.intel.analytics.bigdl.nn.Recurrent;
import com.intel.analytics.bigdl.nn.Recurrent$;
import com.intel.analytics.bigdl.nn.Select$;
import com.intel.analytics.bigdl.nn.SpatialConvolution;
import com.intel.analytics.bigdl.nn.SpatialConvolution$;
import com.intel.analytics.bigdl.nn.SpatialMaxPooling$;
import com.intel.analytics.bigdl.nn.Squeeze$;
import com.intel.analytics.bigdl.nn.Tanh$;
import com.intel.analytics.bigdl.nn.TimeDistributed$;
import com.intel.analytics.bigdl.nn.Unsqueeze$;
import com.intel.analytics.bigdl.nn.Xavier$;
import com.intel.analytics.bigdl.nn.Zeros$;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.nn.abstractnn.DataFormat;
import com.intel.analytics.bigdl.nn.abstractnn.DataFormat$;
import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.tensor.Tensor$;
import com.intel.analytics.bigdl.tensor.TensorNumericMath;
import com.intel.analytics.bigdl.tensor.TensorNumericMath$TensorNumeric$NumericFloat$;
import com.intel.analytics.bigdl.utils.Engine;
import com.intel.analytics.bigdl.utils.LayerException;
import com.intel.analytics.bigdl.utils.Node;
import com.intel.analytics.bigdl.utils.RandomGenerator$;
import com.intel.analytics.bigdl.utils.T$;
import com.intel.analytics.bigdl.utils.Table;
import java.util.ArrayList;
import java.util.List;
import org.mcsan.model.nn.Relu;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * The one place where Scala interop with BigDL 0.13 lives: the implicit ClassTag/TensorNumeric
 * arguments, companion-object factories ({@code X$.MODULE$.apply(...)} with every default spelled
 * out), tables, graph nodes and the local engine. Everything is single precision ({@code Float}),
 * so tensors are {@code Tensor<Object>} whose storage is a {@code float[]}.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Bigdl {
    /** ClassTag of the element type (Float) that every module and tensor here uses. */
    public static final ClassTag<Object> FLOAT = (ClassTag) ClassTag$.MODULE$.Float();
    /** TensorNumeric for Float. */
    public static final TensorNumericMath.TensorNumeric<Object> NUMERIC =
            (TensorNumericMath.TensorNumeric) TensorNumericMath$TensorNumeric$NumericFloat$.MODULE$;
    /** ClassTags of the activity types, needed by modules that are written in Java. */
    public static final ClassTag<Tensor<Object>> TENSOR_TAG = (ClassTag) ClassTag$.MODULE$.apply(Tensor.class);

    public static final ClassTag<Table> TABLE_TAG = (ClassTag) ClassTag$.MODULE$.apply(Table.class);

    private static boolean engineReady;

    private Bigdl() {}

    // ---------------------------------------------------------------- engine, randomness

    /**
     * Initialises BigDL's engine for use without Spark (tests, benchmarks, a single JVM): BigDL 0.13
     * reads the system properties {@code bigdl.localMode=true} and {@code bigdl.coreNumber} in
     * {@code Engine.init}. Idempotent; must not be used in a JVM whose engine runs on Spark.
     */
    public static synchronized void initLocalEngine(int cores) {
        if (engineReady) {
            return;
        }
        System.setProperty("bigdl.localMode", "true");
        System.setProperty("bigdl.coreNumber", Integer.toString(cores));
        Engine.init();
        engineReady = true;
    }

    /** Seeds BigDL's random generator of the calling thread (weight initialisation, dropout). */
    public static void seed(long seed) {
        RandomGenerator$.MODULE$.RNG().setSeed(seed);
    }

    /** The next random long of the calling thread's BigDL generator (advances it). */
    public static long randomLong() {
        return RandomGenerator$.MODULE$.RNG().random();
    }

    // ---------------------------------------------------------------- tensors and tables

    /** A zero-filled tensor of the given shape. */
    public static Tensor<Object> zeros(int... shape) {
        return Tensor$.MODULE$.apply(shape, FLOAT, NUMERIC);
    }

    /** A tensor viewing {@code data} (not copied) with the given row-major shape. */
    public static Tensor<Object> tensor(float[] data, int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "data of length " + data.length + " does not fill shape " + java.util.Arrays.toString(shape));
        }
        return Tensor$.MODULE$.apply((Object) data, shape, FLOAT, NUMERIC);
    }

    /** The backing array of a Float tensor (use with {@link #offset}). */
    public static float[] data(Tensor<Object> t) {
        return (float[]) t.storage().array();
    }

    /** Zero-based index of the tensor's first element in {@link #data}. */
    public static int offset(Tensor<Object> t) {
        return t.storageOffset() - 1;
    }

    /** A row-major copy of the tensor's elements. */
    public static float[] toArray(Tensor<Object> t) {
        Tensor<Object> c = t.isContiguous() ? t : t.contiguous();
        float[] out = new float[(int) c.nElement()];
        System.arraycopy(data(c), offset(c), out, 0, out.length);
        return out;
    }

    /** A table holding the given activities at indices 1..n. */
    public static Table table(Activity... items) {
        Table t = T$.MODULE$.apply();
        for (Activity a : items) {
            t.insert(a);
        }
        return t;
    }

    /** Element {@code i} (1-based) of a table, as a tensor. */
    public static Tensor<Object> tensorAt(Table t, int i) {
        return (Tensor<Object>) t.apply(Integer.valueOf(i));
    }

    // ---------------------------------------------------------------- graphs

    /** A named graph input. */
    public static Node<AbstractModule<Activity, Activity, Object>> input(String name) {
        return Input$.MODULE$.apply(name, FLOAT, NUMERIC);
    }

    /** Connects {@code module} (named {@code name}) to its inputs and returns its node. */
    public static Node<AbstractModule<Activity, Activity, Object>> node(
            AbstractModule<?, ?, Object> module,
            String name,
            Node<AbstractModule<Activity, Activity, Object>>... inputs) {
        if (name != null) {
            module.setName(name);
        }
        return ((AbstractModule) module).inputs((Node[]) inputs);
    }

    /** A static graph from its input and output nodes (in the order its forward table uses). */
    public static Graph<Object> graph(
            List<Node<AbstractModule<Activity, Activity, Object>>> inputs,
            List<Node<AbstractModule<Activity, Activity, Object>>> outputs) {
        return Graph$.MODULE$.apply(
                inputs.toArray(new Node[0]),
                outputs.toArray(new Node[0]),
                (Option) scala.None$.MODULE$,
                FLOAT,
                NUMERIC);
    }

    /** Finds a named module inside a container (e.g. a graph), or fails naming what is missing. */
    public static AbstractModule<Activity, Activity, Object> find(AbstractModule<?, ?, Object> root, String name) {
        Option<AbstractModule<Activity, Activity, Object>> found = ((AbstractModule) root).apply(name);
        if (found.isEmpty()) {
            throw new IllegalStateException("the network has no module named '" + name + "'");
        }
        return found.get();
    }

    // ---------------------------------------------------------------- containers and parameters

    /** Appends {@code child} to the container's modules. */
    public static void addChild(Container<?, ?, Object> container, AbstractModule<?, ?, Object> child) {
        container.modules().$plus$eq((AbstractModule) child);
    }

    /** A module's weights and gradients, each flattened into one tensor (see {@link #flatParameters}). */
    public static final class Parameters {
        /** All weights. */
        public final Tensor<Object> weights;
        /** All gradients, laid out like {@link #weights}. */
        public final Tensor<Object> gradients;

        Parameters(Tensor<Object> weights, Tensor<Object> gradients) {
            this.weights = weights;
            this.gradients = gradients;
        }
    }

    /** BigDL's {@code getParameters}: moves every weight and gradient of the module into one flat tensor each. */
    public static Parameters flatParameters(AbstractModule<?, ?, Object> module) {
        Tuple2<Tensor<Object>, Tensor<Object>> flat = module.getParameters();
        return new Parameters(flat._1(), flat._2());
    }

    /** The weight tensors of the module's layers, in BigDL's parameter order (the layers' own, not copies). */
    public static Tensor<Object>[] layerWeights(AbstractModule<?, ?, Object> module) {
        return module.parameters()._1();
    }

    /** Drops every SpatialConvolution's per-sample gradient buffers, which BigDL 0.13 sizes for its first batch only. */
    public static void resetConvolutionBuffers(AbstractModule<?, ?, Object> module) {
        if (module instanceof SpatialConvolution) {
            SpatialConvolution<Object> conv = (SpatialConvolution<Object>) module;
            conv.gradWeightMMInBatch_$eq(null);
            conv.gradientBiasMT().set();
            conv.onesBatch().set();
        } else if (module instanceof Container) {
            scala.collection.Iterator<?> it =
                    ((Container<?, ?, Object>) module).modules().iterator();
            while (it.hasNext()) {
                resetConvolutionBuffers((AbstractModule<?, ?, Object>) it.next());
            }
        }
    }

    /**
     * {@code e} and its causes, outermost first. BigDL wraps a layer's error in a LayerException that keeps it in
     * {@code error()}, not as its cause, so a plain {@code getCause()} walk stops there: an out-of-memory error inside
     * a layer would go unseen.
     */
    public static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); ) {
            chain.add(t);
            t = t instanceof LayerException ? ((LayerException) t).error() : t.getCause();
        }
        return chain;
    }

    /**
     * Releases the buffers of the pre-topology copies in BigDL 0.13's recurrent layers. A Recurrent clones its cell
     * for every time step longer than any input before, and each clone deep-copies the pre-topology the cell refers
     * to (the input projection, which the Recurrent itself runs once over the whole sequence) with its output and
     * gradient buffers at that moment's [batch x steps] size. The copies never run, so their buffers only hold
     * memory: hundreds of MB per network when the input lengths grow over training (bucketed batches).
     */
    public static void releaseClonedPreTopologies(AbstractModule<?, ?, Object> module) {
        if (module instanceof Recurrent) {
            Recurrent<Object> recurrent = (Recurrent<Object>) module;
            AbstractModule<?, ?, Object> own = recurrent.preTopology();
            scala.collection.Iterator<Cell<Object>> cells = recurrent.cells().iterator();
            while (cells.hasNext()) {
                AbstractModule<?, ?, Object> copy = cells.next().preTopology();
                if (copy != null && copy != own) {
                    copy.clearState();
                }
            }
        }
        if (module instanceof Container) {
            scala.collection.Iterator<?> it =
                    ((Container<?, ?, Object>) module).modules().iterator();
            while (it.hasNext()) {
                releaseClonedPreTopologies((AbstractModule<?, ?, Object>) it.next());
            }
        }
    }

    // ---------------------------------------------------------------- layers

    /** Fully connected layer on [N, in] input. */
    public static Linear<Object> linear(int in, int out, boolean bias) {
        return Linear$.MODULE$.apply(in, out, bias, null, null, null, null, null, null, FLOAT, NUMERIC);
    }

    /** Re-initialises a linear layer with Xavier weights and a zero bias. */
    public static void initXavier(Linear<Object> layer) {
        layer.setInitMethod(Xavier$.MODULE$, Zeros$.MODULE$);
    }

    /** Element-wise product with a learned weight of size {@code d} (randomly initialised). */
    public static CMul<Object> cmul(int d) {
        return CMul$.MODULE$.apply(new int[] {d}, null, FLOAT, NUMERIC);
    }

    /** Element-wise sum with a learned bias of size {@code d} (randomly initialised). */
    public static CAdd<Object> cadd(int d) {
        return CAdd$.MODULE$.apply(new int[] {d}, null, FLOAT, NUMERIC);
    }

    /** A layer applied to every step of [B, T, ...] input (BigDL's Linear accepts only 1-D/2-D input). */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> timeDistributed(
            AbstractModule<Tensor<Object>, Tensor<Object>, Object> layer) {
        return TimeDistributed$.MODULE$.apply(layer, false, FLOAT, NUMERIC);
    }

    /**
     * 1-D convolution over time as a channels-last (NHWC) spatial convolution on [B, 1, T, C_in]
     * input with a 1 × k kernel, zero padding {@code pad} on both ends of the time axis. Its weight has
     * shape [1, 1, k, C_in, C_out].
     */
    public static SpatialConvolution<Object> conv1d(int in, int out, int kernel, int stride, int pad) {
        DataFormat nhwc = DataFormat$.MODULE$.apply("NHWC");
        return SpatialConvolution$.MODULE$.apply(
                in, out, kernel, 1, stride, 1, pad, 0, 1, true, null, null, null, null, null, null, true, nhwc, FLOAT,
                NUMERIC);
    }

    /** Max pooling over time on channels-last [B, 1, T, C] input, no padding, floor mode. */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> maxPool1d(int kernel, int stride) {
        return SpatialMaxPooling$.MODULE$.apply(
                kernel, 1, stride, 1, 0, 0, DataFormat$.MODULE$.apply("NHWC"), FLOAT, NUMERIC);
    }

    /** A forward-only LSTM over [B, T, in] returning all hidden states [B, T, hidden]. */
    public static Recurrent<Object> lstm(int in, int hidden) {
        Recurrent<Object> rec = Recurrent$.MODULE$.apply(null, false, FLOAT, NUMERIC);
        rec.add(LSTM$.MODULE$.apply(in, hidden, 0.0, null, null, null, null, null, FLOAT, NUMERIC));
        return rec;
    }

    /** ReLU in place ({@link Relu}). */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> relu() {
        return new Relu();
    }

    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> tanh() {
        return Tanh$.MODULE$.apply(FLOAT, NUMERIC);
    }

    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> logSoftMax() {
        return LogSoftMax$.MODULE$.apply(FLOAT, NUMERIC);
    }

    /** Element-wise sum of the tensors of a table. */
    public static AbstractModule<Table, Tensor<Object>, Object> add() {
        return (AbstractModule) CAddTable$.MODULE$.apply(false, FLOAT, NUMERIC);
    }

    /** Element-wise mean of the tensors of a table. */
    public static AbstractModule<Table, Tensor<Object>, Object> average() {
        return (AbstractModule) CAveTable$.MODULE$.apply(false, FLOAT, NUMERIC);
    }

    /** Concatenation of the tensors of a table along {@code dimension} (1-based, batch included). */
    public static AbstractModule<Table, Tensor<Object>, Object> concat(int dimension) {
        return (AbstractModule) JoinTable$.MODULE$.apply(dimension, 0, FLOAT, NUMERIC);
    }

    /** Selects index {@code index} of dimension {@code dimension} (both 1-based), dropping that dimension. */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> select(int dimension, int index) {
        return (AbstractModule) Select$.MODULE$.apply(dimension, index, FLOAT, NUMERIC);
    }

    /** Inserts a singleton dimension at {@code position} (1-based, batch included). */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> unsqueeze(int position) {
        return (AbstractModule) Unsqueeze$.MODULE$.apply(position, Integer.MIN_VALUE, FLOAT, NUMERIC);
    }

    /** Removes the singleton dimension {@code dimension} (1-based, batch included). */
    public static AbstractModule<Tensor<Object>, Tensor<Object>, Object> squeeze(int dimension) {
        return (AbstractModule) Squeeze$.MODULE$.apply(dimension, Integer.MIN_VALUE, FLOAT, NUMERIC);
    }

    // ---------------------------------------------------------------- training

    /** Negative log-likelihood over log-probabilities, averaged over the batch; optional class weights. */
    public static ClassNLLCriterion<Object> nllCriterion(float[] classWeights) {
        Tensor<Object> w = classWeights == null ? null : tensor(classWeights.clone(), classWeights.length);
        return ClassNLLCriterion$.MODULE$.apply(w, true, true, -1, FLOAT, NUMERIC);
    }

    /** Adam with the paper's settings apart from the learning rate (β1 0.9, β2 0.999, ε 1e-8, no decay). */
    public static Adam<Object> adam(double learningRate) {
        return new Adam<Object>(learningRate, 0.0, 0.9, 0.999, 1e-8, FLOAT, NUMERIC);
    }

    /** The function an OptimMethod evaluates: it returns a fixed (loss, gradient) pair. */
    static AbstractFunction1<Tensor<Object>, Tuple2<Object, Tensor<Object>>> constantEvaluation(
            final float loss, final Tensor<Object> gradient) {
        return new AbstractFunction1<Tensor<Object>, Tuple2<Object, Tensor<Object>>>() {
            @Override
            public Tuple2<Object, Tensor<Object>> apply(Tensor<Object> weights) {
                return new Tuple2<Object, Tensor<Object>>(loss, gradient);
            }
        };
    }

    // ---------------------------------------------------------------- persistence

    /** Loads a module written by {@code saveModule} (a local path: see {@link McsanModel#toBytes}). */
    public static AbstractModule<Activity, Activity, Object> loadModule(String path) {
        return Module$.MODULE$.loadModule(path, null, FLOAT, NUMERIC);
    }
}
