package org.mcsan.bench;

/**
 * One part of {@code mcsan bench} (MFCC, GEMM, ...). A part measures with {@link BenchContext#protocol()},
 * adds each {@link Measurement} to its report as soon as it has it (so that a failure later in the part
 * keeps what was measured before) and records facts that explain its numbers with {@link PartReport#info}.
 * Parts are listed in {@link BenchParts}.
 */
public interface BenchPart {
    /** Short name used by {@code --only} and in the report, e.g. "mfcc". */
    String name();

    /** One line for {@code --help} and the report. */
    String description();

    void run(BenchContext context, PartReport report) throws Exception;
}
