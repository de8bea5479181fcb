package org.mcsan.model;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.optim.Adam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Training throughput (forward + backward + Adam) of the paper configuration; not a unit test.
 * Run by hand: {@code java -cp ... org.mcsan.model.TrainingThroughput [threads] [batch] [steps] [meanFrames] [meanWords]}
 * (threads: network copies working on parts of each batch, {@link McsanModel#setThreads}).
 * Lengths are drawn uniformly within ±50% of the means. Prints samples/s and the modules that take the most time.
 */
public final class TrainingThroughput {
    /** Forward and backward time of each top-level module of the graph, largest first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void printTimes(McsanModel model, int steps) {
        List<AbstractModule> modules = new ArrayList<>(scala.collection.JavaConversions.seqAsJavaList(
                ((com.intel.analytics.bigdl.nn.Container) model.network()).modules()));
        modules.sort(Comparator.comparingLong(m -> -(m.forwardTime() + m.backwardTime())));
        double total = 0;
        for (AbstractModule m : modules) {
            total += m.forwardTime() + m.backwardTime();
        }
        System.out.printf(
                "time in the graph's modules over %d steps: %.1f s (forward + backward)%n", steps, total / 1e9);
        for (AbstractModule m : modules.subList(0, Math.min(30, modules.size()))) {
            System.out.printf(
                    "  %-40s %-20s fwd %6.2f s  bwd %6.2f s%n",
                    m.getName(), m.getClass().getSimpleName(), m.forwardTime() / 1e9, m.backwardTime() / 1e9);
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int meanFrames = args.length > 3 ? Integer.parseInt(args[3]) : 450;
        int meanWords = args.length > 4 ? Integer.parseInt(args[4]) : 11;
        Bigdl.initLocalEngine(threads);
        ModelSettings s = ModelSettings.defaults();
        McsanModel model = McsanModel.build(s, 4, 7).setThreads(threads);
        System.out.println(
                s + ", " + model.parameterCount() + " parameters, batch " + batchSize + ", " + threads + " threads");
        List<Example> examples = TestData.examples(
                3,
                batchSize * 3,
                s,
                4,
                meanFrames / 2,
                meanFrames * 3 / 2,
                Math.max(1, meanWords / 2),
                meanWords * 3 / 2);
        Batcher batcher = new Batcher(s, TestData.normalizer(examples, s));
        List<Batch> batches = new ArrayList<>();
        for (List<Example> b : batcher.epoch(examples, batchSize, 11)) {
            batches.add(batcher.batch(b));
        }
        Adam<Object> adam = Bigdl.adam(1e-3);
        for (int i = 0; i < 2; i++) {
            model.trainStep(batches.get(i % batches.size()), adam);
        }
        model.network().resetTimes();
        long samples = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            Batch b = batches.get(i % batches.size());
            float loss = model.trainStep(b, adam);
            samples += b.size();
            System.out.printf(
                    "step %d: %d × %d frames / %d words, loss %.4f%n",
                    i, b.size(), b.audioSteps(), b.textSteps(), loss);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "%.1f samples/s (%d samples in %.1f s); %.1f CPU-seconds, i.e. %.1f samples per CPU-second"
                        + " (the process had %.2f cores on average)%n",
                samples / seconds, samples, seconds, cpuSeconds, samples / cpuSeconds, cpuSeconds / seconds);

        printTimes(model, steps);

        // Where one step goes: forward, backward (the rest of a step is the loss and Adam).
        Batch b = batches.get(0);
        model.training();
        long t0 = System.nanoTime();
        com.intel.analytics.bigdl.utils.Table inputs = b.inputs(s.variant);
        com.intel.analytics.bigdl.tensor.Tensor<Object> out = (com.intel.analytics.bigdl.tensor.Tensor<Object>)
                model.network().forward(inputs);
        long t1 = System.nanoTime();
        model.network().backward(inputs, out.clone().fill(-1f / out.size(1)));
        long t2 = System.nanoTime();
        System.out.printf(
                "one batch of %d frames: forward %.2f s, backward %.2f s%n",
                b.audioSteps(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
