package dev.lakehouse.it.crash;

import dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze;
import dev.lakehouse.jobs.olist.gold.BuildOlistGold;
import dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A layer of the Olist pipeline and the job that writes it, in the order {@link PipelineChild} runs
 * them.
 */
public enum Stage {
  BRONZE(IngestOlistToBronze.NAME),
  SILVER(PromoteOlistToSilver.NAME),
  GOLD(BuildOlistGold.NAME);

  /** A progress line of {@link dev.lakehouse.common.job.Progress}: {@code [ 1.2s] message}. */
  static final Pattern PROGRESS = Pattern.compile("^\\[\\s*\\d+\\.\\d+s\\] .*");

  private final String job;

  Stage(String job) {
    this.job = job;
  }

  /** The job's name, as its progress lines print it. */
  public String job() {
    return job;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The line {@link dev.lakehouse.common.job.JobRunner#execute} prints when the job starts. */
  boolean startedIn(String line) {
    return line.contains(job + " started");
  }

  /** The line it prints when the job succeeded (after the run log was written). */
  boolean succeededIn(String line) {
    return line.contains(job + " succeeded");
  }

  static boolean isProgress(String line) {
    return PROGRESS.matcher(line).matches();
  }

  /**
   * The progress lines of this stage's job in a run's output: from its "started" line up to and
   * including its "succeeded" line.
   */
  public int progressLines(List<String> output) {
    int n = 0;
    boolean in = false;
    for (String line : output) {
      if (!isProgress(line)) {
        continue;
      }
      if (startedIn(line)) {
        in = true;
      }
      if (in) {
        n++;
        if (succeededIn(line)) {
          return n;
        }
      }
    }
    throw new AssertionError("no complete run of " + job + " in:\n" + String.join("\n", output));
  }

  /**
   * The stage a run that ended abruptly was in, from everything it printed: the job whose "started"
   * line is there and whose "succeeded" line is not; null when there is none (the run died before
   * bronze started, between two jobs, or after gold).
   */
  public static Stage runningAtEnd(List<String> output) {
    Stage in = null;
    for (Stage s : values()) {
      boolean began = output.stream().anyMatch(s::startedIn);
      boolean ended = output.stream().anyMatch(s::succeededIn);
      if (began && !ended) {
        in = s;
      }
    }
    return in;
  }
}
