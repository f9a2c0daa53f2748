package dev.lakehouse.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A print stream whose text is kept for assertions and still shown in the test output as it is
 * written (progress of a long pipeline run).
 */
public final class TeeOutput {
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private final PrintStream stream =
      new PrintStream(
          new OutputStream() {
            @Override
            public void write(int b) {
              copy.write(b);
              System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              copy.write(b, off, len);
              System.out.write(b, off, len);
            }

            @Override
            public void flush() {
              System.out.flush();
            }
          },
          true,
          StandardCharsets.UTF_8);

  /** The stream to hand to the code under test. */
  public PrintStream stream() {
    return stream;
  }

  /** Everything written so far. */
  public String text() {
    stream.flush();
    return copy.toString(StandardCharsets.UTF_8);
  }
}
