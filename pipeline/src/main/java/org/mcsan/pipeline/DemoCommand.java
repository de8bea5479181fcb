package org.mcsan.pipeline;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.concurrent.Callable;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.pipeline.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "The whole pipeline on the built-in synthetic corpus with embedded Spark: generates the corpus if "
                        + "absent, then features -> train -> evaluate with conf/demo.conf (your --conf/--set go on top), and prints "
                        + "the summary and where the report is.")
final class DemoCommand implements Callable<Integer> {
    /** conf/demo.conf, packaged into the jar so the demo runs from anywhere. */
    static final String DEMO_CONF = "conf/demo.conf";

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        if (DemoCommand.class.getClassLoader().getResource(DEMO_CONF) == null) {
            throw new IllegalStateException(DEMO_CONF + " is missing from the application jar");
        }
        Settings settings = options.load(
                new java.util.LinkedHashMap<String, String>(),
                ConfigFactory.parseResources(
                        DemoCommand.class.getClassLoader(),
                        DEMO_CONF,
                        ConfigParseOptions.defaults().setAllowMissing(false)));
        if (!"synthetic".equals(settings.mcsan().getString("corpus.kind"))) {
            throw new InvalidConfigException("mcsan demo runs on the synthetic corpus; mcsan.corpus.kind is "
                    + settings.mcsan().getString("corpus.kind") + " (use mcsan run for other corpora)");
        }
        return RunCommand.pipeline(settings);
    }
}
