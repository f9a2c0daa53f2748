package dev.lakehouse.common.job;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SecretMask;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.lineage.Lineage;
import dev.lakehouse.common.spark.LakehouseSession;
import dev.lakehouse.common.table.TableLayout;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared runner: parses the run arguments, loads and validates settings, builds the session,
 * runs the job, records the run in {@code _ops/job_runs}, and maps the outcome to the exit codes of
 * ARCHITECTURE.md. Each job's {@code main} is one line: {@code JobRunner.main(new TheJob(), args)}.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /** Entry point for spark-submit: runs the job and exits the JVM with its exit code. */
  public static void main(SparkJob job, String[] args) {
    int code = run(job, args, System.getenv(), System.out);
    System.exit(code);
  }

  /** Runs a job from its command-line arguments and returns the exit code. */
  public static int run(SparkJob job, String[] args, Map<String, String> env, PrintStream out) {
    try {
      JobArgs jobArgs = JobArgs.parse(job.name(), args);
      if (jobArgs.help()) {
        out.print(JobArgs.usage(job.name()));
        return ExitCode.SUCCESS.code();
      }
      LakehouseSettings settings = SettingsLoader.load(env, Map.of());
      SparkSession spark = LakehouseSession.getOrCreate(settings, job.name(), Map.of());
      JobContext ctx = context(jobArgs, settings, new Progress(out));
      return execute(spark, job, ctx).exitCode().code();
    } catch (LakehouseException e) {
      printError(out, e.getMessage());
      return e.exitCode().code();
    } catch (Exception e) { // Hadoop's IOExceptions can come through Scala code undeclared
      LakehouseException le = conflict(e);
      if (le == null) {
        le = unreachable(e, env.getOrDefault("LAKEHOUSE_ROOT", "the lakehouse root"));
      }
      printError(out, le != null ? le.getMessage() : describe(e));
      return ExitCode.FAILURE.code();
    }
  }

  /** Builds a run context from parsed arguments. */
  public static JobContext context(JobArgs a, LakehouseSettings settings, Progress progress) {
    return new JobContext(
        newRunId(),
        a.batch(),
        a.source(),
        a.runDate().orElse(LocalDate.now(ZoneOffset.UTC)),
        a.from(),
        a.to(),
        settings,
        new TableLayout(settings.root()),
        progress);
  }

  public static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Runs one job in an existing session and records it in the run log. Never throws: the outcome
   * carries the exit code and the error message.
   */
  public static RunOutcome execute(SparkSession spark, SparkJob job, JobContext ctx) {
    Instant started = Instant.now();
    ctx.progress().step(job.name() + " started (run " + ctx.runId() + ")");
    // Every Delta commit of the run (tables, quarantine, results, run log) names the run.
    String previousMetadata = spark.conf().get(DeltaIO.COMMIT_METADATA, null);
    spark.conf().set(DeltaIO.COMMIT_METADATA, DeltaIO.runMetadata(ctx.runId()));
    try {
      return executeTagged(spark, job, ctx, started);
    } finally {
      if (previousMetadata == null) {
        spark.conf().unset(DeltaIO.COMMIT_METADATA);
      } else {
        spark.conf().set(DeltaIO.COMMIT_METADATA, previousMetadata);
      }
    }
  }

  private static RunOutcome executeTagged(
      SparkSession spark, SparkJob job, JobContext ctx, Instant started) {
    JobResult result = null;
    ExitCode code;
    String error = null;
    Lineage.JobRun lineage = Lineage.begin(spark, job.name(), ctx);
    try {
      result = job.run(spark, ctx);
      code = ExitCode.SUCCESS;
    } catch (Exception e) {
      LakehouseException le = userError(e);
      if (le == null) {
        le = conflict(e);
      }
      if (le == null) {
        le = unreachable(e, ctx.layout().root());
      }
      code = le != null ? le.exitCode() : ExitCode.FAILURE;
      error = le != null ? le.getMessage() : describe(e);
      if (le == null) {
        LOG.error("{} failed", job.name(), e);
      }
    }
    lineage.end(code == ExitCode.SUCCESS, error);
    Instant ended = Instant.now();
    double seconds = (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    String batch =
        result != null && result.batchId().isPresent()
            ? result.batchId().get()
            : ctx.batchId().orElse(null);
    String status = code == ExitCode.SUCCESS ? "SUCCEEDED" : "FAILED";
    try {
      RunLog.append(
          spark,
          ctx.layout(),
          new RunLog.Entry(
              job.name(),
              ctx.runId(),
              batch,
              started,
              ended,
              result == null ? 0 : result.rowsIn(),
              result == null ? 0 : result.rowsOut(),
              status,
              code.code(),
              error,
              result == null ? null : tables(result)));
    } catch (Exception e) { // Hadoop's IOExceptions can come through Scala code undeclared
      LOG.warn(
          "Could not record run {} of {} in the run log: {}",
          ctx.runId(),
          job.name(),
          e.toString());
    }
    if (code == ExitCode.SUCCESS) {
      ctx.progress()
          .step(
              String.format(
                  Locale.ROOT,
                  "%s succeeded in %.1fs: %d rows in, %d rows out",
                  job.name(),
                  seconds,
                  result.rowsIn(),
                  result.rowsOut()));
    } else {
      ctx.progress().step(job.name() + " FAILED (exit " + code.code() + "): " + error);
    }
    return new RunOutcome(
        job.name(),
        ctx.runId(),
        code,
        Optional.ofNullable(result),
        Optional.ofNullable(error),
        seconds);
  }

  private static String tables(JobResult r) {
    return r.writes().stream()
        .map(
            (TableWrite w) ->
                w.table() + "@v" + w.version() + " " + w.operation() + " " + w.rowsWritten())
        .collect(Collectors.joining("; "));
  }

  /** The user-facing error in a cause chain (Spark may wrap what a job threw). */
  static LakehouseException userError(Throwable t) {
    return firstCause(t, LakehouseException.class);
  }

  /** The first throwable of the given type in a cause chain, or null. */
  private static <T extends Throwable> T firstCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /**
   * A Delta write conflict in a cause chain (another run committed to the same table while this one
   * was writing), as a clear exit-1 error; null when there is none. Delta refused this run's
   * commit, so the table holds the other run's version; every write is keyed by batch, so running
   * the job again converges.
   */
  static LakehouseException conflict(Throwable t) {
    Throwable c = firstCause(t, io.delta.exceptions.DeltaConcurrentModificationException.class);
    if (c == null) {
      return null;
    }
    return new LakehouseException(
        ExitCode.FAILURE,
        "Another run committed to a table this run was writing at the same time, and Delta"
            + " refused this run's commit ("
            + describe(c)
            + "). Tables keep the other run's version; nothing is duplicated. Run the job"
            + " again once the other run has finished.",
        c);
  }

  /**
   * A connection that could not be made (refused, no route, unknown host) in a cause chain, as a
   * clear exit-1 error naming the lakehouse root; null when there is none. The sources, the lineage
   * backend and the alert webhook report their own outages (or are guarded), so what is left is the
   * storage under the root, typically an object store that went away mid-run. Every table is
   * written with one Delta commit, so a table whose commit did not happen keeps its last version,
   * and the batch-keyed writes make a re-run converge.
   */
  static LakehouseException unreachable(Throwable t, String root) {
    Throwable c = firstCause(t, java.net.ConnectException.class);
    if (c == null) {
      c = firstCause(t, java.net.NoRouteToHostException.class);
    }
    if (c == null) {
      c = firstCause(t, java.net.UnknownHostException.class);
    }
    if (c == null) {
      return null;
    }
    return new LakehouseException(
        ExitCode.FAILURE,
        "Could not reach the storage under "
            + SecretMask.userInfo(root)
            + " ("
            + SecretMask.userInfo(describe(c))
            + "). Tables this run had not committed keep their last version; run the job again"
            + " once the storage is reachable.",
        c);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName()
        + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  private static void printError(PrintStream out, String message) {
    out.println("ERROR: " + message);
    out.flush();
  }
}
