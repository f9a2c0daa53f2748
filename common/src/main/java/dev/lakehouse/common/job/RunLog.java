package dev.lakehouse.common.job;

import dev.lakehouse.common.table.TableLayout;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The run log table {@code <root>/_ops/job_runs}: one row per job run. */
public final class RunLog {
  public static final StructType SCHEMA =
      new StructType()
          .add("job", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("batch_id", DataTypes.StringType, true)
          .add("started_at", DataTypes.TimestampType, false)
          .add("ended_at", DataTypes.TimestampType, false)
          .add("rows_in", DataTypes.LongType, false)
          .add("rows_out", DataTypes.LongType, false)
          .add("status", DataTypes.StringType, false)
          .add("exit_code", DataTypes.IntegerType, false)
          .add("error", DataTypes.StringType, true)
          .add("tables", DataTypes.StringType, true);

  private RunLog() {}

  /** One run. */
  public record Entry(
      String job,
      String runId,
      String batchId,
      Instant startedAt,
      Instant endedAt,
      long rowsIn,
      long rowsOut,
      String status,
      int exitCode,
      String error,
      String tables) {}

  public static void append(SparkSession spark, TableLayout layout, Entry e) {
    Row row =
        RowFactory.create(
            e.job(),
            e.runId(),
            e.batchId(),
            Timestamp.from(e.startedAt()),
            Timestamp.from(e.endedAt()),
            e.rowsIn(),
            e.rowsOut(),
            e.status(),
            e.exitCode(),
            e.error(),
            e.tables());
    spark
        .createDataFrame(List.of(row), SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .save(layout.jobRuns());
  }
}
