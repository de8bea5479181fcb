package org.mcsan.bench;

import com.intel.analytics.bigdl.mkl.MKL;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mcsan.model.Bigdl;

/**
 * The machine's physical reference for training: single-precision matrix products through the BLAS the model
 * uses, BigDL's float {@code Tensor.addmm}, which calls MKL's sgemm (and refuses to run without MKL).
 *
 * <p>For each size three rows: one product at a time with MKL on 1 thread (BigDL's default:
 * {@code bigdl.mklNumThreads} is 1 and MKL's thread count is a process-wide setting); one product at a time with
 * MKL on all cores; and one independent product per core at the same time on 1 MKL thread each, which is how
 * model replicas and parallel folds use the cores. The part restores BigDL's MKL thread count when it ends.
 */
public final class GemmBench implements BenchPart {
    private static final String UNIT = "GFLOP/s";

    @Override
    public String name() {
        return "gemm";
    }

    @Override
    public String description() {
        return "single-precision matrix products with BigDL's Tensor.addmm (MKL sgemm): the machine's GFLOP/s";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        int cores = settings.threads();
        BigDlLocal.initEngine(cores);
        report.info("mkl_loaded", MKL.isMKLLoaded());
        if (!MKL.isMKLLoaded()) {
            throw new IllegalStateException("MKL's native libraries did not load, so BigDL cannot multiply float "
                    + "tensors (nor train); they are unpacked into java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir")
                    + "), which must allow executing files");
        }
        int bigdlMklThreads = MKL.getMklNumThreads();
        report.info("bigdl_mkl_threads", bigdlMklThreads);
        String cpuType = System.getenv("MKL_DEBUG_CPU_TYPE");
        report.info("env_MKL_DEBUG_CPU_TYPE", cpuType);
        if (cpuType == null
                && "AuthenticAMD"
                        .equals(MachineInfo.cpuInfo(Paths.get("/proc/cpuinfo")).get("cpu_vendor"))) {
            // BigDL 0.13 ships MKL 2019, which runs generic kernels on non-Intel CPUs unless told otherwise.
            report.info(
                    "advice",
                    "AMD CPU: MKL 2019 uses its AVX2 kernels only with the environment variable "
                            + "MKL_DEBUG_CPU_TYPE=5 (set it for the driver and, via spark.executorEnv, for executors)");
        }
        try {
            for (GemmShape shape : settings.gemmSizes()) {
                String size = shape.m() + "x" + shape.k() + " * " + shape.k() + "x" + shape.n();
                new Product(shape, 1).verify();
                Measurement single = measure(context, shape, "1-thread", "sgemm " + size + ", 1 thread", 1, 1, null);
                report.add(single);
                report.add(measure(
                        context,
                        shape,
                        "mkl-all-cores",
                        "sgemm " + size + ", MKL on " + cores + " threads",
                        1,
                        cores,
                        single.stats()));
                report.add(measure(
                        context,
                        shape,
                        "parallel-all-cores",
                        "sgemm " + size + ", " + cores + " products at once",
                        cores,
                        1,
                        single.stats()));
            }
        } finally {
            MKL.setNumThreads(bigdlMklThreads);
        }
    }

    /**
     * GFLOP/s of {@code concurrent} independent products at a time with MKL on {@code mklThreads} threads;
     * compared with {@code single} (the 1-thread rate) when given.
     */
    private static Measurement measure(
            BenchContext context,
            GemmShape shape,
            String mode,
            String label,
            int concurrent,
            int mklThreads,
            Stats single)
            throws Exception {
        context.progress("gemm: " + label);
        MKL.setNumThreads(mklThreads);
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            products.add(new Product(shape, i + 1));
        }
        ExecutorService pool = concurrent > 1 ? Executors.newFixedThreadPool(concurrent) : null;
        Protocol.Rates rates;
        int repeats;
        try {
            repeats = repeatsFor(context.settings().gemmMinRunSeconds(), products, pool);
            rates = context.protocol().rate(() -> {
                multiplyAll(products, repeats, pool);
                return concurrent * repeats * shape.flops() / 1e9;
            });
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("m", shape.m());
        details.put("k", shape.k());
        details.put("n", shape.n());
        details.put("mkl_threads", mklThreads);
        details.put("concurrent_products", concurrent);
        details.put("products_per_run", concurrent * repeats);
        if (single != null) {
            double speedup = rates.stats().median() / single.median();
            details.put("speedup_vs_1_thread", speedup);
            details.put("parallel_efficiency", speedup / (mklThreads * concurrent));
        }
        return new Measurement("gemm." + shape + "." + mode, label, UNIT, rates, null, details);
    }

    /** Products per timed run so that a run lasts at least {@code minSeconds} (fastest of three trial rounds). */
    private static int repeatsFor(double minSeconds, List<Product> products, ExecutorService pool) throws Exception {
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            multiplyAll(products, 1, pool);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(minSeconds * 1e9 / Math.max(1, fastest))));
    }

    private static void multiplyAll(List<Product> products, int repeats, ExecutorService pool) throws Exception {
        if (pool == null) {
            for (Product p : products) {
                p.multiply(repeats);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Product p : products) {
            futures.add(pool.submit(() -> {
                p.multiply(repeats);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /** C = A·B with its own random A and B, so that concurrent products share no memory. */
    static final class Product {
        private final GemmShape shape;
        private final Tensor<Object> a;
        private final Tensor<Object> b;
        private final Tensor<Object> c;

        Product(GemmShape shape, long seed) {
            this.shape = shape;
            Random random = new Random(seed);
            this.a = random(shape.m(), shape.k(), random);
            this.b = random(shape.k(), shape.n(), random);
            this.c = Bigdl.zeros(shape.m(), shape.n());
        }

        private static Tensor<Object> random(int rows, int cols, Random random) {
            Tensor<Object> t = Bigdl.zeros(rows, cols);
            float[] values = Bigdl.data(t);
            int offset = Bigdl.offset(t);
            for (int i = 0; i < rows * cols; i++) {
                values[offset + i] = (float) random.nextGaussian();
            }
            return t;
        }

        void multiply(int repeats) {
            for (int r = 0; r < repeats; r++) {
                c.addmm(0f, 1f, a, b); // c = 0 * c + 1 * a.b
            }
        }

        /**
         * Checks a few entries of the product against dot products in double precision, within the worst-case
         * rounding error of a float dot product of length k: k · 2^-24 · sum |a_il · b_lj|.
         */
        void verify() {
            multiply(1);
            int[][] entries = {{0, 0}, {shape.m() - 1, shape.n() - 1}, {shape.m() / 2, shape.n() / 3}};
            for (int[] e : entries) {
                double expected = 0;
                double magnitude = 0;
                for (int l = 0; l < shape.k(); l++) {
                    double term = (Float) a.valueAt(e[0] + 1, l + 1) * (double) (Float) b.valueAt(l + 1, e[1] + 1);
                    expected += term;
                    magnitude += Math.abs(term);
                }
                double actual = (Float) c.valueAt(e[0] + 1, e[1] + 1);
                if (Math.abs(actual - expected) > shape.k() * 0x1p-24 * magnitude + 1e-30) {
                    throw new IllegalStateException("Tensor.addmm of " + shape + " gave C[" + e[0] + "][" + e[1]
                            + "] = " + actual + ", expected " + expected);
                }
            }
        }
    }
}
