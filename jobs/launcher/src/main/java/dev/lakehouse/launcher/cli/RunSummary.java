package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.launcher.pipeline.PipelineRunner.PipelineOutcome;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Prints the end-of-run summary: each job's outcome and every table written. */
final class RunSummary {
  private RunSummary() {}

  static void print(SparkSession spark, PipelineOutcome outcome, PrintStream out) {
    out.println();
    TextTable jobs = new TextTable("job", "status", "rows in", "rows out", "seconds");
    for (RunOutcome r : outcome.runs()) {
      jobs.row(
          r.job(),
          r.succeeded() ? "ok" : "FAILED (exit " + r.exitCode().code() + ")",
          r.result().map(x -> x.rowsIn()).orElse(0L),
          r.result().map(x -> x.rowsOut()).orElse(0L),
          String.format(Locale.ROOT, "%.1f", r.seconds()));
    }
    jobs.print(out);
    // The last write of each table wins (a table can be written by one job only, but be safe).
    Map<String, TableWrite> byTable = new LinkedHashMap<>();
    for (TableWrite w : outcome.writes()) {
      byTable.put(w.table(), w);
    }
    if (!byTable.isEmpty()) {
      out.println();
      TextTable tables =
          new TextTable("table", "rows", "version", "operation", "written", "seconds");
      for (TableWrite w : byTable.values()) {
        long rows = DeltaIO.exists(spark, w.path()) ? DeltaIO.read(spark, w.path()).count() : 0;
        tables.row(
            w.table(),
            rows,
            w.version(),
            w.operation(),
            w.rowsWritten(),
            String.format(Locale.ROOT, "%.1f", w.seconds()));
      }
      tables.print(out);
    }
    out.printf(
        Locale.ROOT,
        "%n%s in %.1fs (exit %d)%n",
        outcome.exitCode().code() == 0 ? "Done" : "FAILED",
        outcome.seconds(),
        outcome.exitCode().code());
  }
}
