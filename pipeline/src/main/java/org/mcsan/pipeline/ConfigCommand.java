package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.mcsan.pipeline.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Print the fully resolved configuration (defaults, --conf files, -D, --set), each value "
                + "preceded by where it came from. Fails with exit code 2 on an invalid configuration.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print plain JSON without origins.")
    boolean json;

    @Override
    public Integer call() {
        Settings settings = options.load();
        System.out.println(json ? settings.renderJson() : settings.render(true));
        return 0;
    }
}
