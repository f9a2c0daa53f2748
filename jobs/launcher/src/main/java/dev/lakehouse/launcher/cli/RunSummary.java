package dev.lakehouse.launcher.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.launcher.pipeline.PipelineRunner.PipelineOutcome;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Prints the end-of-run summary: each job's outcome and every table written. */
final class RunSummary {
  private RunSummary() {}

  /** Per table, the gate outcome of this pipeline run, e.g. "passed 9 rules, 1 warning". */
  private static Map<String, String> gateStatus(SparkSession spark, PipelineOutcome outcome) {
    Map<String, String> m = new LinkedHashMap<>();
    if (outcome.runs().isEmpty()) {
      return m;
    }
    TableLayout layout = outcome.layout();
    List<String> runIds = outcome.runs().stream().map(RunOutcome::runId).toList();
    Dataset<Row> results =
        QualityResults.read(spark, layout).filter(col("run_id").isin(runIds.toArray()));
    for (Row r :
        results
            .groupBy("table")
            .agg(
                count(lit(1)),
                sum(when(col("status").equalTo("FAILED"), 1).otherwise(0)),
                sum(when(col("status").equalTo("WARNING"), 1).otherwise(0)))
            .collectAsList()) {
      long rules = r.getLong(1);
      long failed = r.getLong(2);
      long warnings = r.getLong(3);
      m.put(
          r.getString(0),
          (failed > 0
                  ? "FAILED " + failed + " of " + rules + " rules"
                  : "passed " + rules + " rules")
              + (warnings > 0 ? ", " + warnings + " warning" + (warnings > 1 ? "s" : "") : ""));
    }
    return m;
  }

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
      Map<String, String> gates = gateStatus(spark, outcome);
      TextTable tables =
          new TextTable(
              "table", "rows", "version", "operation", "written", "seconds", "quality gate");
      for (TableWrite w : byTable.values()) {
        long rows = DeltaIO.exists(spark, w.path()) ? DeltaIO.read(spark, w.path()).count() : 0;
        tables.row(
            w.table(),
            rows,
            w.version(),
            w.operation(),
            w.rowsWritten(),
            String.format(Locale.ROOT, "%.1f", w.seconds()),
            gates.getOrDefault(w.table(), "-"));
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
