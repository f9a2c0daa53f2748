package dev.lakehouse.launcher.demo;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium} package, or Chrome) driven from its command line:
 * {@code --dump-dom} for the DOM after rendering, {@code --screenshot} for a PNG. Every call uses a
 * fresh profile folder and turns off everything that would reach the network.
 *
 * <p>The binary: system property {@code chromium.binary}, else {@code chromium}, {@code
 * chromium-browser}, {@code google-chrome} or {@code google-chrome-stable} on the PATH. When none
 * is there the test fails and says how to install one; {@code -Dreport.chromium.skip=true} turns
 * the browser checks into skipped tests instead (for machines that cannot have a browser).
 */
final class HeadlessChromium {
  static final String BINARY_PROPERTY = "chromium.binary";
  static final String SKIP_PROPERTY = "report.chromium.skip";
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private final Path binary;
  private final Path work;

  private HeadlessChromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The browser, or a failure (a skip with {@code -Dreport.chromium.skip=true}) saying why. */
  static HeadlessChromium require(Path work) {
    Path found = find();
    if (found == null) {
      String why =
          "Headless Chromium is needed to check that the quality report renders, and none was"
              + " found (tried -D"
              + BINARY_PROPERTY
              + ", then "
              + String.join(", ", NAMES)
              + " on the PATH). Install it: on Debian `apt-get install -y chromium` (.ci/run does"
              + " this when it is missing), on Ubuntu Google Chrome or the chromium snap; or point"
              + " -D"
              + BINARY_PROPERTY
              + "=/path/to/chrome at one. To skip the browser checks on a machine without a"
              + " browser, pass -D"
              + SKIP_PROPERTY
              + "=true.";
      if (Boolean.getBoolean(SKIP_PROPERTY)) {
        Assumptions.abort(why);
      }
      fail(why);
    }
    return new HeadlessChromium(found, work);
  }

  private static Path find() {
    String configured = System.getProperty(BINARY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    for (String name : NAMES) {
      for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** The DOM of a local page after Chromium loaded and rendered it. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    Path out = run("dom", List.of("--dump-dom", page.toUri().toString()));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A PNG of the page at 1280 x 900. */
  void screenshot(Path page, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(
        "shot",
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=1280,900",
            "--hide-scrollbars",
            page.toUri().toString()));
    if (!Files.exists(png)) {
      fail("Chromium wrote no screenshot " + png);
    }
  }

  private int calls;

  /** Runs Chromium once; returns the file that holds its standard output. */
  private Path run(String what, List<String> args) throws IOException, InterruptedException {
    int n = ++calls;
    Path profile = Files.createDirectories(work.resolve("profile-" + n));
    Path stdout = work.resolve(what + "-" + n + ".out");
    Path stderr = work.resolve(what + "-" + n + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // tests may run as root (containers), where the sandbox cannot start
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile));
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    // A guard against a hung browser, not a timing assertion.
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      fail("Chromium did not finish: " + cmd);
    }
    if (p.exitValue() != 0) {
      fail(
          "Chromium exited "
              + p.exitValue()
              + ": "
              + cmd
              + "\n"
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return stdout;
  }
}
