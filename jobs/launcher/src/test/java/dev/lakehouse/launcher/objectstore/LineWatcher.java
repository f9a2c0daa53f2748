package dev.lakehouse.launcher.objectstore;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that keeps what is written and hands each complete line to a listener, on the
 * writing thread: a test can act at an exact point of a run (the run waits while it does).
 */
final class LineWatcher extends OutputStream {
  private final Consumer<String> onLine;
  private final ByteArrayOutputStream all = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LineWatcher(Consumer<String> onLine) {
    this.onLine = onLine;
  }

  @Override
  public synchronized void write(int b) {
    all.write(b);
    if (b == '\n') {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      onLine.accept(text);
    } else {
      line.write(b);
    }
  }

  /** Everything written so far. */
  synchronized String text() {
    return all.toString(StandardCharsets.UTF_8);
  }
}
