package dev.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a Spark distribution gives spark-submit, built from this module's Maven dependencies: the
 * class path of Spark's and Hadoop's jars (the closure of spark-sql, spark-core, spark-mllib,
 * hadoop-client-api and hadoop-client-runtime, written by maven-dependency-plugin) and the JDK 17
 * flags. {@link #submit} runs {@code org.apache.spark.deploy.SparkSubmit}, the code behind the
 * spark-submit script, in a new JVM whose class path holds only those jars; the job's own jar is
 * handed to SparkSubmit as the application jar, exactly as on a cluster.
 */
final class SparkDistribution {
  /**
   * Guards against a hung process only: far above what one job needs (under a minute on an idle
   * two-core machine), because a machine shared with other builds can be ten times slower.
   */
  static final long SUBMIT_TIMEOUT_MINUTES = 20;

  /**
   * Added to every JVM these tests start (SparkSubmit drivers, cluster daemons, executors): each
   * lives a minute or two and spends much of it compiling Spark's code, so the C1 compiler alone
   * and the serial collector cost far less CPU on two cores (an Olist bronze job through
   * SparkSubmit: 77.5 s of CPU with the defaults, 53.1 s with these). The jobs themselves and the
   * documented spark-submit lines do not use them.
   */
  static final List<String> SHORT_LIVED_JVM_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  final Path projectDir;
  final String version;
  final Path workDir;
  final List<String> classPath;
  final List<String> jvmFlags;

  private SparkDistribution(
      Path projectDir, String version, Path workDir, List<String> classPath, List<String> flags) {
    this.projectDir = projectDir;
    this.version = version;
    this.workDir = workDir;
    this.classPath = classPath;
    this.jvmFlags = flags;
  }

  /** Reads the settings surefire passes in (see this module's pom). */
  static SparkDistribution fromBuild() {
    Path cpFile = Path.of(property("lakehouse.it.spark-classpath"));
    assertThat(cpFile).as("class path file written by maven-dependency-plugin").exists();
    try {
      String cp = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
      return new SparkDistribution(
          Path.of(property("lakehouse.it.project-dir")).toAbsolutePath().normalize(),
          property("lakehouse.it.version"),
          Path.of(property("lakehouse.it.work-dir")).toAbsolutePath(),
          List.of(cp.split(File.pathSeparator)),
          java.util.stream.Stream.concat(
                  java.util.Arrays.stream(property("lakehouse.it.jvm-flags").trim().split("\\s+")),
                  SHORT_LIVED_JVM_FLAGS.stream())
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set: run these tests through Maven (jobs/it).");
    }
    return v;
  }

  /** The spark-submit jar of a job module, e.g. {@code jobs/olist/target/…-spark.jar}. */
  Path jobJar(String module) {
    Path jar =
        projectDir.resolve(
            "jobs/" + module + "/target/lakehouse-jobs-" + module + "-" + version + "-spark.jar");
    assertThat(jar).as("the shaded jar of jobs/%s (built by its package phase)", module).exists();
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** What a finished SparkSubmit run left: its exit code and its console output. */
  record Run(int exitCode, String output, Path log) {
    /** The last lines of the output, for assertion messages. */
    String tail() {
      String[] lines = output.split("\n");
      return String.join(
          "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }
  }

  /**
   * Runs {@code SparkSubmit <sparkArgs> <appJar> <appArgs>} in a new JVM with the given working
   * directory and extra environment; waits for it to end.
   */
  Run submit(
      Path cwd,
      Map<String, String> env,
      List<String> sparkArgs,
      Path appJar,
      List<String> appArgs,
      Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    // The driver runs inside this JVM (client mode), so its heap and JDK flags go here.
    cmd.add("-Xmx768m");
    cmd.addAll(jvmFlags);
    // The test JVMs' Spark settings (pom.xml, test.spark.flags), for this driver only.
    String driverFlags = System.getProperty("lakehouse.it.driver-flags", "").strip();
    if (!driverFlags.isEmpty()) {
      cmd.addAll(List.of(driverFlags.split("\\s+")));
    }
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-cp");
    // A distribution's conf/ folder comes first (its log4j2.properties), then Spark's jars.
    List<String> cp = new ArrayList<>();
    cp.add(projectDir.resolve("deploy/standalone").toString());
    cp.addAll(classPath);
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(sparkArgs);
    cmd.add(appJar.toString());
    cmd.addAll(appArgs);
    return run(cmd, cwd, env, log, SUBMIT_TIMEOUT_MINUTES);
  }

  static Run run(
      List<String> cmd, Path cwd, Map<String, String> env, Path log, long timeoutMinutes) {
    try {
      Files.createDirectories(cwd);
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      ChildProcesses.environment(pb, env);
      Process p = pb.start();
      try {
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
          stop(p);
          throw new AssertionError(
              "Did not end within " + timeoutMinutes + " minutes; see its log " + log);
        }
      } finally {
        stop(p);
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends a process and everything it started (a cluster script's JVMs). */
  static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
