package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta table {@code <root>/_ops/dq_results}: one row per rule per gate run, appended in one
 * commit per run, whether the gate passed or not.
 */
public final class QualityResults {
  /** Columns of {@code _ops/dq_results}. */
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("batch_id", DataTypes.StringType, true)
          .add("table", DataTypes.StringType, false)
          .add("table_version", DataTypes.LongType, false)
          .add("suite", DataTypes.StringType, false)
          .add("rule", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("severity", DataTypes.StringType, false)
          .add("columns", DataTypes.StringType, true)
          .add("status", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, true)
          .add("value", DataTypes.DoubleType, true)
          .add("message", DataTypes.StringType, true)
          .add("checked_at", DataTypes.TimestampType, false);

  private QualityResults() {}

  /** Appends the outcomes of one gate run. */
  public static void append(SparkSession spark, TableLayout layout, GateReport report) {
    append(spark, layout, List.of(report));
  }

  /**
   * Appends the outcomes of several gate runs (the tables of one promotion) in one commit: a Delta
   * commit costs about as much as the gate of a small table, so a promotion makes one, not one per
   * table.
   */
  public static void append(SparkSession spark, TableLayout layout, List<GateReport> reports) {
    if (reports.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    reports.forEach(r -> rows.addAll(rows(r)));
    spark
        .createDataFrame(rows, SCHEMA)
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(layout.dqResults());
  }

  /** All results, or an empty frame of the right schema when no gate ran yet. */
  public static Dataset<Row> read(SparkSession spark, TableLayout layout) {
    String path = layout.dqResults();
    return DeltaIO.exists(spark, path)
        ? DeltaIO.read(spark, path)
        : spark.createDataFrame(List.of(), SCHEMA);
  }

  /** The results of the latest gate run of a table (for {@code bin/lakehouse dq <table>}). */
  public static Dataset<Row> latest(SparkSession spark, TableLayout layout, TableId table) {
    Dataset<Row> ofTable = read(spark, layout).filter(col("table").equalTo(table.toString()));
    Row last = ofTable.agg(max("checked_at")).first();
    if (last.isNullAt(0)) {
      return ofTable.limit(0);
    }
    String runId =
        ofTable
            .filter(col("checked_at").equalTo(last.getTimestamp(0)))
            .select("run_id")
            .first()
            .getString(0);
    return ofTable.filter(col("run_id").equalTo(runId));
  }

  static List<Row> rows(GateReport r) {
    List<Row> rows = new ArrayList<>();
    Timestamp at = Timestamp.from(r.checkedAt());
    for (RuleOutcome o : r.outcomes()) {
      rows.add(
          RowFactory.create(
              r.runId(),
              r.job(),
              r.batchId(),
              r.table().toString(),
              r.tableVersion(),
              r.suite(),
              o.rule(),
              o.kind().id(),
              o.severity().id(),
              o.columns().isEmpty() ? null : String.join(",", o.columns()),
              o.status().name(),
              o.metric(),
              o.value(),
              o.message(),
              at));
    }
    return rows;
  }
}
