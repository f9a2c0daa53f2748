package dev.lakehouse.jobs.olist.gold;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.quality.PromotionGate;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds the Olist gold marts from silver and replaces each gold table in one Delta commit.
 *
 * <p>Invoke on a cluster or locally (also the last step of {@code bin/lakehouse run olist}):
 *
 * <pre>
 * spark-submit --class dev.lakehouse.jobs.olist.gold.BuildOlistGold \
 *   jobs/olist/target/lakehouse-jobs-olist-&lt;version&gt;-spark.jar
 * bin/lakehouse run olist.build_gold
 * </pre>
 *
 * It takes no source or batch: gold is always rebuilt from the whole of silver, so re-running it on
 * unchanged silver writes the same content as a new table version.
 *
 * <p>Input: {@code silver.olist.orders, order_items, payments, reviews, customers, sellers,
 * products} (see {@link OlistSilver}). Output: {@code gold.olist.daily_sales, delivery_performance,
 * seller_scorecard, customer_rfm, review_vs_delivery, payment_mix, monthly_cohorts} (see {@link
 * OlistMarts} and {@code jobs/olist/GOLD_MARTS.md}).
 *
 * <p>Steps: read silver (cached, counted: rows in) → {@link #compute} every mart (cached, counted)
 * → {@link #checkQuality} on exactly the cached marts → {@link #publish} each with {@link
 * DeltaIO#overwrite} (rows out). Silver rows that some marts cannot use are counted and printed,
 * never dropped silently.
 */
public final class BuildOlistGold implements SparkJob {
  public static final String NAME = "olist.build_gold";

  /**
   * A mart computed and cached, waiting for the gate and publication.
   *
   * @param table the gold table it becomes
   * @param rows its rows (persisted)
   * @param count its row count
   */
  public record ComputedMart(TableId table, Dataset<Row> rows, long count) {}

  public static void main(String[] args) {
    JobRunner.main(new BuildOlistGold(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    Progress progress = ctx.progress();
    OlistSilver silver = OlistSilver.read(spark, ctx.layout()).persist();
    List<ComputedMart> marts = new ArrayList<>();
    try {
      Map<String, Long> counts = silver.counts();
      long rowsIn = counts.values().stream().mapToLong(Long::longValue).sum();
      progress.step("read silver.olist (" + rowsIn + " rows): " + counts);
      for (String line : OlistMarts.describeLeftOut(OlistMarts.leftOut(silver).first())) {
        progress.step("left out of some marts: " + line);
      }
      marts.addAll(compute(silver, progress));
      checkQuality(spark, ctx, marts);
      List<TableWrite> writes = publish(spark, ctx, marts);
      long rowsOut = writes.stream().mapToLong(TableWrite::rowsWritten).sum();
      return new JobResult(ctx.batchId(), rowsIn, rowsOut, writes);
    } finally {
      for (ComputedMart m : marts) {
        m.rows().unpersist();
      }
      silver.unpersist();
    }
  }

  /**
   * Builds every mart and caches it, so the gate checks and the publish step writes the same rows
   * without computing them twice.
   */
  static List<ComputedMart> compute(OlistSilver silver, Progress progress) {
    List<ComputedMart> marts = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> e : OlistMarts.buildAll(silver).entrySet()) {
      TableId table = TableId.gold(OlistTables.DOMAIN, e.getKey());
      Dataset<Row> rows = e.getValue().persist(StorageLevel.MEMORY_AND_DISK());
      long count = rows.count();
      progress.step("computed " + table + ": " + count + " rows");
      marts.add(new ComputedMart(table, rows, count));
    }
    return marts;
  }

  /**
   * The quality gate between compute and publish (write-audit-publish): checks every cached mart
   * against {@code dq-rules/olist/gold_<mart>.conf} and throws (exit 3), publishing nothing, when
   * an error-severity check fails on any mart.
   */
  static void checkQuality(SparkSession spark, JobContext ctx, List<ComputedMart> marts) {
    Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
    marts.forEach(m -> candidates.put(m.table(), m.rows()));
    PromotionGate.verifyAll(spark, ctx, NAME, candidates);
  }

  /** Replaces each gold table with its mart, one Delta commit per table. */
  static List<TableWrite> publish(SparkSession spark, JobContext ctx, List<ComputedMart> marts) {
    List<TableWrite> writes = new ArrayList<>();
    for (ComputedMart m : marts) {
      TableWrite w =
          DeltaIO.overwrite(spark, m.rows(), m.table().toString(), ctx.layout().path(m.table()));
      ctx.progress()
          .step(
              String.format(
                  Locale.ROOT,
                  "wrote %s: %d rows, version %d, %.1fs",
                  w.table(),
                  w.rowsWritten(),
                  w.version(),
                  w.seconds()));
      writes.add(w);
    }
    return writes;
  }
}
