package dev.lakehouse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  @AfterEach
  void restorePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", "2");
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
