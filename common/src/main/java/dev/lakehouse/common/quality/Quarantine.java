package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.lineage.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rows that could not be kept, with the reason: {@code <root>/_quarantine/<domain>/<table>}.
 * Columns: {@code _batch_id, _run_id, job, layer, reason, raw, _source_file, _quarantined_at}.
 * Appends are idempotent per batch and job, like bronze.
 */
public final class Quarantine {
  private Quarantine() {}

  /**
   * Appends quarantined rows.
   *
   * @param rows rows with the string columns {@code raw}, {@code reason} and {@code _source_file}
   *     (may be null)
   * @return the write, or a SKIPPED write when this batch was already quarantined by this job
   */
  public static TableWrite append(
      SparkSession spark,
      JobContext ctx,
      String job,
      String layer,
      String domain,
      String table,
      String batchId,
      Dataset<Row> rows) {
    String path = ctx.layout().quarantine(domain, table);
    String name = "_quarantine." + domain + "." + table;
    if (DeltaIO.exists(spark, path)
        && DeltaIO.read(spark, path)
                .filter(col(DeltaIO.BATCH_COLUMN).equalTo(batchId).and(col("job").equalTo(job)))
                .limit(1)
                .count()
            > 0) {
      return new TableWrite(name, path, "SKIPPED", DeltaIO.version(spark, path), 0, 0, 0, 0);
    }
    Dataset<Row> out =
        rows.select(
            lit(batchId).as(DeltaIO.BATCH_COLUMN),
            lit(ctx.runId()).as("_run_id"),
            lit(job).as("job"),
            lit(layer).as("layer"),
            col("reason").cast("string"),
            col("raw").cast("string"),
            col("_source_file").cast("string"),
            current_timestamp().as("_quarantined_at"));
    long start = System.nanoTime();
    Lineage.declareSources(spark, path, out);
    out.write().format("delta").mode("append").save(path);
    long n = DeltaIO.read(spark, path).filter(col("_run_id").equalTo(ctx.runId())).count();
    return new TableWrite(
        name,
        path,
        "WRITE",
        DeltaIO.version(spark, path),
        n,
        n,
        0,
        (System.nanoTime() - start) / 1e9);
  }
}
