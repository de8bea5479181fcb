package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.pipeline.config.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "A hyper-parameter sweep (mcsan.sweep): features -> every sampled configuration x seed x fold as one unit"
                    + " -> the leaderboard, ranked on the validation split, and the winner's test result, once.",
            "E.g. mcsan sweep --conf conf/demo.conf --conf conf/sweep-example.conf. Rerunning resumes; raising"
                    + " mcsan.sweep.trials adds configurations."
        })
final class SweepCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        if (!Sweep.isDefined(settings)) {
            throw new InvalidConfigException("mcsan sweep needs a search space, but mcsan.sweep.space is empty; give"
                    + " one with --conf (e.g. conf/sweep-example.conf), or use 'mcsan run' for a run without a sweep");
        }
        return RunCommand.pipeline(settings);
    }
}
