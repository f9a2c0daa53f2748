package dev.lakehouse.common.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Progress lines for people watching a run: elapsed time and a message, on one stream. */
public final class Progress {
  private final PrintStream out;
  private final Instant start = Instant.now();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void step(String message) {
    long s = Duration.between(start, Instant.now()).toMillis();
    out.printf(java.util.Locale.ROOT, "[%6.1fs] %s%n", s / 1000.0, message);
    out.flush();
  }

  public PrintStream out() {
    return out;
  }
}
