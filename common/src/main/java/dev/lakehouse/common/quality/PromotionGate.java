package dev.lakehouse.common.quality;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.lineage.Lineage;
import dev.lakehouse.common.table.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The audit step of write-audit-publish for a job that promotes several tables: every candidate is
 * verified against its suite before any of them is published, so one failed hard rule leaves every
 * target table at its version. Referential rules between tables of the same promotion see the
 * candidates, not the stale published tables.
 */
public final class PromotionGate {
  private PromotionGate() {}

  /**
   * Loads and validates the rule suites of tables a job is about to compute, from their schemas
   * alone, so that a missing or invalid suite (a syntax error, an unknown rule kind, a rule on a
   * column the table does not have) fails the run at once with exit 2, before any data is read.
   * Does nothing when the gates are off.
   *
   * @throws LakehouseException exit 2 naming the suite file and its problems
   */
  public static void preflight(
      SparkSession spark,
      JobContext ctx,
      Map<TableId, org.apache.spark.sql.types.StructType> schemas) {
    if (!ctx.settings().quality().enabled()) {
      return;
    }
    RuleSuites rules =
        RuleSuites.of(
            ctx.settings().quality().rulesDir(), spark.sparkContext().hadoopConfiguration());
    schemas.forEach(rules::load);
  }

  /**
   * Loads every suite (all validated before any data is read), runs every gate, and throws when an
   * error rule failed anywhere, after all gates ran so every result is recorded.
   *
   * @param candidates table to the persisted data about to be published, in publish order
   * @return the reports, in the same order
   * @throws LakehouseException exit 3 naming every failed rule; exit 2 for a missing or invalid
   *     suite
   */
  public static List<GateReport> verifyAll(
      SparkSession spark, JobContext ctx, String job, Map<TableId, Dataset<Row>> candidates) {
    if (!ctx.settings().quality().enabled()) {
      // Only for measuring what the gates cost (bin/lakehouse bench): say so on every promotion,
      // so a run with gates off is never mistaken for a checked one.
      ctx.progress()
          .step(
              "Quality gates OFF (lakehouse.quality.enabled = false): "
                  + candidates.size()
                  + " table(s) of "
                  + job
                  + " published unchecked");
      return List.of();
    }
    RuleSuites rules =
        RuleSuites.of(
            ctx.settings().quality().rulesDir(), spark.sparkContext().hadoopConfiguration());
    Map<TableId, RuleSuite> suites = new LinkedHashMap<>();
    candidates.forEach((t, df) -> suites.put(t, rules.load(t, df.schema())));
    ReferenceTables published = ReferenceTables.lakehouse(spark, ctx.layout());
    ReferenceTables references =
        t -> candidates.containsKey(t) ? Optional.of(candidates.get(t)) : published.read(t);
    GateOptions options = GateOptions.defaults(spark, ctx).withReferences(references);
    List<GateReport> reports = new ArrayList<>();
    try {
      for (Map.Entry<TableId, Dataset<Row>> e : candidates.entrySet()) {
        reports.add(
            QualityGate.check(
                spark, ctx, job, e.getKey(), e.getValue(), suites.get(e.getKey()), options));
      }
    } finally {
      // Every table's outcomes in one commit, whether the gates passed or not (and those of the
      // gates that ran when one could not).
      QualityResults.append(spark, ctx.layout(), reports);
    }
    Lineage.qualityChecked(spark, ctx, job, reports);
    List<GateReport> failed = reports.stream().filter(r -> !r.passed()).toList();
    if (failed.size() == 1) {
      throw new QualityGateException(failed.get(0));
    }
    if (failed.size() > 1) {
      throw new LakehouseException(
          ExitCode.QUALITY_GATE,
          "Quality gates failed for "
              + failed.size()
              + " tables; none of the "
              + candidates.size()
              + " tables of this promotion was published:\n"
              + failed.stream()
                  .map(r -> "  - " + QualityGateException.message(r))
                  .collect(Collectors.joining("\n")));
    }
    return reports;
  }
}
