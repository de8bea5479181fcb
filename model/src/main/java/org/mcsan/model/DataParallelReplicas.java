package org.mcsan.model;

import com.intel.analytics.bigdl.nn.ClassNLLCriterion;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The data-parallel side of {@link McsanModel}: copies (replicas) of its network that share its
 * weights, and the worker threads that run them. A batch is cut into as many contiguous parts as
 * there are threads; part 0 runs on the calling thread with the model's own network, part i on a
 * worker with replica i − 1. Every network has its own activations, gradients and criterion, so the
 * parts do not interfere; {@link #sumGradients} then combines their gradients.
 *
 * <p>Not thread-safe, like the model it belongs to.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class DataParallelReplicas {
    /** Worker threads of all models; idle ones end after a minute. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "mcsan-model-worker");
        t.setDaemon(true);
        return t;
    });

    /** What is done with one part of a batch, given the network and criterion that process it. */
    interface PartWork {
        void run(
                int index,
                Batch part,
                AbstractModule<Activity, Activity, Object> network,
                ClassNLLCriterion<Object> criterion);
    }

    /** A copy of the network with its own activations and gradients, and the model's weights. */
    private static final class Replica {
        final AbstractModule<Activity, Activity, Object> network;
        final Tensor<Object> gradients;
        ClassNLLCriterion<Object> criterion;

        Replica(
                AbstractModule<Activity, Activity, Object> network,
                Tensor<Object> gradients,
                ClassNLLCriterion<Object> criterion) {
            this.network = network;
            this.gradients = gradients;
            this.criterion = criterion;
        }
    }

    private final ModelSettings settings;
    private final int numClasses;
    /** The model's own network: it runs part 0, and the replicas share its weights. */
    private final AbstractModule<Activity, Activity, Object> network;

    private float[] classWeights;
    /** The criterion of part 0; each replica has its own, as a criterion keeps its output and gradient. */
    private ClassNLLCriterion<Object> criterion = Bigdl.nllCriterion(null);
    /** Replicas for the parts of a batch after the first. */
    private final List<Replica> replicas = new ArrayList<>();

    DataParallelReplicas(ModelSettings settings, int numClasses, AbstractModule<Activity, Activity, Object> network) {
        this.settings = settings;
        this.numClasses = numClasses;
        this.network = network;
    }

    /** Class weights of every criterion's loss (null for none). */
    void setClassWeights(float[] classWeights) {
        this.classWeights = classWeights == null ? null : classWeights.clone();
        criterion = Bigdl.nllCriterion(classWeights);
        for (Replica r : replicas) {
            r.criterion = Bigdl.nllCriterion(classWeights);
        }
    }

    /** Keeps {@code threads − 1} replicas; building one draws from the calling thread's random generator. */
    void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        while (replicas.size() > threads - 1) {
            replicas.remove(replicas.size() - 1);
        }
        while (replicas.size() < threads - 1) {
            replicas.add(replica());
        }
    }

    int threads() {
        return replicas.size() + 1;
    }

    /**
     * A freshly built copy of the network whose weights are views of the model's weights. Built
     * rather than cloned: BigDL's recurrent layers keep per-step copies of their cell that would
     * not follow re-pointed weights.
     */
    private Replica replica() {
        AbstractModule<Activity, Activity, Object> copy = (AbstractModule) McsanNetwork.build(settings, numClasses);
        Tensor<Object> copyGradients = Bigdl.flatParameters(copy).gradients;
        Tensor<Object>[] mine = Bigdl.layerWeights(copy);
        Tensor<Object>[] shared = Bigdl.layerWeights(network);
        for (int i = 0; i < mine.length; i++) {
            mine[i].set(shared[i]);
        }
        return new Replica(copy, copyGradients, Bigdl.nllCriterion(classWeights));
    }

    /** Applies {@code action} to the network and to every replica (buffer maintenance that each copy needs). */
    void forEachNetwork(Consumer<AbstractModule<Activity, Activity, Object>> action) {
        action.accept(network);
        for (Replica r : replicas) {
            action.accept(r.network);
        }
    }

    /** The batch in (at most) as many contiguous parts as there are threads. */
    List<Batch> split(Batch batch) {
        int n = Math.min(threads(), batch.size());
        List<Batch> parts = new ArrayList<>();
        if (n == 1) {
            parts.add(batch);
            return parts;
        }
        for (int i = 0; i < n; i++) {
            parts.add(batch.slice(i * batch.size() / n, (i + 1) * batch.size() / n));
        }
        return parts;
    }

    /**
     * Runs part 0 on this thread with the network and part i on a worker with replica i − 1,
     * all in training or all in evaluation mode. Each worker's random generator (dropout) is seeded
     * from this thread's, so a seeded run stays reproducible.
     */
    void run(List<Batch> parts, boolean train, PartWork work) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            final int index = i;
            final Replica r = replicas.get(i - 1);
            final long seed = Bigdl.randomLong();
            if (train) {
                r.network.training();
            } else {
                r.network.evaluate();
            }
            running.add(WORKERS.submit(() -> {
                Bigdl.seed(seed);
                work.run(index, parts.get(index), r.network, r.criterion);
            }));
        }
        if (train) {
            network.training();
        } else {
            network.evaluate();
        }
        work.run(0, parts.get(0), network, criterion);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a network copy", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /**
     * After a training {@link #run}: turns {@code gradients}, the network's own (part 0's), into
     * Σ<sub>i</sub> shares[i] / total · (part i's gradients), adding the replicas' in part order.
     */
    void sumGradients(Tensor<Object> gradients, double[] shares, double total) {
        for (int i = 0; i < shares.length; i++) {
            if (i == 0) {
                gradients.mul((Object) (float) (shares[0] / total));
            } else {
                gradients.add((Object) (float) (shares[i] / total), replicas.get(i - 1).gradients);
            }
        }
    }
}
