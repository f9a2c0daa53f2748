package dev.lakehouse.it.crash;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.spark.LakehouseSession;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze;
import dev.lakehouse.jobs.olist.gold.BuildOlistGold;
import dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Olist pipeline (bronze, silver, gold) in one JVM, for {@code CrashRecoveryIT}, which starts
 * this class as a process of its own and kills it with SIGKILL. Each job runs as its {@code main}
 * runs it ({@link JobRunner#execute}: run context, commit metadata, run log, progress lines), in
 * one session for the three jobs and without {@code System.exit} between them.
 *
 * <p>Arguments: the jobs' own ({@code --batch ID --source DIR}); environment: {@code
 * LAKEHOUSE_ROOT}, {@code LINEAGE_TRANSPORT}, as for the jobs, and {@value #FIRST_STAGE}. Progress
 * lines go to stdout (the test watches them to pick the moment of the kill); Spark's log goes to
 * stderr.
 */
public final class PipelineChild {
  /** The last line of a run in which every job succeeded. */
  public static final String DONE = "[child] pipeline done";

  private PipelineChild() {}

  /** The pipeline's jobs in dependency order: bronze, silver, gold. */
  public static List<SparkJob> jobs() {
    return List.of(new IngestOlistToBronze(), new PromoteOlistToSilver(), new BuildOlistGold());
  }

  /**
   * Settings as the jobs load them (environment variables), with the shuffle partitions of the test
   * session, so that a run here and a run in the test JVM compute with the same plans.
   */
  public static LakehouseSettings settings(Map<String, String> env) {
    return SettingsLoader.load(
        env, Map.of("lakehouse.spark.shuffle-partitions", TestSpark.SHUFFLE_PARTITIONS));
  }

  /**
   * Environment variable naming the layer the child starts at (a {@link Stage}; default bronze).
   */
  public static final String FIRST_STAGE = "CRASH_FIRST_STAGE";

  /**
   * Runs the jobs from {@code first} on in order, each through {@link JobRunner#execute} with a
   * fresh run context, and stops at the first that fails. Returns the outcome of each job that ran.
   * Starting at a later layer is how an orchestrator recovers a failed run: it runs the failed job
   * again and the ones after it; the layers before it had finished.
   */
  public static List<RunOutcome> runFrom(
      Stage first,
      SparkSession spark,
      LakehouseSettings settings,
      List<String> args,
      PrintStream out) {
    List<RunOutcome> outcomes = new ArrayList<>();
    List<SparkJob> jobs = jobs();
    for (SparkJob job : jobs.subList(first.ordinal(), jobs.size())) {
      JobArgs parsed = JobArgs.parse(job.name(), args.toArray(String[]::new));
      JobContext ctx = JobRunner.context(parsed, settings, new Progress(out));
      RunOutcome outcome = JobRunner.execute(spark, job, ctx);
      outcomes.add(outcome);
      if (!outcome.succeeded()) {
        break;
      }
    }
    return outcomes;
  }

  public static void main(String[] args) {
    System.out.println("[child] pid " + ProcessHandle.current().pid());
    LakehouseSettings settings = settings(System.getenv());
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    // The session of the test JVMs (TestSpark): two local cores, one task per small scan, no
    // adaptive execution, no UI, loopback only.
    SparkSession spark =
        LakehouseSession.getOrCreate(
            settings,
            "crash-recovery-child",
            Map.of(
                "spark.master", "local[2]",
                "spark.ui.enabled", "false",
                "spark.default.parallelism", TestSpark.DEFAULT_PARALLELISM,
                "spark.sql.adaptive.enabled", TestSpark.ADAPTIVE_EXECUTION,
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.sql.warehouse.dir", tmp.resolve("warehouse").toString(),
                "spark.databricks.delta.snapshotPartitions", "1"));
    Stage first = Stage.valueOf(System.getenv().getOrDefault(FIRST_STAGE, Stage.BRONZE.name()));
    List<RunOutcome> outcomes = runFrom(first, spark, settings, List.of(args), System.out);
    RunOutcome last = outcomes.get(outcomes.size() - 1);
    int code = last.succeeded() ? 0 : last.exitCode().code();
    System.out.println(
        code == 0 ? DONE : "[child] pipeline FAILED in " + last.job() + " (exit " + code + ")");
    System.out.flush();
    spark.stop();
    System.exit(code);
  }
}
