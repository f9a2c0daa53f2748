package dev.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.Layer;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every job of every {@link JobPipeline} through {@code org.apache.spark.deploy.SparkSubmit}
 * in its own JVM, {@code --master local[2]}, with only Spark's and Hadoop's jars on the class path
 * and the job module's shaded jar as the application jar: a class or service file missing from the
 * shaded jar fails here, not on a cluster. The working directory has no {@code dq-rules/}, so the
 * rule suites come from inside the jar, as on a cluster.
 *
 * <p>Each job costs a cold JVM (one to two minutes of CPU on two cores), so the local verify
 * submits the first {@code lakehouse.it.smoke.jobs} KAMIS jobs here (1: the bronze job, which
 * fetches from the fake KAMIS server, lands, parses, gates and appends; {@code -Dit.smoke.jobs=3}
 * adds silver and gold, as GitHub CI does) and the Olist bronze job on the standalone cluster
 * ({@link StandaloneClusterIT}, the same SparkSubmit and class path); the Olist jobs on {@code
 * local[2]} and the failed-gate exit code through spark-submit are tagged {@code slow} (GitHub CI
 * runs them).
 */
class SparkSubmitSmokeIT {
  static final double SCALE = 0.01;
  static SparkDistribution dist;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    dist = SparkDistribution.fromBuild();
    spark = TestSpark.session();
  }

  static Map<String, String> env(Path root) {
    return Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "file");
  }

  static List<String> localArgs(String jobClass) {
    return List.of(
        "--master",
        "local[2]",
        "--class",
        jobClass,
        "--name",
        jobClass.substring(jobClass.lastIndexOf('.') + 1),
        "--conf",
        "spark.ui.enabled=false",
        "--conf",
        "spark.driver.host=127.0.0.1",
        "--conf",
        "spark.driver.bindAddress=127.0.0.1");
  }

  @Test
  void kamisJobsRunThroughSparkSubmitWithOnlyTheShadedJar() throws Exception {
    int n = Integer.parseInt(System.getProperty("lakehouse.it.smoke.jobs", "3").trim());
    assertThat(n).as("lakehouse.it.smoke.jobs").isBetween(1, 3);
    jobsRunThroughSparkSubmitWithOnlyTheShadedJar(JobPipeline.KAMIS, n);
  }

  @Test
  @Tag("slow") // the local verify submits the Olist bronze job on the cluster
  void olistJobsRunThroughSparkSubmitWithOnlyTheShadedJar() throws Exception {
    jobsRunThroughSparkSubmitWithOnlyTheShadedJar(JobPipeline.OLIST, 3);
  }

  /** Submits the first {@code jobCount} jobs of {@code p}, then checks the tables they write. */
  static void jobsRunThroughSparkSubmitWithOnlyTheShadedJar(JobPipeline p, int jobCount)
      throws Exception {
    List<String> jobs = p.jobClasses().subList(0, jobCount);
    Path base = Fresh.dir(dist.workDir.resolve("smoke").resolve(p.module()));
    Path root = base.resolve("lakehouse");
    Path jar = dist.jobJar(p.module());

    try (JobPipeline.Prepared input = p.input().prepare(base, SCALE)) {
      Map<String, String> env = new HashMap<>(env(root));
      env.putAll(input.env());
      for (String job : jobs) {
        SparkDistribution.Run run =
            dist.submit(
                base.resolve("cwd"),
                env,
                localArgs(job),
                jar,
                input.args(),
                base.resolve("logs").resolve(job + ".log"));
        assertThat(run.exitCode())
            .as("exit code of %s; output ends:%n%s", job, run.tail())
            .isZero();
        assertThat(run.output()).as(job).contains(" succeeded in ");
        for (String credential : List.of("KAMIS_CERT_KEY", "KAMIS_CERT_ID")) {
          String value = input.env().get(credential);
          if (value != null) {
            assertThat(run.output()).as("%s prints no %s", job, credential).doesNotContain(value);
          }
        }
      }
    }

    TableLayout layout = new TableLayout(root.toString());
    Set<Layer> layers = EnumSet.copyOf(List.of(Layer.values()).subList(0, jobCount));
    for (TableId table : p.tables()) {
      if (!layers.contains(table.layer())) {
        continue;
      }
      assertThat(DeltaIO.exists(spark, layout.path(table)))
          .as("%s is a Delta table", table)
          .isTrue();
      assertThat(DeltaIO.read(spark, layout.path(table)).count())
          .as("rows of %s", table)
          .isPositive();
    }
    assertThat(
            DeltaIO.read(spark, layout.jobRuns())
                .filter("status = 'SUCCEEDED' AND exit_code = 0")
                .count())
        .as("successful runs in _ops/job_runs")
        .isEqualTo(jobCount);
    // The OpenLineage listener inside the shaded jar was found through spark.extraListeners.
    Path events = Path.of(layout.lineageEvents());
    assertThat(events).exists();
    assertThat(Files.readString(events, StandardCharsets.UTF_8))
        .contains("\"eventType\":\"COMPLETE\"");
  }

  @Test
  @Tag("slow") // one more cold JVM; the exit code contract is also tested in-process
  void aFailedQualityGateExitsThreeThroughSparkSubmit() throws IOException {
    Path base = Fresh.dir(dist.workDir.resolve("smoke").resolve("gate"));
    Path root = base.resolve("lakehouse");
    Path landing = base.resolve("landing");
    JobPipeline.writeOlistLanding(landing, 0.002);
    // A duplicated order id: the bronze gate's order_id_unique_in_batch is an error rule.
    Path orders = landing.resolve(OlistTables.ORDERS.fileName());
    List<String> lines = new ArrayList<>(Files.readAllLines(orders, StandardCharsets.UTF_8));
    lines.add(lines.get(1));
    Files.write(orders, lines, StandardCharsets.UTF_8);
    String job = JobPipeline.OLIST.jobClasses().get(0);

    SparkDistribution.Run run =
        dist.submit(
            base.resolve("cwd"),
            env(root),
            localArgs(job),
            dist.jobJar("olist"),
            List.of("--batch", "bad-1", "--source", landing.toString()),
            base.resolve("logs").resolve("gate.log"));

    assertThat(run.exitCode()).as("output ends:%n%s", run.tail()).isEqualTo(3);
    assertThat(run.output())
        .contains("Quality gate failed for bronze.olist.orders", "order_id_unique_in_batch");
    TableLayout layout = new TableLayout(root.toString());
    assertThat(DeltaIO.batchRows(spark, layout.path(OlistTables.ORDERS.bronze()), "bad-1"))
        .as("nothing published after the failed gate")
        .isZero();
  }
}
