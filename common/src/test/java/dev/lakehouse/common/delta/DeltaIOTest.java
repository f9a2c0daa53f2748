package dev.lakehouse.common.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaIOTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("value", DataTypes.IntegerType)
          .add("_batch_id", DataTypes.StringType);

  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> rows(Object[]... rows) {
    return spark.createDataFrame(
        java.util.Arrays.stream(rows).map(RowFactory::create).toList(), SCHEMA);
  }

  @Test
  void appendIsIdempotentPerBatch(@TempDir Path dir) {
    String path = dir.resolve("t").toString();
    TableWrite first =
        DeltaIO.appendBatch(
            spark, rows(new Object[] {"a", 1, "b1"}, new Object[] {"b", 2, "b1"}), "t", path, "b1");
    assertThat(first.operation()).isEqualTo("WRITE");
    assertThat(first.rowsWritten()).isEqualTo(2);
    assertThat(first.version()).isZero();

    TableWrite again =
        DeltaIO.appendBatch(
            spark, rows(new Object[] {"a", 1, "b1"}, new Object[] {"b", 2, "b1"}), "t", path, "b1");
    assertThat(again.skipped()).isTrue();
    assertThat(again.version()).isZero();
    assertThat(DeltaIO.read(spark, path).count()).isEqualTo(2);

    TableWrite next =
        DeltaIO.appendBatch(spark, rows(new Object[] {"c", 3, "b2"}), "t", path, "b2");
    assertThat(next.version()).isEqualTo(1);
    assertThat(DeltaIO.read(spark, path).count()).isEqualTo(3);
    assertThat(DeltaIO.batchRows(spark, path, "b1")).isEqualTo(2);
  }

  @Test
  void aSecondAppendOfABatchThatSkippedTheCheckAddsNothing(@TempDir Path dir) {
    // Two runs that both found the batch absent: the first commit records the batch as a Delta
    // application transaction, so the second append is refused instead of duplicating it.
    String path = dir.resolve("t").toString();
    TableWrite first =
        DeltaIO.appendNewBatch(spark, rows(new Object[] {"a", 1, "b1"}), "t", path, "b1");
    assertThat(first.rowsWritten()).isEqualTo(1);

    assertThatThrownBy(
            () -> DeltaIO.appendNewBatch(spark, rows(new Object[] {"a", 1, "b1"}), "t", path, "b1"))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("Batch b1 was already appended to t by another run")
        .hasMessageContaining("no duplicate");
    assertThat(DeltaIO.read(spark, path).count()).isEqualTo(1);
    assertThat(DeltaIO.version(spark, path)).isZero();

    TableWrite other =
        DeltaIO.appendNewBatch(spark, rows(new Object[] {"b", 2, "b2"}), "t", path, "b2");
    assertThat(other.version()).isEqualTo(1);
    assertThat(DeltaIO.read(spark, path).count()).isEqualTo(2);
  }

  @Test
  void existsAsksTheStorageNotACachedSnapshot(@TempDir Path dir) throws java.io.IOException {
    // A first commit under way elsewhere: the folder and its empty log are there, no commit yet.
    Path table = dir.resolve("late");
    java.nio.file.Files.createDirectories(table.resolve("_delta_log"));
    assertThat(DeltaIO.exists(spark, table.toString())).isFalse();
    assertThat(DeltaIO.version(spark, table.toString())).isEqualTo(-1);

    // Another process commits version 0 (here: its files are copied in, past this JVM's caches).
    Path other = dir.resolve("other");
    DeltaIO.appendBatch(spark, rows(new Object[] {"a", 1, "b1"}), "t", other.toString(), "b1");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(other)) {
      for (Path f : files.toList()) {
        Path to = table.resolve(other.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(to);
        } else {
          java.nio.file.Files.copy(f, to);
        }
      }
    }
    assertThat(DeltaIO.exists(spark, table.toString())).isTrue();
    assertThat(DeltaIO.version(spark, table.toString())).isZero();
    assertThat(DeltaIO.batchRows(spark, table.toString(), "b1")).isEqualTo(1);
  }

  @Test
  void mergeInsertsNewKeysAndUpdatesOnlyChangedRows(@TempDir Path dir) {
    String path = dir.resolve("m").toString();
    DeltaIO.mergeByKey(
        spark,
        rows(new Object[] {"a", 1, "b1"}, new Object[] {"b", 2, "b1"}),
        "m",
        path,
        List.of("id"));
    assertThat(DeltaIO.version(spark, path)).isZero();

    // Same data again, different metadata column: nothing changes.
    TableWrite same =
        DeltaIO.mergeByKey(
            spark,
            rows(new Object[] {"a", 1, "b2"}, new Object[] {"b", 2, "b2"}),
            "m",
            path,
            List.of("id"));
    assertThat(same.rowsWritten()).isZero();
    assertThat(same.version()).isZero();
    assertThat(DeltaIO.version(spark, path)).isZero();

    TableWrite changed =
        DeltaIO.mergeByKey(
            spark,
            rows(new Object[] {"b", 20, "b3"}, new Object[] {"c", 3, "b3"}),
            "m",
            path,
            List.of("id"));
    assertThat(changed.operation()).isEqualTo("MERGE");
    assertThat(changed.rowsInserted()).isEqualTo(1);
    assertThat(changed.rowsUpdated()).isEqualTo(1);
    List<Row> all = DeltaIO.read(spark, path).orderBy("id").collectAsList();
    assertThat(all)
        .extracting(r -> r.getString(0) + "=" + r.getInt(1))
        .containsExactly("a=1", "b=20", "c=3");
  }

  @Test
  void overwriteReplacesContent(@TempDir Path dir) {
    String path = dir.resolve("o").toString();
    DeltaIO.overwrite(
        spark, rows(new Object[] {"a", 1, "b1"}, new Object[] {"b", 2, "b1"}), "o", path);
    TableWrite w = DeltaIO.overwrite(spark, rows(new Object[] {"z", 9, "b2"}), "o", path);
    assertThat(w.operation()).isEqualTo("OVERWRITE");
    assertThat(w.version()).isEqualTo(1);
    assertThat(w.rowsWritten()).isEqualTo(1);
    assertThat(DeltaIO.read(spark, path).count()).isEqualTo(1);
    assertThat(DeltaIO.version(spark, dir.resolve("none").toString())).isEqualTo(-1);
  }

  @Test
  void versionAndLastCommitAgreeWithDeltasHistoryPastACheckpoint(@TempDir Path dir) {
    String path = dir.resolve("h").toString();
    spark.conf().set(DeltaIO.COMMIT_METADATA, "run=test-run");
    try {
      // A checkpoint every 2 commits (the table property; Delta's default is 10): version 1 sets
      // it, versions 2 and 3 leave a checkpoint at 2 and a commit after it.
      DeltaIO.overwrite(spark, rows(new Object[] {"k0", 0, "b"}), "h", path);
      spark.sql(
          "ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '2')");
      for (int i = 2; i < 4; i++) {
        DeltaIO.overwrite(spark, rows(new Object[] {"k" + i, i, "b"}), "h", path);
      }
    } finally {
      spark.conf().unset(DeltaIO.COMMIT_METADATA);
    }
    assertThat(dir.resolve("h/_delta_log/00000000000000000002.checkpoint.parquet")).exists();
    Row history =
        DeltaTable.forPath(spark, path)
            .history(1)
            .select("version", "operationMetrics", "userMetadata", "timestamp")
            .first();
    DeltaIO.Commit last = DeltaIO.lastCommit(spark, path);
    assertThat(DeltaIO.version(spark, path)).isEqualTo(3).isEqualTo(history.getLong(0));
    assertThat(last.version()).isEqualTo(3);
    assertThat(last.metrics())
        .isEqualTo(history.<String, String>getJavaMap(1))
        .containsEntry("numOutputRows", "1");
    assertThat(last.userMetadata()).isEqualTo("run=test-run").isEqualTo(history.getString(2));
    assertThat(last.committedAt()).isEqualTo(history.getTimestamp(3).toInstant());
    assertThatThrownBy(() -> DeltaIO.lastCommit(spark, dir.resolve("none").toString()))
        .hasMessageContaining("No Delta table at");
  }
}
