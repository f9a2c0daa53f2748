package dev.lakehouse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.testing.ConcurrentRuns;
import dev.lakehouse.common.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
  private final SparkSession spark = TestSpark.session();

  /** A job that does what it is told. */
  private record ScriptedJob(RuntimeException failure) implements SparkJob {
    @Override
    public String name() {
      return "test.scripted";
    }

    @Override
    public JobResult run(SparkSession spark, JobContext context) {
      if (failure != null) {
        throw failure;
      }
      return new JobResult(Optional.of("batch-1"), 10, 9, List.of());
    }
  }

  /**
   * A promotion in miniature: MERGEs three rows by key into table {@code t}, after waiting for the
   * other run at {@code bothReady} so that both have read the table before either commits.
   */
  private record MergeJob(String path, CyclicBarrier bothReady) implements SparkJob {
    @Override
    public String name() {
      return "test.merge";
    }

    @Override
    public JobResult run(SparkSession spark, JobContext context) {
      Dataset<Row> rows =
          spark.createDataFrame(
              List.of(
                  RowFactory.create("a", 2), RowFactory.create("b", 1), RowFactory.create("c", 1)),
              KEYED);
      try {
        bothReady.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("the other run never got ready", e);
      }
      TableWrite w = DeltaIO.mergeByKey(spark, rows, "t", path, List.of("id"));
      return new JobResult(Optional.of("b1"), 3, w.rowsWritten(), List.of(w));
    }
  }

  private static final StructType KEYED =
      new StructType().add("id", DataTypes.StringType).add("value", DataTypes.IntegerType);

  @AfterEach
  void restorePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", TestSpark.SHUFFLE_PARTITIONS);
  }

  private int exitOf(RuntimeException failure, Path root) {
    RunOutcome o =
        JobRunner.execute(spark, new ScriptedJob(failure), TestSpark.context(root, null, null));
    return o.exitCode().code();
  }

  @Test
  void mapsOutcomesToExitCodes(@TempDir Path root) {
    assertThat(exitOf(null, root)).isZero();
    assertThat(exitOf(new LakehouseException(ExitCode.USAGE, "bad"), root)).isEqualTo(2);
    assertThat(exitOf(new LakehouseException(ExitCode.QUALITY_GATE, "gate"), root)).isEqualTo(3);
    assertThat(exitOf(new LakehouseException(ExitCode.SOURCE_REFUSED, "900"), root)).isEqualTo(4);
    assertThat(exitOf(new IllegalStateException("boom"), root)).isEqualTo(1);
    // A user error wrapped by Spark keeps its code.
    assertThat(exitOf(new RuntimeException(new LakehouseException(ExitCode.USAGE, "inner")), root))
        .isEqualTo(2);
  }

  @Test
  void recordsEveryRunInTheRunLog(@TempDir Path root) {
    JobContext ctx = TestSpark.context(root, null, null);
    JobRunner.execute(spark, new ScriptedJob(null), ctx);
    JobRunner.execute(
        spark,
        new ScriptedJob(new LakehouseException(ExitCode.USAGE, "bad header")),
        ctx.withRunId("run-2"));
    List<Row> rows = DeltaIO.read(spark, ctx.layout().jobRuns()).orderBy("status").collectAsList();
    assertThat(rows).hasSize(2);
    Row failed = rows.get(0);
    assertThat(failed.<String>getAs("status")).isEqualTo("FAILED");
    assertThat(failed.<String>getAs("error")).isEqualTo("bad header");
    assertThat(failed.<Integer>getAs("exit_code")).isEqualTo(2);
    assertThat(failed.<String>getAs("run_id")).isEqualTo("run-2");
    Row ok = rows.get(1);
    assertThat(ok.<String>getAs("batch_id")).isEqualTo("batch-1");
    assertThat(ok.<Long>getAs("rows_in")).isEqualTo(10L);
    assertThat(ok.<Long>getAs("rows_out")).isEqualTo(9L);
  }

  /**
   * The fast form of the concurrent-promotion check (the Olist silver one is tagged slow): two
   * runs, each in a session of its own, MERGE the same batch into one table at once. One commits;
   * the other either finds nothing left to merge or has its commit refused by Delta and exits 1
   * saying so. No key is ever held twice, and a re-run changes nothing.
   */
  @Test
  void twoRunsMergingOneBatchAtOnceLeaveNoDuplicate(@TempDir Path root) throws Exception {
    String path = root.resolve("t").toString();
    DeltaIO.mergeByKey(
        spark,
        spark.createDataFrame(List.of(RowFactory.create("a", 1)), KEYED),
        "t",
        path,
        List.of("id"));
    CyclicBarrier bothReady = new CyclicBarrier(2);
    List<RunOutcome> outcomes =
        ConcurrentRuns.together(
            spark,
            2,
            session ->
                JobRunner.execute(
                    session, new MergeJob(path, bothReady), TestSpark.context(root, "b1", null)));
    ConcurrentRuns.assertOneWonTheRestWereRefused(outcomes);
    assertThat(contents(path)).containsExactly("a=2", "b=1", "c=1");
    long version = DeltaIO.version(spark, path);

    RunOutcome again =
        JobRunner.execute(
            spark, new MergeJob(path, new CyclicBarrier(1)), TestSpark.context(root, "b1", null));
    assertThat(again.succeeded()).isTrue();
    assertThat(DeltaIO.version(spark, path)).as("a re-run commits nothing").isEqualTo(version);
    assertThat(contents(path)).containsExactly("a=2", "b=1", "c=1");
  }

  private List<String> contents(String path) {
    return DeltaIO.read(spark, path).orderBy("id").collectAsList().stream()
        .map(r -> r.getString(0) + "=" + r.getInt(1))
        .toList();
  }

  @Test
  void commandLineEntryMapsUsageAndConfigErrors(@TempDir Path root) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "none");
    assertThat(JobRunner.run(new ScriptedJob(null), new String[] {"--nope"}, env, out))
        .isEqualTo(2);
    assertThat(
            JobRunner.run(
                new ScriptedJob(null), new String[] {}, Map.of("LAKEHOUSE_ENV", "nowhere"), out))
        .isEqualTo(2);
    assertThat(JobRunner.run(new ScriptedJob(null), new String[] {"--help"}, env, out)).isZero();
    assertThat(JobRunner.run(new ScriptedJob(null), new String[] {"--batch", "b7"}, env, out))
        .isZero();
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("ERROR: Unknown option: '--nope'", "nowhere", "test.scripted succeeded");
  }

  @Test
  void anUnreachableStoreIsAClearExitOneNamingTheRoot() {
    Throwable wrapped =
        new RuntimeException(
            "Job aborted.",
            new java.io.IOException(
                "doesBucketExist on lake",
                new java.net.ConnectException(
                    "Connect to 127.0.0.1:9 failed: Connection refused")));
    LakehouseException e = JobRunner.unreachable(wrapped, "s3a://lake/prod");
    assertThat(e).isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.getMessage())
        .contains("Could not reach the storage under s3a://lake/prod")
        .contains("ConnectException: Connect to 127.0.0.1:9 failed: Connection refused")
        .contains("keep their last version", "run the job again");
    assertThat(JobRunner.unreachable(new IllegalStateException("boom"), "/tmp/x")).isNull();
  }
}
