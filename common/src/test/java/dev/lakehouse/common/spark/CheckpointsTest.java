package dev.lakehouse.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.lineage.LineageProbe;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void aCheckpointHasTheRowsUnderAOneNodePlanAndKeepsItsSourcesForLineage(@TempDir Path dir) {
    String a = dir.resolve("a").toString();
    String b = dir.resolve("b").toString();
    StructType schema =
        new StructType().add("id", DataTypes.StringType).add("n", DataTypes.IntegerType);
    DeltaIO.overwrite(
        spark,
        spark.createDataFrame(
            List.of(RowFactory.create("x", 1), RowFactory.create("y", 2)), schema),
        "a",
        a);
    DeltaIO.overwrite(
        spark, spark.createDataFrame(List.of(RowFactory.create("x", 10)), schema), "b", b);
    Dataset<Row> joined =
        DeltaIO.read(spark, a)
            .join(DeltaIO.read(spark, b).withColumnRenamed("n", "m"), "id")
            .filter(col("m").gt(5));

    Dataset<Row> checkpoint = Checkpoints.local(joined);
    try {
      assertThat(checkpoint.queryExecution().analyzed()).isInstanceOf(LogicalRDD.class);
      assertThat(checkpoint.collectAsList()).containsExactlyElementsOf(joined.collectAsList());
      // A write built on the checkpoint (another step on top) still names both tables.
      Dataset<Row> next = checkpoint.select(col("id"), col("n").plus(col("m")).as("sum"));
      assertThat(LineageProbe.tablesRead(next))
          .containsExactlyInAnyOrder(
              LineageProbe.tablesRead(DeltaIO.read(spark, a)).get(0),
              LineageProbe.tablesRead(DeltaIO.read(spark, b)).get(0));
    } finally {
      Checkpoints.release(checkpoint);
    }
    assertThat(LineageProbe.tablesRead(checkpoint)).as("forgotten once released").isEmpty();
  }
}
