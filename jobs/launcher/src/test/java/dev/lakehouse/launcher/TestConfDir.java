package dev.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A settings folder for tests that run the CLI ({@code LAKEHOUSE_CONF_DIR}): the shipped {@code
 * conf/local.conf} with a test's own lines after it, which override the shipped ones.
 */
public final class TestConfDir {
  private TestConfDir() {}

  /** Writes {@code dir/local.conf} and returns {@code dir}. */
  public static Path write(Path dir, String... lines) throws IOException {
    String local;
    try (InputStream in = TestConfDir.class.getResourceAsStream("/conf/local.conf")) {
      if (in == null) {
        throw new IllegalStateException("conf/local.conf is not on the test class path");
      }
      local = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder(local);
    for (String line : lines) {
      text.append('\n').append(line);
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("local.conf"), text.append('\n'), StandardCharsets.UTF_8);
    return dir;
  }
}
