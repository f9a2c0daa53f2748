package dev.lakehouse.jobs.kamis.gold;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.quality.PromotionGate;
import dev.lakehouse.common.table.TableId;
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
 * Builds the KAMIS gold marts from silver and replaces each gold table in one Delta commit.
 *
 * <p>Invoke on a cluster or locally (the lead wires it as the last step of {@code bin/lakehouse run
 * kamis}):
 *
 * <pre>
 * spark-submit --class dev.lakehouse.jobs.kamis.gold.BuildKamisGold \
 *   jobs/kamis/target/lakehouse-jobs-kamis-&lt;version&gt;-spark.jar
 * bin/lakehouse run kamis.build_gold
 * </pre>
 *
 * It takes no source or batch: gold is always rebuilt from the whole of silver (the moving
 * averages, look-backs and seasonal indices of a day depend on other days, so a partial rebuild
 * would need the same history anyway), and re-running it on unchanged silver writes the same
 * content as a new table version.
 *
 * <p>Input: {@code silver.kamis.item_prices, price_summaries, items, regions} (see {@link
 * KamisSilver}). Output: {@code gold.kamis.daily_price_board, price_trends, channel_comparison,
 * eco_premium, regional_spread, seasonality} (see {@link KamisMarts} and {@code
 * jobs/kamis/GOLD_MARTS.md}).
 *
 * <p>Steps: read silver (cached, counted: rows in) → compute every mart (cached, counted) → one
 * {@link PromotionGate} over all marts ({@code dq-rules/kamis/gold_<mart>.conf}; a failed error
 * rule anywhere publishes nothing and exits 3) → {@link DeltaIO#overwrite} each mart (rows out).
 * Silver prices that a comparison mart cannot pair are counted and printed, never dropped silently.
 */
public final class BuildKamisGold implements SparkJob {
  public static final String NAME = "kamis.build_gold";

  /**
   * A mart computed and cached, waiting for the gate and publication.
   *
   * @param table the gold table it becomes
   * @param rows its rows (persisted)
   * @param count its row count
   */
  public record ComputedMart(TableId table, Dataset<Row> rows, long count) {}

  public static void main(String[] args) {
    JobRunner.main(new BuildKamisGold(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    Progress progress = ctx.progress();
    KamisSilver silver = KamisSilver.read(spark, ctx.layout()).persist();
    List<ComputedMart> marts = new ArrayList<>();
    try {
      Map<String, Long> counts = silver.counts();
      long rowsIn = counts.values().stream().mapToLong(Long::longValue).sum();
      progress.step("read silver.kamis (" + rowsIn + " rows): " + counts);
      for (String line : KamisMarts.describeLeftOut(KamisMarts.leftOut(silver))) {
        progress.step("not paired in some marts: " + line);
      }
      marts.addAll(compute(silver, progress));
      Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
      marts.forEach(m -> candidates.put(m.table(), m.rows()));
      PromotionGate.verifyAll(spark, ctx, NAME, candidates);
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
  static List<ComputedMart> compute(KamisSilver silver, Progress progress) {
    List<ComputedMart> marts = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> e : KamisMarts.buildAll(silver).entrySet()) {
      TableId table = TableId.gold(KamisSilver.DOMAIN, e.getKey());
      Dataset<Row> rows = e.getValue().persist(StorageLevel.MEMORY_AND_DISK());
      long count = rows.count();
      progress.step("computed " + table + ": " + count + " rows");
      marts.add(new ComputedMart(table, rows, count));
    }
    return marts;
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
