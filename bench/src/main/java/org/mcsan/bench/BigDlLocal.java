package org.mcsan.bench;

import com.intel.analytics.bigdl.utils.Engine;

/**
 * BigDL's Engine set up for work in this JVM without a SparkContext, as BigDL 0.13 does it: with
 * {@code bigdl.localMode=true}, {@code Engine.init} takes its core count from {@code bigdl.coreNumber} instead
 * of looking for a Spark context, builds its thread pools and sets MKL to {@code bigdl.mklNumThreads} threads
 * (default 1) for the pool that runs model layers.
 */
final class BigDlLocal {
    private BigDlLocal() {}

    /**
     * Initialises the Engine for {@code cores} cores. {@code bigdl.localMode} and {@code bigdl.coreNumber} are
     * restored afterwards, so that a later Spark session start in the same JVM initialises the Engine
     * for Spark as usual.
     */
    static void initEngine(int cores) {
        String localMode = System.getProperty("bigdl.localMode");
        String coreNumber = System.getProperty("bigdl.coreNumber");
        System.setProperty("bigdl.localMode", "true");
        System.setProperty("bigdl.coreNumber", String.valueOf(cores));
        try {
            Engine.init();
        } finally {
            restore("bigdl.localMode", localMode);
            restore("bigdl.coreNumber", coreNumber);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
