package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.spark.Checkpoints;
import dev.lakehouse.common.table.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The write-audit-publish gate: checks exactly the data a job is about to publish against the
 * table's rule suite, and records what it found. It never publishes; the job does, only when the
 * report passed:
 *
 * <pre>
 * Dataset&lt;Row&gt; out = transform(...).persist();
 * RuleSuite suite = RuleSuites.of(rulesDir).load(table, out.schema());   // exit 2 if invalid
 * GateReport report = QualityGate.run(spark, ctx, name(), table, out, suite);
 * report.throwIfFailed();                                               // exit 3
 * DeltaIO.mergeByKey(spark, out, ...);                                  // the verified rows
 * out.unpersist();
 * </pre>
 *
 * <p>One run: one Deequ verification over {@code data} (all Deequ metrics of the suite, in as few
 * passes as Deequ allows; data not yet persisted is persisted here so the publish that follows
 * reads the same rows); one join per referential_integrity rule; the metrics saved to Deequ's
 * repository ({@code _ops/dq_metrics}); the rows that broke failed error rules appended to {@code
 * _quarantine/<domain>/<table>} in one write; every rule's outcome appended to {@code
 * _ops/dq_results} (one commit per gate, or per promotion through {@link PromotionGate}); one alert
 * if an error rule failed.
 */
public final class QualityGate {
  /** Spark local property naming the table whose suite the current Spark jobs belong to. */
  public static final String SUITE_PROPERTY = "lakehouse.quality.suite";

  private QualityGate() {}

  /** Runs the gate with the defaults of the job run (see {@link GateOptions#defaults}). */
  public static GateReport run(
      SparkSession spark,
      JobContext ctx,
      String job,
      TableId table,
      Dataset<Row> data,
      RuleSuite suite) {
    return run(spark, ctx, job, table, data, suite, GateOptions.defaults(spark, ctx));
  }

  /** Runs the gate and records its results in {@code _ops/dq_results}. */
  public static GateReport run(
      SparkSession spark,
      JobContext ctx,
      String job,
      TableId table,
      Dataset<Row> data,
      RuleSuite suite,
      GateOptions options) {
    GateReport report = check(spark, ctx, job, table, data, suite, options);
    QualityResults.append(spark, ctx.layout(), report);
    return report;
  }

  /**
   * Runs the gate without recording its results: the caller appends them with {@link
   * QualityResults#append(SparkSession, dev.lakehouse.common.table.TableLayout, List)}, as {@link
   * PromotionGate} does once for all the tables of a promotion. Metrics, quarantined rows, progress
   * lines and the alert are handled here.
   */
  static GateReport check(
      SparkSession spark,
      JobContext ctx,
      String job,
      TableId table,
      Dataset<Row> data,
      RuleSuite suite,
      GateOptions options) {
    // Tags the Spark jobs this gate triggers, so a SparkListener (bin/lakehouse bench) can count
    // them per suite; cleared again whatever happens.
    String previous = spark.sparkContext().getLocalProperty(SUITE_PROPERTY);
    spark.sparkContext().setLocalProperty(SUITE_PROPERTY, table.toString());
    Dataset<Row> audited = null;
    try {
      StorageLevel level = data.storageLevel();
      if (!level.useMemory() && !level.useDisk() && !level.useOffHeap()) {
        data.persist();
      }
      // The checks run on a local checkpoint of the data: the same rows, computed once from the
      // persisted data, under a plan of a single node. A promotion's output can have a plan
      // hundreds of nodes deep (KAMIS silver: typing, unpivoting and ranking five sources), which
      // Spark would otherwise plan again, and match against every cached plan, for each of the
      // gate's queries: 19 rows of silver.kamis.item_prices took 29 s to check that way.
      audited = Checkpoints.local(data);
      return audit(spark, ctx, job, table, audited, suite, options);
    } finally {
      if (audited != null) {
        Checkpoints.release(audited);
      }
      spark.sparkContext().setLocalProperty(SUITE_PROPERTY, previous);
    }
  }

  private static GateReport audit(
      SparkSession spark,
      JobContext ctx,
      String job,
      TableId table,
      Dataset<Row> data,
      RuleSuite suite,
      GateOptions options) {
    Instant checkedAt = options.clock().instant();
    long tableVersion = DeltaIO.version(spark, ctx.layout().path(table));
    MetricsHistory history = MetricsHistory.of(ctx.layout(), table);
    SuiteEvaluator.Result result =
        SuiteEvaluator.evaluate(data, suite, ctx.runDate(), options.references(), history);
    boolean passed = result.outcomes().stream().noneMatch(o -> o.status() == Status.FAILED);
    result
        .run()
        .saveMetrics(
            spark,
            history.path(),
            checkedAt.toEpochMilli(),
            history.runTags(job, ctx.runId(), suite.source(), passed));
    String batch = ctx.batchId().orElse(null);
    long quarantined = passed ? 0 : quarantine(spark, ctx, job, table, data, suite, result);
    GateReport report =
        new GateReport(
            ctx.runId(),
            job,
            batch,
            table,
            suite.source(),
            tableVersion,
            result.rowCount(),
            result.outcomes(),
            quarantined,
            ctx.layout().quarantine(table.domain(), table.name()),
            checkedAt);
    ctx.progress().step(report.summaryLine());
    for (RuleOutcome o : result.outcomes()) {
      if (o.status() != Status.PASSED) {
        ctx.progress().step("  " + o.status() + " " + o.describe());
      }
    }
    options.alerter().alert(report);
    return report;
  }

  /** Appends the rows that broke failed row-level error rules, in one write; returns the count. */
  private static long quarantine(
      SparkSession spark,
      JobContext ctx,
      String job,
      TableId table,
      Dataset<Row> data,
      RuleSuite suite,
      SuiteEvaluator.Result result) {
    Column[] dataColumns =
        Arrays.stream(data.columns()).map(c -> col(RuleTranslator.quote(c))).toArray(Column[]::new);
    Column sourceFile =
        Arrays.asList(data.columns()).contains("_source_file")
            ? col("_source_file").cast("string")
            : lit(null).cast("string");
    List<Dataset<Row>> parts = new ArrayList<>();
    for (RuleOutcome o : result.outcomes()) {
      if (o.status() != Status.FAILED || !o.kind().rowLevel() || o.value() == null) {
        continue; // not row-level, or its metric could not be computed: no rows to blame
      }
      Rule rule = suite.rule(o.rule()).orElseThrow();
      String reason = "rule " + o.rule() + " (" + o.kind().id() + "): " + o.message();
      parts.add(
          ViolationFilters.offending(rule, data, result.riAnnotated().get(rule.name()))
              .select(
                  to_json(struct(dataColumns)).as("raw"),
                  lit(reason).as("reason"),
                  sourceFile.as("_source_file")));
    }
    if (parts.isEmpty()) {
      return 0;
    }
    Dataset<Row> rows = parts.stream().reduce(Dataset::unionByName).orElseThrow();
    TableWrite w =
        Quarantine.append(
            spark,
            ctx,
            // Its own label: the job may quarantine untypable rows of the same batch itself, and
            // quarantine appends are idempotent per batch and label.
            job + "#gate",
            table.layer().id(),
            table.domain(),
            table.name(),
            ctx.batchId().orElse(ctx.runId()),
            rows);
    return w.skipped() ? 0 : w.rowsWritten();
  }
}
