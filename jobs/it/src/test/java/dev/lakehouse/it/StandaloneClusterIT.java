package dev.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.Layer;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The Olist pipeline on a real Spark standalone cluster on 127.0.0.1, run by {@code
 * deploy/standalone/run-cluster.sh} (so the script users run is the one tested): a Master, two
 * Workers, and executors that the Workers start as JVMs of their own from a SPARK_HOME whose jars
 * are Spark's and Hadoop's only; the jobs reach them as the shaded jar SparkSubmit ships. Tiny
 * data, one core and 1 GiB per worker, 512 MiB executors, and the first {@code
 * lakehouse.it.cluster.jobs} jobs of the pipeline: 1 in the local verify (the bronze ingest, whose
 * CSV reads, Deequ checks and Delta writes run on the executors), 3 with {@code
 * -Dit.cluster.jobs=3} (silver's MERGE and the gold marts too; GitHub CI runs that form).
 */
class StandaloneClusterIT {
  static final double SCALE = 0.002;
  private static final Pattern DAEMON_PID =
      Pattern.compile("Started daemon with process name: (\\d+)@");

  @Test
  void olistJobsRunOnAMasterAndTwoWorkersWithExecutorsInTheirOwnJvms() throws IOException {
    SparkDistribution dist = SparkDistribution.fromBuild();
    Path work = Fresh.dir(dist.workDir.resolve("cluster"));
    Path landing = work.resolve("landing");
    JobPipeline.writeOlistLanding(landing, SCALE);
    Path root = work.resolve("lakehouse");

    Map<String, String> env = new HashMap<>();
    env.put("WORK_DIR", work.toString());
    env.put("LANDING", landing.toString());
    env.put("LAKEHOUSE_ROOT", root.toString());
    env.put("LINEAGE_TRANSPORT", "file");
    env.put("MASTER_PORT", String.valueOf(freePort()));
    env.put("MASTER_WEBUI_PORT", String.valueOf(freePort()));
    env.put("SPARK_CLASSPATH_FILE", System.getProperty("lakehouse.it.spark-classpath"));
    env.put("JVM_FLAGS", String.join(" ", dist.jvmFlags));
    env.put("JOB_JAR", dist.jobJar("olist").toString());
    List<String> jobs = JobPipeline.OLIST.jobClasses().subList(0, jobCount());
    env.put("JOBS", String.join(" ", jobs));
    env.put("WORKER_MEMORY", "1g");
    env.put("EXECUTOR_MEMORY", "512m");
    env.put("DRIVER_MEMORY", "768m");
    env.put("JAVA_HOME", System.getProperty("java.home"));

    SparkDistribution.Run run =
        SparkDistribution.run(
            List.of("bash", dist.projectDir.resolve("deploy/standalone/run-cluster.sh").toString()),
            work,
            env,
            work.resolve("run-cluster.log"),
            // Three jobs plus the cluster's start and stop: a guard against a hang only.
            3 * SparkDistribution.SUBMIT_TIMEOUT_MINUTES);

    assertThat(run.exitCode()).as("run-cluster.sh output ends:%n%s", run.tail()).isZero();
    assertThat(run.output()).contains("cluster up: 1 master, 2 workers", "cluster stopped");

    SparkSession spark = TestSpark.session();
    TableLayout layout = new TableLayout(root.toString());
    Set<Layer> layers = EnumSet.copyOf(List.of(Layer.values()).subList(0, jobs.size()));
    for (TableId table : JobPipeline.OLIST.tables()) {
      if (!layers.contains(table.layer())) {
        continue;
      }
      assertThat(DeltaIO.read(spark, layout.path(table)).count())
          .as("rows of %s", table)
          .isPositive();
    }

    // Each job was one application; the workers started its executors as processes of their own
    // (a work folder per executor, with the executor JVM's own log and process id).
    Map<String, List<Executor>> byApp = executors(work);
    assertThat(byApp).as("applications that ran on the cluster").hasSize(jobs.size());
    Set<Long> pids = new HashSet<>();
    Set<String> workersThatRanTasks = new HashSet<>();
    for (Map.Entry<String, List<Executor>> app : byApp.entrySet()) {
      List<Executor> executors = app.getValue();
      assertThat(executors).as("executors of %s", app.getKey()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(executors.stream().map(Executor::worker).distinct())
          .as("workers running %s", app.getKey())
          .containsExactlyInAnyOrder("worker-1", "worker-2");
      assertThat(executors.stream().filter(Executor::ranTasks))
          .as("executors of %s that ran tasks", app.getKey())
          .isNotEmpty();
      for (Executor e : executors) {
        assertThat(e.pid()).as("process id in the log of %s", e.dir()).isPositive();
        assertThat(pids.add(e.pid())).as("a JVM of its own: %s", e.dir()).isTrue();
        if (e.ranTasks()) {
          workersThatRanTasks.add(e.worker());
        }
      }
    }
    assertThat(pids).doesNotContain(ProcessHandle.current().pid());
    assertThat(workersThatRanTasks).containsExactlyInAnyOrder("worker-1", "worker-2");
  }

  /** How many of the pipeline's jobs to run (system property lakehouse.it.cluster.jobs). */
  static int jobCount() {
    int all = JobPipeline.OLIST.jobClasses().size();
    int n = Integer.parseInt(System.getProperty("lakehouse.it.cluster.jobs", "1").trim());
    return Math.max(1, Math.min(all, n));
  }

  record Executor(String worker, Path dir, long pid, boolean ranTasks) {}

  /** The executors each application had: worker-N/app-ID/EXECUTOR_ID/stderr. */
  static Map<String, List<Executor>> executors(Path work) throws IOException {
    Map<String, List<Executor>> byApp = new HashMap<>();
    try (Stream<Path> stderrs = Files.find(work, 4, (p, a) -> p.endsWith("stderr"))) {
      for (Path stderr : stderrs.toList()) {
        Path dir = stderr.getParent();
        String app = dir.getParent().getFileName().toString();
        String worker = dir.getParent().getParent().getFileName().toString();
        if (!app.startsWith("app-") || !worker.startsWith("worker-")) {
          continue;
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        Matcher m = DAEMON_PID.matcher(log);
        long pid = m.find() ? Long.parseLong(m.group(1)) : -1;
        boolean ranTasks = log.contains("Running task");
        byApp
            .computeIfAbsent(app, k -> new ArrayList<>())
            .add(new Executor(worker, dir, pid, ranTasks));
      }
    }
    return byApp;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
