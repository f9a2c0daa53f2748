package dev.lakehouse.launcher.pipeline;

import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.table.TableLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Runs jobs in order in one session. The batch a job reports (bronze derives it) is handed to the
 * jobs after it; the first failure stops the pipeline, so downstream jobs never run on a failed
 * upstream.
 */
public final class PipelineRunner {
  private PipelineRunner() {}

  /** What a pipeline run did. */
  public record PipelineOutcome(
      List<RunOutcome> runs, ExitCode exitCode, double seconds, TableLayout layout) {
    public List<TableWrite> writes() {
      List<TableWrite> all = new ArrayList<>();
      runs.forEach(r -> r.result().ifPresent(res -> all.addAll(res.writes())));
      return all;
    }
  }

  public static PipelineOutcome run(SparkSession spark, List<SparkJob> jobs, JobContext base) {
    long start = System.nanoTime();
    List<RunOutcome> runs = new ArrayList<>();
    JobContext ctx = base;
    ExitCode code = ExitCode.SUCCESS;
    for (int i = 0; i < jobs.size(); i++) {
      SparkJob job = jobs.get(i);
      RunOutcome o =
          JobRunner.execute(spark, job, i == 0 ? ctx : ctx.withRunId(JobRunner.newRunId()));
      runs.add(o);
      if (!o.succeeded()) {
        code = o.exitCode();
        int skipped = jobs.size() - i - 1;
        if (skipped > 0) {
          base.progress()
              .step(
                  "Stopping: "
                      + skipped
                      + " downstream job(s) not run ("
                      + String.join(
                          ", ",
                          jobs.subList(i + 1, jobs.size()).stream().map(SparkJob::name).toList())
                      + ")");
        }
        break;
      }
      if (o.result().isPresent() && o.result().get().batchId().isPresent()) {
        ctx = ctx.withBatch(o.result().get().batchId().get());
      }
    }
    return new PipelineOutcome(runs, code, (System.nanoTime() - start) / 1e9, base.layout());
  }
}
