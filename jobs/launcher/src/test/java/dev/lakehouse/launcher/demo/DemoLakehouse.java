package dev.lakehouse.launcher.demo;

import dev.lakehouse.common.testing.TeeOutput;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.TestConfDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One lakehouse built by {@code lakehouse demo} (a small Olist sample and two KAMIS days from the
 * fake server, lineage to the file transport) per test JVM, shared by every test that only reads
 * the demo's output: the inspection commands, the quality report and the notebooks. Building it
 * costs a couple of minutes, so the classes that use it run together in one JVM (the launcher's
 * {@code demo-output} surefire execution) and must not change it.
 */
public final class DemoLakehouse {
  private static Path root;
  private static Path confDir;
  private static String demoOutput;

  private DemoLakehouse() {}

  /** The root of the shared demo lakehouse, built on first use. */
  public static synchronized Path root() {
    if (root == null) {
      // The CLI builds the session itself, as bin/lakehouse does, so the OpenLineage listener is
      // registered with the file transport and the demo leaves its lineage events behind.
      System.setProperty("spark.driver.host", "127.0.0.1");
      System.setProperty("spark.driver.bindAddress", "127.0.0.1");
      System.setProperty("spark.ui.enabled", "false");
      // One task per scan of the demo's small tables (TestSpark.DEFAULT_PARALLELISM).
      System.setProperty("spark.default.parallelism", TestSpark.DEFAULT_PARALLELISM);
      try {
        Path dir = Files.createTempDirectory("demo-lakehouse");
        // The test sessions' Spark settings (TestSpark): one shuffle partition, no adaptive
        // execution, for the demo build and every command run on its output.
        confDir =
            TestConfDir.write(
                Files.createTempDirectory("demo-conf"),
                "lakehouse.spark.shuffle-partitions = " + TestSpark.SHUFFLE_PARTITIONS,
                "lakehouse.spark.extra { \"spark.sql.adaptive.enabled\" = "
                    + TestSpark.ADAPTIVE_EXECUTION
                    + " }");
        Map<String, String> env = env(dir);
        TeeOutput out = new TeeOutput();
        int code =
            Lakehouse.execute(
                new String[] {"demo", "--scale", "0.002", "--kamis-days", "2"}, env, out.stream());
        demoOutput = out.text();
        if (code != 0) {
          throw new IllegalStateException("demo exited " + code + ":\n" + demoOutput);
        }
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** What the demo printed. */
  public static synchronized String demoOutput() {
    root();
    return demoOutput;
  }

  /** The shared session (the one the demo ran in). */
  public static SparkSession spark() {
    root();
    return TestSpark.session();
  }

  /** The environment the demo ran with: pass it to {@link Lakehouse#execute} for other verbs. */
  public static Map<String, String> env() {
    return env(root());
  }

  private static Map<String, String> env(Path dir) {
    return Map.of(
        "LAKEHOUSE_ROOT",
        dir.toString(),
        "LINEAGE_TRANSPORT",
        "file",
        "LAKEHOUSE_CONF_DIR",
        confDir.toString());
  }
}
