package dev.lakehouse.common.testing;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.spark.LakehouseSession;
import dev.lakehouse.common.table.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM ({@code local[2]}, UI off, bound to 127.0.0.1, Delta on),
 * built by the same builder the jobs use. Each test gets its own lakehouse root folder.
 *
 * <p>One shuffle partition and a default parallelism of 1: the test data is a few dozen rows, and
 * each task costs the same fixed work (the serialised task read back, its closures cleaned)
 * whatever its size; with 2 of each, a small Olist pipeline in a test JVM took 16 % more CPU. Four
 * test JVMs share the two cores of the CI machine, so tasks of one JVM in parallel gain nothing.
 */
public final class TestSpark {
  /** The session's {@code spark.sql.shuffle.partitions}; a test that changes it restores this. */
  public static final String SHUFFLE_PARTITIONS = "1";

  /**
   * The session's {@code spark.default.parallelism}: one task per scan of a small table. Sessions
   * that tests build another way (the CLI's, a child JVM's) set the same.
   */
  public static final String DEFAULT_PARALLELISM = "1";

  /**
   * The session's {@code spark.sql.adaptive.enabled}. With one shuffle partition adaptive execution
   * has nothing to coalesce, yet it runs each query stage as a Spark job of its own and plans the
   * rest of the query again after each (BuildKamisGoldTest alone: 1:45 instead of 1:53 of CPU in
   * one A/B run; with Delta's checksum files off too, 1:25). The jobs keep it on ({@code
   * LakehouseSession}), and so do the tests that run them through the CLI or spark-submit (object
   * store, bad input, CLI, smoke and cluster tests); the demo lakehouse turns it off in its
   * settings ({@code DemoLakehouse}).
   */
  public static final String ADAPTIVE_EXECUTION = "false";

  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      Path warehouse;
      try {
        warehouse = Files.createTempDirectory("spark-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      session =
          LakehouseSession.getOrCreate(
              settings(warehouse),
              "lakehouse-tests",
              Map.of(
                  "spark.master", "local[2]",
                  "spark.ui.enabled", "false",
                  "spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS,
                  "spark.sql.adaptive.enabled", ADAPTIVE_EXECUTION,
                  "spark.default.parallelism", DEFAULT_PARALLELISM,
                  "spark.driver.host", "127.0.0.1",
                  "spark.driver.bindAddress", "127.0.0.1",
                  "spark.sql.warehouse.dir", warehouse.resolve("warehouse").toString(),
                  "spark.databricks.delta.snapshotPartitions", "1"));
    }
    return session;
  }

  /**
   * Puts back the settings of this session that the CLI changes when it runs a job in it (the
   * shuffle partitions and adaptive execution of the lakehouse settings it ran with).
   */
  public static void restoreSettings(SparkSession spark) {
    spark.conf().set("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS);
    spark.conf().set("spark.sql.adaptive.enabled", ADAPTIVE_EXECUTION);
  }

  /**
   * Settings for a lakehouse rooted at {@code root}, with lineage off. The system property {@code
   * lakehouse.test.rules-dir} (set by a module's surefire configuration) selects the rule suites.
   */
  public static LakehouseSettings settings(Path root) {
    Map<String, String> overrides = new java.util.HashMap<>();
    overrides.put("lakehouse.root", root.toString());
    overrides.put("lakehouse.lineage.transport", "none");
    overrides.put("lakehouse.spark.shuffle-partitions", SHUFFLE_PARTITIONS);
    String rules = System.getProperty("lakehouse.test.rules-dir");
    if (rules != null && !rules.isBlank()) {
      overrides.put("lakehouse.quality.rules-dir", rules);
    }
    return SettingsLoader.load(Map.of(), overrides);
  }

  /** A run context on a fresh root. */
  public static JobContext context(Path root, String batch, String source) {
    LakehouseSettings s = settings(root);
    return new JobContext(
        JobRunner.newRunId(),
        Optional.ofNullable(batch),
        Optional.ofNullable(source),
        LocalDate.of(2018, 10, 17),
        Optional.empty(),
        Optional.empty(),
        s,
        new TableLayout(s.root()),
        new Progress(System.out));
  }
}
