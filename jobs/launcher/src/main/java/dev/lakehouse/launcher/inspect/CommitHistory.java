package dev.lakehouse.launcher.inspect;

import static org.apache.spark.sql.functions.col;

import dev.lakehouse.common.delta.DeltaIO;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A table's Delta commits with the rows each wrote and the job run that made it. */
public final class CommitHistory {
  private CommitHistory() {}

  /**
   * One commit.
   *
   * @param rowsWritten rows appended or overwritten, or inserted plus updated by a MERGE
   * @param rowsInserted rows inserted by a MERGE (null for other operations)
   * @param rowsUpdated rows updated by a MERGE (null for other operations)
   * @param rowsDeleted rows deleted (MERGE or DELETE; null when none were reported)
   * @param runId the job run, from the commit's userMetadata ({@code run=<id>}), if a job made it
   */
  public record Commit(
      long version,
      Timestamp timestamp,
      String operation,
      Long rowsWritten,
      Long rowsInserted,
      Long rowsUpdated,
      Long rowsDeleted,
      Optional<String> runId,
      String userMetadata) {}

  /** The newest {@code limit} commits, newest first. */
  public static List<Commit> of(SparkSession spark, TableRef table, int limit) {
    List<Commit> out = new ArrayList<>();
    for (Row r :
        DeltaTable.forPath(spark, table.path())
            .history(limit)
            .select(
                col("version"),
                col("timestamp"),
                col("operation"),
                col("operationMetrics"),
                col("userMetadata"))
            .collectAsList()) {
      Map<String, String> m = r.isNullAt(3) ? Map.of() : r.getJavaMap(3);
      Long inserted = number(m, "numTargetRowsInserted");
      Long updated = number(m, "numTargetRowsUpdated");
      Long deleted = number(m, "numTargetRowsDeleted");
      if (deleted == null) {
        deleted = number(m, "numDeletedRows");
      }
      Long written = number(m, "numOutputRows");
      if (inserted != null || updated != null) {
        written = (inserted == null ? 0 : inserted) + (updated == null ? 0 : updated);
      }
      String meta = r.isNullAt(4) ? null : r.getString(4);
      out.add(
          new Commit(
              r.getLong(0),
              r.getTimestamp(1),
              r.getString(2),
              written,
              inserted,
              updated,
              deleted,
              DeltaIO.runId(meta),
              meta));
    }
    return out;
  }

  private static Long number(Map<String, String> m, String key) {
    String v = m.get(key);
    try {
      return v == null ? null : Long.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
