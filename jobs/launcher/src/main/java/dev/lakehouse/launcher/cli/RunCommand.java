package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.pipeline.PipelineRunner;
import dev.lakehouse.launcher.pipeline.PipelineRunner.PipelineOutcome;
import dev.lakehouse.launcher.pipeline.Pipelines;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse run <olist|kamis|all|JOB> [--source DIR_OR_URI] [--batch ID] [--from D --to D]}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a pipeline (olist, kamis, all) or one job (e.g. olist.promote_silver or"
            + " PromoteOlistToSilver) in-process. Exit codes: 0 ok, 2 usage, 3 quality gate,"
            + " 4 source refused, 1 other.")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(index = "0", paramLabel = "TARGET", description = "olist, kamis, all, or a job name.")
  String target;

  @Mixin JobArgs.Spec options;

  @Override
  public Integer call() {
    JobArgs args = JobArgs.of(options, false);
    List<SparkJob> jobs = Pipelines.resolve(target);
    return runJobs(parent, jobs, args);
  }

  static int runJobs(Lakehouse parent, List<SparkJob> jobs, JobArgs args) {
    Progress progress = new Progress(parent.out());
    JobContext ctx = JobRunner.context(args, parent.settings(), progress);
    progress.step(
        "Lakehouse root "
            + ctx.layout().root()
            + " (env "
            + parent.settings().env()
            + "); jobs: "
            + String.join(", ", jobs.stream().map(SparkJob::name).toList()));
    PipelineOutcome outcome = PipelineRunner.run(parent.spark(), jobs, ctx);
    RunSummary.print(parent.spark(), outcome, parent.out());
    return outcome.exitCode().code();
  }
}
