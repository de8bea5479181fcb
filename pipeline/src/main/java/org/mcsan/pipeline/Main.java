package org.mcsan.pipeline;

import org.mcsan.contracts.BuildInfo;
import org.mcsan.model.Bigdl;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.training.TrainSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mcsan} command line: one main class for bin/mcsan and for spark-submit.
 * Exit codes: 0 ok, 2 bad usage or invalid configuration, 1 a failed run.
 */
@Command(
        name = "mcsan",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Speech emotion recognition with MCSAN (multimodal cross- and self-attention) on Apache Spark.",
            "Every command takes --conf FILE, --set KEY=VALUE and -D KEY=VALUE; see 'mcsan config'."
        },
        subcommands = {
            DemoCommand.class,
            SynthCommand.class,
            FeaturesCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            RunCommand.class,
            SweepCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            ConfigCommand.class,
            VersionCommand.class
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (the testable form of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(
                e -> isUsageError(e) || e instanceof CommandLine.ParameterException ? USAGE : FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException) {
                commandLine.getErr().println(e.getMessage());
                commandLine.usage(commandLine.getErr());
                return USAGE;
            }
            if (isUsageError(e)) {
                commandLine
                        .getErr()
                        .println(
                                e instanceof InvalidConfigException
                                        ? e.getMessage()
                                        : "invalid configuration:\n  - "
                                                + withoutOrigin((com.typesafe.config.ConfigException) e));
                return USAGE;
            }
            if (causedByOutOfMemory(e)) {
                commandLine.getErr().println(outOfMemory());
            }
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (isVerbose(parseResult)) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(run with --verbose for the stack trace)");
            }
            return FAILED;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // an Error: picocli's handler sees exceptions only
            System.err.println(outOfMemory());
            return FAILED;
        }
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t : Bigdl.causes(e)) {
            if (t instanceof OutOfMemoryError || String.valueOf(t.getMessage()).contains("OutOfMemoryError")) {
                return true;
            }
        }
        return false;
    }

    /** What to change when the JVM ran out of heap. */
    static String outOfMemory() {
        return "error: out of memory: this JVM's heap (at most "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB) is too small for the job: " + TrainSettings.OUT_OF_MEMORY_ADVICE + ".";
    }

    /**
     * A configuration problem: what the generic validation finds, and what a module's own checks across keys find
     * (they throw Typesafe's ConfigException naming the key).
     */
    private static boolean isUsageError(Throwable e) {
        return e instanceof InvalidConfigException || e instanceof com.typesafe.config.ConfigException;
    }

    /** Typesafe prefixes the message with the merged origin of the whole section, which says nothing useful here. */
    private static String withoutOrigin(com.typesafe.config.ConfigException e) {
        String m = e.getMessage();
        String prefix = e.origin() == null ? null : e.origin().description() + ": ";
        return prefix != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mcsan " + BuildInfo.version()};
        }
    }
}
