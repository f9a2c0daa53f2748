package dev.lakehouse.launcher.inspect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.table.TableLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The outcome of each table's latest quality gate run, from {@code _ops/dq_results}. */
public final class GateStatus {
  private GateStatus() {}

  /**
   * Table name to status of its latest gate run: {@code FAILED} (an error rule failed), {@code
   * WARNING} (only warning rules failed) or {@code PASSED}.
   */
  public static Map<String, String> latestByTable(SparkSession spark, TableLayout layout) {
    Dataset<Row> results = QualityResults.read(spark, layout);
    Dataset<Row> lastRun =
        results
            .groupBy("table")
            .agg(max("checked_at").as("last_at"))
            .withColumnRenamed("table", "t");
    Dataset<Row> latest =
        results
            .join(
                lastRun,
                col("table").equalTo(col("t")).and(col("checked_at").equalTo(col("last_at"))))
            .groupBy("table")
            .agg(
                sum(when(col("status").equalTo("FAILED"), 1).otherwise(0)).as("failed"),
                sum(when(col("status").equalTo("WARNING"), 1).otherwise(0)).as("warnings"));
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : latest.collectAsList()) {
      long failed = r.getLong(1);
      long warnings = r.getLong(2);
      out.put(r.getString(0), failed > 0 ? "FAILED" : warnings > 0 ? "WARNING" : "PASSED");
    }
    return out;
  }
}
