package dev.lakehouse.common.quality;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Deequ keeps metrics between runs, and how a table's runs are tagged there. Deequ's
 * FileSystemMetricsRepository is one JSON file read and written through Hadoop's FileSystem, so it
 * works on local paths and s3a alike.
 *
 * <p>Every gate run is saved with the tags {@code table}, {@code job}, {@code run_id}, {@code
 * suite} and {@code gate} ({@code passed} or {@code failed}). Anomaly rules compare with the runs
 * of the same table whose gate passed, so a rejected batch never becomes the baseline.
 *
 * @param path the repository file, {@code <root>/_ops/dq_metrics/metrics.json}
 * @param table the table whose history is read and written
 */
public record MetricsHistory(String path, TableId table) {
  /** The gate tag of runs whose data could be published. */
  public static final String PASSED = "passed";

  /** The gate tag of rejected runs. */
  public static final String FAILED = "failed";

  /** The repository of a lakehouse. */
  public static String repositoryPath(TableLayout layout) {
    return layout.join("_ops", "dq_metrics", "metrics.json");
  }

  public static MetricsHistory of(TableLayout layout, TableId table) {
    return new MetricsHistory(repositoryPath(layout), table);
  }

  /** The tags that select the history anomaly rules compare with. */
  public Map<String, String> historyTags() {
    return Map.of("table", table.toString(), "gate", PASSED);
  }

  /** The tags of one run. */
  public Map<String, String> runTags(String job, String runId, String suite, boolean passed) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("table", table.toString());
    tags.put("job", job);
    tags.put("run_id", runId);
    tags.put("suite", suite);
    tags.put("gate", passed ? PASSED : FAILED);
    return tags;
  }

  /**
   * One metric of one gate run, as Deequ saved it.
   *
   * @param entity Dataset, Column or Multicolumn
   * @param instance the column(s) or {@code *}
   * @param name the metric, e.g. {@code Completeness}
   * @param time when the run was saved (epoch milliseconds)
   * @param tags the run's tags ({@code run_id}, {@code job}, {@code gate}, ...)
   */
  public record MetricPoint(
      String entity,
      String instance,
      String name,
      double value,
      long time,
      Map<String, String> tags) {}

  /** Every metric saved for this table, oldest run first (empty when none was saved yet). */
  public java.util.List<MetricPoint> points(org.apache.spark.sql.SparkSession spark) {
    return DeequAdapter.metricPoints(spark, path, Map.of("table", table.toString()));
  }
}
