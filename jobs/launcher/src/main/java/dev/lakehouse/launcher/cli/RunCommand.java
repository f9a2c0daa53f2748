package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.pipeline.PipelineRunner;
import dev.lakehouse.launcher.pipeline.PipelineRunner.PipelineOutcome;
import dev.lakehouse.launcher.pipeline.Pipelines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    if (target.equals("all")) {
      if (args.source().isPresent()) {
        throw Errors.usage(
            "--source names the landing of one pipeline, but 'all' runs "
                + Pipelines.names()
                + ", each from its default landing under the root. Run the pipelines one by one"
                + " to give each its own --source.");
      }
      Map<String, JobArgs> perPipeline = new LinkedHashMap<>();
      Pipelines.names().forEach(p -> perPipeline.put(p, args));
      return runPipelines(parent, perPipeline, parent.settings());
    }
    return runJobs(parent, Pipelines.resolve(target), args, parent.settings());
  }

  /**
   * Runs independent pipelines one after the other, each with its own arguments and batch. A
   * failure in one does not stop the others (they share no tables); the exit code is the first
   * failure's.
   */
  static int runPipelines(
      Lakehouse parent, Map<String, JobArgs> pipelines, LakehouseSettings settings) {
    int code = 0;
    for (Map.Entry<String, JobArgs> p : pipelines.entrySet()) {
      int c = runJobs(parent, Pipelines.jobs(p.getKey()), p.getValue(), settings);
      if (code == 0) {
        code = c;
      }
    }
    return code;
  }

  static int runJobs(
      Lakehouse parent, List<SparkJob> jobs, JobArgs args, LakehouseSettings settings) {
    Progress progress = new Progress(parent.out());
    JobContext ctx = JobRunner.context(args, settings, progress);
    progress.step(
        "Lakehouse root "
            + ctx.layout().root()
            + " (env "
            + settings.env()
            + "); jobs: "
            + String.join(", ", jobs.stream().map(SparkJob::name).toList()));
    PipelineOutcome outcome = PipelineRunner.run(parent.spark(), jobs, ctx);
    try {
      RunSummary.print(parent.spark(), outcome, parent.out());
    } catch (Exception e) { // e.g. the storage went away: the jobs' own lines said what happened
      parent
          .out()
          .println(
              "(No summary table: could not read the tables back: "
                  + e.getClass().getSimpleName()
                  + ". Each job's line above says how it ended.)");
    }
    return outcome.exitCode().code();
  }
}
