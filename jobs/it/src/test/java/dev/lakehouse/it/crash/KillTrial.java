package dev.lakehouse.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.it.ChildProcesses;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One crash trial: starts {@link PipelineChild} as a process, watches its progress lines and kills
 * it with SIGKILL at the chosen moment inside a layer.
 */
public final class KillTrial {
  /** The exit value Java reports for a process ended by signal 9 (128 + 9). */
  public static final int SIGKILL_EXIT = 137;

  private static final String EOF = "\u0000EOF";

  private KillTrial() {}

  /**
   * What one trial did.
   *
   * @param killed whether the process was killed (false: it ended on its own first, exit 0)
   * @param killedIn the job it was inside when it died; null when the kill fell outside every job
   * @param secondsInLayer from the target job's "started" line to the kill
   * @param secondsInJvm from the process start to the kill
   * @param cpuSeconds CPU the process had used just before the kill
   */
  public record Result(
      boolean killed,
      Stage killedIn,
      double secondsInLayer,
      double secondsInJvm,
      double cpuSeconds) {

    /** Where the kill landed, for people. */
    public String where() {
      if (killedIn != null) {
        return killedIn.label();
      }
      return killed ? "between layers" : "nowhere: the child ended first (exit 0)";
    }
  }

  /**
   * Runs {@code command} (a {@link PipelineChild}) in {@code dir} with {@code env} added to its
   * environment, waits for progress line {@code line} of {@code target}'s job (0: its "started"
   * line), waits {@code delayMs} more and kills the process with SIGKILL. Which job the kill fell
   * into is decided afterwards, from everything the process printed before it died: Progress
   * flushes each line, so what was printed is in the pipe. Fails when a job of the run failed, or
   * when the run ended on its own with another exit code than 0. Writes {@code command.txt} (the
   * command line, to run it again by hand), {@code stdout.log} and {@code stderr.log} to {@code
   * dir}.
   */
  public static Result run(
      List<String> command,
      Map<String, String> env,
      Path dir,
      Stage target,
      int line,
      int delayMs,
      long timeoutMinutes)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    // To run the trial's JVM again by hand.
    StringBuilder sh = new StringBuilder();
    env.forEach((k, v) -> sh.append(k).append('=').append(v).append(' '));
    Files.writeString(
        dir.resolve("command.txt"), sh + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectError(dir.resolve("stderr.log").toFile());
    ChildProcesses.environment(pb, env);
    long started = System.nanoTime();
    Process p = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> pump(p.getInputStream(), dir.resolve("stdout.log"), lines), "child-stdout");
    reader.setDaemon(true);
    reader.start();
    List<String> output = new ArrayList<>();
    boolean killed = false;
    long layerStarted = 0;
    long killedAt = 0;
    double cpu = 0;
    try {
      long deadline = started + TimeUnit.MINUTES.toNanos(timeoutMinutes);
      int seen = -1;
      while (true) {
        String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (l == null) {
          throw new AssertionError(
              "The child did not end within " + timeoutMinutes + " minutes; see " + dir);
        }
        if (l.equals(EOF)) {
          break; // it ended on its own: the target job was over before the kill
        }
        output.add(l);
        if (!Stage.isProgress(l)) {
          continue;
        }
        if (seen < 0 && target.startedIn(l)) {
          seen = 0;
          layerStarted = System.nanoTime();
        } else if (seen >= 0) {
          seen++;
        }
        if (seen == line) {
          // The child goes on working meanwhile; the reader thread keeps its lines.
          Thread.sleep(delayMs);
          cpu = p.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
          killedAt = System.nanoTime();
          int exit = killHard(p);
          assertThat(exit)
              .as("exit value of the child ended by SIGKILL (128 + 9); see %s", dir)
              .isEqualTo(SIGKILL_EXIT);
          killed = true;
          break;
        }
      }
      // Everything it printed before it died is still in the pipe.
      for (String l = lines.poll(1, TimeUnit.MINUTES);
          l != null && !l.equals(EOF);
          l = lines.poll(1, TimeUnit.MINUTES)) {
        output.add(l);
      }
    } finally {
      if (p.isAlive()) {
        killHard(p);
      }
      reader.join(TimeUnit.SECONDS.toMillis(30));
    }
    String tail = String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
    assertThat(output)
        .as(
            "the child's jobs failed nowhere (did something an earlier kill left break a run?);"
                + " see %s; its output ends:%n%s",
            dir, tail)
        .noneMatch(l -> l.contains(" FAILED") || l.startsWith("ERROR"));
    if (!killed) {
      assertThat(p.exitValue()).as("exit value of the child; output ends:%n%s", tail).isZero();
      assertThat(output).as("output of a child that ended on its own").contains(PipelineChild.DONE);
      return new Result(false, null, 0, secondsBetween(started, System.nanoTime()), 0);
    }
    return new Result(
        true,
        Stage.runningAtEnd(output),
        layerStarted == 0 ? 0 : secondsBetween(layerStarted, killedAt),
        secondsBetween(started, killedAt),
        cpu);
  }

  /**
   * Kills the process and anything it started with SIGKILL and returns its exit value. On Linux
   * {@link Process#destroyForcibly()} sends SIGKILL (the JDK's ProcessImpl.destroy(force = true)
   * calls kill(pid, SIGKILL)), so the JVM runs no shutdown hook and no finally block: whatever file
   * or Delta commit it was writing stays as it is. {@link #run} checks the exit value, 137 (128 +
   * 9), which is SIGKILL's and not SIGTERM's (143).
   */
  static int killHard(Process p) throws InterruptedException {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError("the child did not end after SIGKILL");
    }
    return p.exitValue();
  }

  /** Copies the child's stdout to a log file and, line by line, to the queue; then EOF. */
  private static void pump(InputStream in, Path log, BlockingQueue<String> lines) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        w.write(l);
        w.newLine();
        w.flush();
        lines.add(l);
      }
    } catch (IOException e) {
      lines.add("ERROR reading the child's output: " + e);
    } finally {
      lines.add(EOF);
    }
  }

  /**
   * This JVM's class path as a list of entries, for the child. Surefire may start the test JVM on a
   * manifest-only booter jar (its Class-Path attribute lists the real entries), so such a jar is
   * expanded. The result is checked by loading the classes the child needs from it alone.
   */
  public static List<String> classPathOfThisJvm() throws IOException {
    List<String> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (p.getFileName().toString().startsWith("surefirebooter") && Files.isRegularFile(p)) {
        out.addAll(manifestClassPath(p));
      } else {
        out.add(entry);
      }
    }
    URL[] urls = new URL[out.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = Path.of(out.get(i)).toUri().toURL();
    }
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      for (String c :
          List.of(
              PipelineChild.class.getName(),
              "dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze",
              "dev.lakehouse.common.job.JobRunner",
              "org.apache.spark.sql.SparkSession",
              "io.delta.tables.DeltaTable")) {
        try {
          Class.forName(c, false, loader);
        } catch (ClassNotFoundException e) {
          throw new AssertionError("The child's class path lacks " + c + ": " + out, e);
        }
      }
    }
    return out;
  }

  private static List<String> manifestClassPath(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      Manifest m = f.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return List.of(jar.toString());
      }
      List<String> out = new ArrayList<>();
      URL base = jar.toUri().toURL();
      for (String e : cp.trim().split("\\s+")) {
        try {
          out.add(Path.of(new URL(base, e).toURI()).toString());
        } catch (MalformedURLException | URISyntaxException ex) {
          throw new IOException("Bad Class-Path entry " + e + " in " + jar, ex);
        }
      }
      return out;
    }
  }

  private static double secondsBetween(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}
