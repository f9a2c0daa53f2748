package dev.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.testing.TeeOutput;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.it.crash.KillTrial;
import dev.lakehouse.it.crash.PipelineChild;
import dev.lakehouse.it.crash.Stage;
import dev.lakehouse.it.crash.TableChecks;
import dev.lakehouse.it.crash.TableChecks.Digest;
import dev.lakehouse.jobs.olist.OlistTables;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery: the Olist pipeline runs in a JVM of its own ({@link PipelineChild}: bronze,
 * silver and gold in turn) and is killed with SIGKILL at a random moment inside a layer: after a
 * random progress line of that layer's job and a random delay, so kills land while files are
 * parsed, while gates run, and between or during the Delta commits of the publish step. The next
 * trial starts a new JVM on the same lakehouse root at the layer the kill landed in, as an
 * orchestrator re-runs the failed job and those after it (or at the layer it aims at, when the last
 * kill overshot into a later one), so it first finishes what the killed run left (every write is
 * idempotent per batch). After each kill every Delta table under the root must read at its last
 * committed version; after the last kill the pipeline runs to completion on that root (from the
 * layer of that kill) and every table must hold what a clean run (a fresh root, the same input, no
 * kill) wrote: the same schema, row count and content checksum ({@link TableChecks#digest}).
 *
 * <p>The local verify lands one kill in each layer ({@code lakehouse.crash.kills-per-layer}, Maven
 * property {@code crash.kills}, default 1); {@code -Dcrash.kills=10} is the long variant (ten kills
 * per layer). The random choices come from a seed printed at the start: {@code
 * -Dlakehouse.crash.seed=N} repeats them (the moments still depend on the machine's speed). Each
 * trial's output is kept in {@code target/it-work/crash/trials/NN/}.
 */
class CrashRecoveryIT {
  static final double SCALE = 0.001;
  static final String BATCH = "crash-1";

  /** Guards against a hung run only (a whole pipeline run takes one to two minutes). */
  static final long TIMEOUT_MINUTES = 15;

  /** The longest random delay between the chosen progress line and the kill. */
  static final int MAX_DELAY_MS = 2_000;

  /** The quarantine table the two broken sellers of {@link #writeLanding} go to. */
  static final String QUARANTINED_SELLERS = "_quarantine/olist/sellers";

  /** The clean run's thread, working in this JVM's shared session while the trials run. */
  private Thread cleanThread;

  @AfterEach
  void waitForTheCleanRun() throws InterruptedException {
    // Also when the test failed early: the next test class must not share the session with it.
    if (cleanThread != null) {
      cleanThread.join(TimeUnit.MINUTES.toMillis(TIMEOUT_MINUTES));
    }
  }

  @Test
  void pipelineKilledInEveryLayerRecoversToTheResultOfACleanRun() throws Exception {
    long testStart = System.nanoTime();
    SparkDistribution dist = SparkDistribution.fromBuild();
    int killsPerLayer =
        Integer.parseInt(System.getProperty("lakehouse.crash.kills-per-layer", "1").trim());
    assertThat(killsPerLayer).as("lakehouse.crash.kills-per-layer").isPositive();
    String seedProperty = System.getProperty("lakehouse.crash.seed", "").trim();
    long seed = seedProperty.isEmpty() ? System.currentTimeMillis() : Long.parseLong(seedProperty);
    Random random = new Random(seed);
    log(
        "seed %d, %d kill(s) per layer (repeat the choices with -Dlakehouse.crash.seed=%d)",
        seed, killsPerLayer, seed);

    Path work = Fresh.dir(dist.workDir.resolve("crash"));
    Path landing = work.resolve("landing");
    writeLanding(landing);
    List<String> args = List.of("--batch", BATCH, "--source", landing.toString());
    SparkSession spark = TestSpark.session();

    // 1. The reference: a clean run on a fresh root, in this JVM. Its progress lines say how many
    // lines each job prints, the range the kill moments are drawn from. The trials start once its
    // bronze job is done; silver, gold and the checksums of its tables run meanwhile, so that
    // both cores work.
    long t0 = System.nanoTime();
    Path cleanRoot = work.resolve("clean");
    CleanRun clean = new CleanRun(spark, cleanRoot, args);
    cleanThread = new Thread(clean, "clean-run");
    cleanThread.setDaemon(true);
    cleanThread.start();
    Map<Stage, Integer> linesPerStage = new EnumMap<>(Stage.class);
    linesPerStage.put(Stage.BRONZE, clean.awaitProgressLines(Stage.BRONZE));
    log(
        "clean run: bronze done after %.1f s (%d progress lines; CPU of this JVM so far %.1f s)",
        secondsSince(t0), linesPerStage.get(Stage.BRONZE), cpuSeconds());

    // 2. Kills, chained on one root. A trial's JVM starts at the layer the last kill landed in, as
    // an orchestrator re-runs a failed job and the ones after it: the layers before had finished.
    Path crashRoot = work.resolve("crashed");
    List<String> command = childCommand(dist, work.resolve("child-tmp"), args);
    Map<String, String> env =
        Map.of("LAKEHOUSE_ROOT", crashRoot.toString(), "LINEAGE_TRANSPORT", "none");
    Map<Stage, Integer> landed = new EnumMap<>(Stage.class);
    Map<String, String> verified = new HashMap<>();
    List<String> missed = new ArrayList<>();
    int planned = Stage.values().length * killsPerLayer;
    int trial = 0;
    double childCpu = 0;
    Stage resumeAt = Stage.BRONZE;
    for (Stage target : Stage.values()) {
      if (!linesPerStage.containsKey(target)) {
        linesPerStage.put(target, clean.awaitProgressLines(target));
      }
      int lines = linesPerStage.get(target);
      int attempts = 0;
      // Two extra attempts for kills that miss their layer (it ended before the delay ran out).
      while (landed.getOrDefault(target, 0) < killsPerLayer && attempts < killsPerLayer + 2) {
        attempts++;
        trial++;
        // Any line of the job but its last ("succeeded"), then up to MAX_DELAY_MS more.
        int line = random.nextInt(lines - 1);
        int delayMs = random.nextInt(MAX_DELAY_MS);
        long trialStart = System.nanoTime();
        // A kill that overshot its layer (it landed in a later one) must not leave the layer it
        // aimed at out of the next attempt: start at that layer then, re-running the ones after it
        // as an operator re-runs a pipeline from a chosen job (each is idempotent per batch).
        Stage start = resumeAt.compareTo(target) > 0 ? target : resumeAt;
        Map<String, String> trialEnv = new HashMap<>(env);
        trialEnv.put(PipelineChild.FIRST_STAGE, start.name());
        KillTrial.Result t =
            KillTrial.run(
                command,
                trialEnv,
                work.resolve("trials").resolve(String.format(Locale.ROOT, "%02d", trial)),
                target,
                line,
                delayMs,
                TIMEOUT_MINUTES);
        childCpu += t.cpuSeconds();
        log(
            "trial %d/%d: started at %s, aimed at %s (its progress line %d of %d, then %d ms):"
                + " killed in %s after %.1f s in the layer, %.1f s after the JVM started (%.1f s"
                + " CPU; seed %d)",
            trial,
            planned,
            start.label(),
            target.label(),
            line,
            lines,
            delayMs,
            t.where(),
            t.secondsInLayer(),
            t.secondsInJvm(),
            t.cpuSeconds(),
            seed);
        if (t.killedIn() != null) {
          landed.merge(t.killedIn(), 1, Integer::sum);
          // The layers before the one it died in had finished.
          resumeAt = t.killedIn();
        }
        // A child that ended before its kill had finished the pipeline: nothing changes for the
        // next trial.
        if (t.killedIn() != target) {
          missed.add("trial " + trial + " aimed at " + target.label() + ": " + t.where());
        }
        long c0 = System.nanoTime();
        List<String> state =
            TableChecks.everyTableReadsAtACommittedVersion(spark, crashRoot, verified);
        log(
            "trial %d: %d tables read at their last committed version, %d of them unchanged since"
                + " an earlier check (checked in %.1f s; trial %.1f s in all; CPU of this JVM so"
                + " far %.1f s)%s",
            trial,
            state.size(),
            state.stream().filter(s -> s.endsWith(TableChecks.UNCHANGED)).count(),
            secondsSince(c0),
            secondsSince(trialStart),
            cpuSeconds(),
            state.stream()
                .filter(s -> s.contains("no commit"))
                .map(s -> "; " + s)
                .reduce("", String::concat));
      }
    }
    log("kills that landed per layer: %s; missed: %s", landed, missed.isEmpty() ? "none" : missed);
    for (Stage s : Stage.values()) {
      assertThat(landed.getOrDefault(s, 0))
          .as("SIGKILLs that landed inside %s (%s); missed: %s", s.label(), s.job(), missed)
          .isGreaterThanOrEqualTo(killsPerLayer);
    }

    // 3. The pipeline runs to completion over whatever the kills left (in this JVM).
    t0 = System.nanoTime();
    cleanThread.join(TimeUnit.MINUTES.toMillis(TIMEOUT_MINUTES));
    clean.rethrow();
    assertThat(clean.digests).as("the clean run and its checksums are done").isNotNull();
    log("waited %.1f s for the clean run", secondsSince(t0));
    t0 = System.nanoTime();
    runToCompletion(
        resumeAt,
        spark,
        crashRoot,
        args,
        new TeeOutput(),
        "re-run after the kills, from " + resumeAt.label());
    log("re-run took %.1f s (CPU of this JVM so far %.1f s)", secondsSince(t0), cpuSeconds());

    // 4. Every table of the clean run, on both roots: schema, rows, content checksum.
    t0 = System.nanoTime();
    List<String> cleanTables = List.copyOf(clean.digests.keySet());
    assertThat(cleanTables)
        .as("the clean run wrote bronze, silver, gold and quarantine tables")
        .anyMatch(t -> t.startsWith("bronze/"))
        .anyMatch(t -> t.startsWith("silver/"))
        .anyMatch(t -> t.startsWith("gold/"))
        .anyMatch(t -> t.startsWith("_quarantine/"));
    assertThat(
            DeltaIO.read(spark, cleanRoot.resolve(QUARANTINED_SELLERS).toString())
                .select("layer")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList())
        .as("layers that quarantined a seller of the landing (so both kinds are compared)")
        .containsExactlyInAnyOrder("bronze", "silver");
    assertThat(TableChecks.tablesToCompare(crashRoot))
        .as("Delta tables (outside _ops) after the kills and the re-run")
        .containsExactlyElementsOf(cleanTables);
    Set<String> normalisedSeen = new TreeSet<>(clean.normalisedSeen);
    List<String> differences = new ArrayList<>();
    for (String table : cleanTables) {
      Digest crashed = TableChecks.digest(spark, crashRoot.resolve(table), normalisedSeen);
      Digest reference = clean.digests.get(table);
      System.out.printf(Locale.ROOT, "[crash]   %-40s %s%n", table, reference);
      if (!reference.equals(crashed)) {
        differences.add(table + ": clean run " + reference + " but after the kills " + crashed);
      }
    }
    log("compared %d tables in %.1f s", cleanTables.size(), secondsSince(t0));
    assertThat(differences)
        .as("tables that differ from the clean run after kills and a re-run")
        .isEmpty();
    // The list of left-out values cannot silently outlive the schemas.
    assertThat(normalisedSeen)
        .as("per-run columns and values left out of the checksum, found in the tables")
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    TableChecks.PER_RUN_COLUMNS.keySet().stream(),
                    TableChecks.PER_RUN_JSON_FIELDS.keySet().stream()
                        .map(TableChecks::blankedJsonField))
                .toList());
    for (String ops : List.of("_ops/job_runs", "_ops/dq_results")) {
      // More runs than on the clean root, so other content; they must read, though.
      assertThat(DeltaIO.read(spark, crashRoot.resolve(ops).toString()).count())
          .as("rows of %s on the crashed root", ops)
          .isPositive();
    }
    log(
        "done in %.1f s (CPU: %.1f s in the children up to their kills, %.1f s in this JVM, %.1f s"
            + " of it in GC)",
        secondsSince(testStart),
        childCpu,
        cpuSeconds(),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum()
            / 1000.0);
  }

  /**
   * The Olist sample plus two sellers that cannot be kept, so that the comparison covers both kinds
   * of quarantine: a record with five fields (bronze quarantines it) and a zip prefix that is not a
   * number (silver quarantines it). No order refers to either.
   */
  static void writeLanding(Path landing) throws IOException {
    JobPipeline.writeOlistLanding(landing, SCALE);
    Files.writeString(
        landing.resolve(OlistTables.SELLERS.fileName()),
        "\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"01001\",sao paulo,SP,extra\n"
            + "\"ffffffffffffffffffffffffffffffff\",\"ABCDE\",sao paulo,SP\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  /**
   * {@code java <flags> -cp <class path> PipelineChild <args>}: the flags every JVM of this module
   * starts with (Spark's JDK 17 flags, C1 and the serial collector), the test JVMs' Spark settings
   * (interpreted plans), and this JVM's own class path (test classes, the job modules, Spark),
   * after {@code deploy/standalone} for its log4j2.properties (warnings only, on stderr).
   */
  static List<String> childCommand(SparkDistribution dist, Path tmp, List<String> args)
      throws IOException {
    Files.createDirectories(tmp);
    List<String> cmd = new ArrayList<>();
    cmd.add(SparkDistribution.java());
    cmd.add("-Xmx768m");
    cmd.addAll(dist.jvmFlags);
    String driverFlags = System.getProperty("lakehouse.it.driver-flags", "").strip();
    if (!driverFlags.isEmpty()) {
      cmd.addAll(List.of(driverFlags.split("\\s+")));
    }
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-Dfile.encoding=UTF-8");
    // Spark's scratch folders (block manager, shuffle) of a killed JVM stay under target/.
    cmd.add("-Djava.io.tmpdir=" + tmp);
    List<String> cp = new ArrayList<>();
    cp.add(dist.projectDir.resolve("deploy/standalone").toString());
    cp.addAll(KillTrial.classPathOfThisJvm());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add(PipelineChild.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  /**
   * Runs the whole pipeline in this JVM's session, as {@link PipelineChild} does in its own; every
   * job must succeed. Returns its output.
   */
  static String runToCompletion(
      Stage first, SparkSession spark, Path root, List<String> args, TeeOutput out, String what) {
    List<RunOutcome> outcomes =
        PipelineChild.runFrom(
            first,
            spark,
            PipelineChild.settings(
                Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "none")),
            args,
            out.stream());
    assertThat(outcomes)
        .as("%s: jobs run; output:%n%s", what, out.text())
        .hasSize(Stage.values().length - first.ordinal())
        .allMatch(RunOutcome::succeeded);
    return out.text();
  }

  /**
   * The clean run in a thread of its own: the pipeline, then the checksums of its tables (read
   * while the trials run, so that the comparison at the end only reads the crashed root).
   */
  static final class CleanRun implements Runnable {
    final SparkSession spark;
    final Path root;
    final List<String> args;
    final TeeOutput out = new TeeOutput();
    final Set<String> normalisedSeen = new TreeSet<>();
    volatile Map<String, Digest> digests;
    volatile Throwable failure;

    CleanRun(SparkSession spark, Path root, List<String> args) {
      this.spark = spark;
      this.root = root;
      this.args = args;
    }

    @Override
    public void run() {
      try {
        long t0 = System.nanoTime();
        runToCompletion(Stage.BRONZE, spark, root, args, out, "clean run");
        double run = secondsSince(t0);
        t0 = System.nanoTime();
        Map<String, Digest> d = new LinkedHashMap<>();
        for (String table : TableChecks.tablesToCompare(root)) {
          d.put(table, TableChecks.digest(spark, root.resolve(table), normalisedSeen));
        }
        digests = d;
        log(
            "clean run took %.1f s, the checksums of its tables %.1f s (CPU of this JVM so far"
                + " %.1f s)",
            run, secondsSince(t0), cpuSeconds());
      } catch (Throwable e) {
        failure = e;
      }
    }

    /** The progress lines of a stage's job, once the clean run has got that far. */
    int awaitProgressLines(Stage stage) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
      while (System.nanoTime() < deadline) {
        List<String> lines = List.of(out.text().split("\n"));
        if (lines.stream().anyMatch(l -> l.contains(stage.job() + " succeeded"))) {
          return stage.progressLines(lines);
        }
        if (failure != null || digests != null) {
          rethrow();
          throw new AssertionError("the clean run ended without " + stage.job() + ":\n" + lines);
        }
        Thread.sleep(200);
      }
      throw new AssertionError("the clean run did not finish " + stage.job() + " in time");
    }

    void rethrow() throws Exception {
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure instanceof Exception e) {
        throw e;
      }
    }
  }

  /** CPU time of this JVM so far (all threads, JIT and GC included). */
  static double cpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toMillis() / 1000.0)
        .orElse(0.0);
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.println("[crash] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
