package dev.lakehouse.launcher.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.report.ReportModel.Commit;
import dev.lakehouse.launcher.report.ReportModel.GateRun;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSample;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSummary;
import dev.lakehouse.launcher.report.ReportModel.RuleResult;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads what the report shows from the lakehouse: the tables under the root, {@code
 * _ops/dq_results}, each table's Delta log and its quarantine. Everything is small (one row per
 * rule per gate run, a few commits, aggregated quarantine counts and a few sample rows), so it is
 * collected to the driver once and rendered from plain values.
 */
final class ReportCollector {
  /** Gate runs per table shown on a page (the latest ones). */
  static final int MAX_RUNS = 30;

  /** Delta commits per table shown on a page. */
  static final int MAX_COMMITS = 10;

  /** Quarantined sample rows per table. */
  static final int SAMPLES = 5;

  /** Tables described at once. */
  static final int THREADS = 4;

  private final SparkSession spark;
  private final TableLayout layout;
  private final Progress progress;

  ReportCollector(SparkSession spark, TableLayout layout, Progress progress) {
    this.spark = spark;
    this.layout = layout;
    this.progress = progress;
  }

  /**
   * Every table under the root, plus the tables that have gate results but no Delta table yet (a
   * first promotion rejected by its gate), in layer, domain, name order.
   */
  List<TableReport> collect(LineageIndex lineage) {
    TableCatalog catalog = new TableCatalog(spark, layout);
    // The medallion tables; the run log, gate results and quarantine are shown inside their pages.
    List<TableId> published =
        catalog.list().stream().flatMap(ref -> ref.medallion().stream()).toList();
    Map<TableId, List<GateRun>> runs = gateRuns();
    TreeSet<TableId> all = new TreeSet<>(ORDER);
    all.addAll(published);
    all.addAll(runs.keySet());
    progress.step(
        "Found "
            + published.size()
            + " tables and gate results of "
            + runs.size()
            + " under "
            + layout.root());
    Map<String, Map<String, QuarantineSummary>> quarantine = quarantines();
    // Tables are described side by side: most of the time goes to reading each Delta log on the
    // driver, which other threads can do meanwhile.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, all.size())));
    try {
      List<Future<TableReport>> futures = new ArrayList<>();
      for (TableId id : all) {
        futures.add(
            pool.submit(
                () -> {
                  QuarantineSummary q =
                      quarantine
                          .getOrDefault(id.domain() + "/" + id.name(), Map.of())
                          .getOrDefault(
                              id.layer().id(), QuarantineSummary.none(quarantinePath(id)));
                  TableReport report =
                      describe(
                          id,
                          published.contains(id),
                          runs.getOrDefault(id, List.of()),
                          q,
                          lineage.neighbours(id));
                  progress.step(progressLine(report));
                  return report;
                }));
      }
      List<TableReport> out = new ArrayList<>();
      for (Future<TableReport> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("Could not read a table for the report", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading tables for the report", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private TableReport describe(
      TableId id,
      boolean published,
      List<GateRun> runs,
      QuarantineSummary q,
      ReportModel.Neighbours lineage) {
    String location = layout.path(id);
    if (!published) {
      return new TableReport(id, location, -1, -1, null, runs, List.of(), q, lineage);
    }
    // The latest commit gives version and time: one history read per table, not two.
    List<Commit> commits = commits(location);
    return new TableReport(
        id,
        location,
        DeltaIO.read(spark, location).count(),
        commits.get(0).version(),
        commits.get(0).at(),
        runs,
        commits,
        q,
        lineage);
  }

  private static String progressLine(TableReport report) {
    GateRun latest = report.latest();
    return report.id()
        + ": "
        + (report.rows() < 0 ? "not published" : report.rows() + " rows, v" + report.version())
        + ", "
        + (latest == null ? "no gate runs" : "gate " + latest.status())
        + (report.quarantine().total() > 0
            ? ", " + report.quarantine().total() + " quarantined"
            : "");
  }

  static final Comparator<TableId> ORDER =
      Comparator.comparing(TableId::layer)
          .thenComparing(TableId::domain)
          .thenComparing(TableId::name);

  /** Gate runs per table, oldest first, the latest {@link #MAX_RUNS} of each. */
  private Map<TableId, List<GateRun>> gateRuns() {
    Dataset<Row> results = QualityResults.read(spark, layout);
    Map<TableId, Map<String, List<Row>>> byTable = new HashMap<>();
    for (Row r : results.orderBy(col("checked_at"), col("run_id")).collectAsList()) {
      TableId id = tableOrNull(r.getAs("table"));
      if (id == null) {
        continue;
      }
      byTable
          .computeIfAbsent(id, k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getAs("run_id"), k -> new ArrayList<>())
          .add(r);
    }
    Map<TableId, List<GateRun>> out = new TreeMap<>(ORDER);
    byTable.forEach(
        (id, perRun) -> {
          List<GateRun> list = new ArrayList<>();
          perRun.forEach((runId, rows) -> list.add(gateRun(runId, rows)));
          list.sort(Comparator.comparing(GateRun::checkedAt));
          out.put(id, list.subList(Math.max(0, list.size() - MAX_RUNS), list.size()));
        });
    return out;
  }

  private static TableId tableOrNull(String name) {
    try {
      return TableId.parse(name);
    } catch (LakehouseException e) {
      return null; // results of something that is not a medallion table
    }
  }

  private static GateRun gateRun(String runId, List<Row> rows) {
    Row first = rows.get(0);
    List<RuleResult> rules = new ArrayList<>();
    for (Row r : rows) {
      rules.add(
          new RuleResult(
              r.getAs("rule"),
              r.getAs("kind"),
              r.getAs("severity"),
              r.getAs("columns"),
              r.getAs("status"),
              r.getAs("metric"),
              r.getAs("value"),
              r.getAs("message")));
    }
    Long version = first.getAs("table_version");
    Timestamp at = first.getAs("checked_at");
    return new GateRun(
        runId,
        first.getAs("job"),
        first.getAs("batch_id"),
        version == null ? -1 : version,
        at.toInstant(),
        rules);
  }

  private List<Commit> commits(String location) {
    List<Commit> out = new ArrayList<>();
    for (Row r :
        DeltaTable.forPath(spark, location)
            .history(MAX_COMMITS)
            .select("version", "timestamp", "operation", "userMetadata")
            .collectAsList()) {
      out.add(
          new Commit(
              r.getLong(0),
              r.getTimestamp(1).toInstant(),
              r.getString(2),
              r.isNullAt(3) ? null : r.getString(3)));
    }
    return out;
  }

  private String quarantinePath(TableId id) {
    return layout.quarantine(id.domain(), id.name());
  }

  /** The quarantine tables under the root, by {@code <domain>/<table>}, each per layer. */
  private Map<String, Map<String, QuarantineSummary>> quarantines() {
    Map<String, Map<String, QuarantineSummary>> out = new HashMap<>();
    try {
      Path dir = new Path(layout.join("_quarantine"));
      FileSystem fs = FileSystem.get(dir.toUri(), spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus domain : fs.listStatus(dir)) {
        if (!domain.isDirectory()) {
          continue;
        }
        for (FileStatus table : fs.listStatus(domain.getPath())) {
          String d = domain.getPath().getName();
          String t = table.getPath().getName();
          String path = layout.quarantine(d, t);
          if (table.isDirectory() && DeltaIO.exists(spark, path)) {
            out.put(d + "/" + t, quarantine(path));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the quarantine under " + layout.root(), e);
    }
    return out;
  }

  /**
   * The quarantine of a domain's table, per layer: one table holds the rows every layer of that
   * name rejected, told apart by its {@code layer} column.
   */
  private Map<String, QuarantineSummary> quarantine(String path) {
    Dataset<Row> rows = DeltaIO.read(spark, path);
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (Row r :
        rows.groupBy(col("layer"), col("reason"))
            .agg(count(lit(1)).as("n"))
            .orderBy(col("n").desc(), col("reason"))
            .collectAsList()) {
      String layer = r.isNullAt(0) ? "" : r.getString(0);
      String reason = r.isNullAt(1) ? "(no reason recorded)" : r.getString(1);
      reasons
          .computeIfAbsent(layer, k -> new LinkedHashMap<>())
          .merge(reason, r.getLong(2), Long::sum);
    }
    Map<String, QuarantineSummary> out = new HashMap<>();
    reasons.forEach(
        (layer, byReason) -> {
          List<QuarantineSample> samples = new ArrayList<>();
          for (Row s :
              rows.filter(col("layer").eqNullSafe(layer))
                  .orderBy(col("_quarantined_at").desc(), col("reason"))
                  .select(DeltaIO.BATCH_COLUMN, "job", "reason", "raw")
                  .limit(SAMPLES)
                  .collectAsList()) {
            samples.add(
                new QuarantineSample(
                    s.getString(0), s.getString(1), s.getString(2), s.getString(3)));
          }
          long total = byReason.values().stream().mapToLong(Long::longValue).sum();
          out.put(layer, new QuarantineSummary(path, total, byReason, samples));
        });
    return out;
  }
}
