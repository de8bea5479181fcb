package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.mcsan.contracts.BuildInfo;
import picocli.CommandLine.Command;

@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the versions of mcsan, the stack it was built against, and the Java runtime.")
final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("mcsan " + BuildInfo.version());
        System.out.println(
                "spark " + BuildInfo.get("spark.version") + " (scala " + BuildInfo.get("scala.version") + ")");
        System.out.println("bigdl " + BuildInfo.get("bigdl.version"));
        System.out.println("hadoop " + BuildInfo.get("hadoop.version"));
        System.out.println(
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return 0;
    }
}
