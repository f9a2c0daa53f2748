package dev.lakehouse.launcher.report;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.launcher.report.ReportModel.Site;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The quality report ({@code bin/lakehouse report [--out DIR]}): a static HTML site in the spirit
 * of data docs, by default under {@code <root>/_reports/}.
 *
 * <ul>
 *   <li>{@code index.html}: every table with its layer, rows, Delta version, last update, latest
 *       gate status (from {@code _ops/dq_results}) and quarantined rows;
 *   <li>{@code tables/<layer>.<domain>.<table>.html}: the table's upstream and downstream tables
 *       (from the OpenLineage events in {@code <root>/_lineage/events.ndjson}), its latest gate
 *       run, every rule's result per run, a trend chart per metric (inline SVG), its quarantine
 *       counts by reason with sample rows, and recent Delta commits.
 * </ul>
 *
 * <p>Inputs: the Delta tables under the root, {@code _ops/dq_results}, {@code
 * _quarantine/<domain>/<table>}, the lineage events file. Pages are self-contained (no scripts,
 * fonts or style sheets from elsewhere) and are written through Hadoop's FileSystem, so the root
 * and the output may be local folders or {@code s3a://} locations.
 */
public final class QualityReport {
  private QualityReport() {}

  /**
   * What was written.
   *
   * @param index the location of {@code index.html}
   * @param tables tables in the report (one page each)
   */
  public record Result(String index, int tables) {}

  /** The default output folder: {@code <root>/_reports}. */
  public static String defaultOut(TableLayout layout) {
    return layout.join("_reports");
  }

  /** Reads the lakehouse, renders every page and writes them under {@code out}. */
  public static Result write(
      SparkSession spark, TableLayout layout, String out, Progress progress) {
    String dir = absolute(out);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    progress.step("Quality report of " + layout.root() + " into " + dir);
    LineageIndex lineage = new LineageIndex(layout.root());
    String note = readLineage(lineage, layout.lineageEvents(), conf);
    progress.step(note);
    List<TableReport> tables = new ReportCollector(spark, layout, progress).collect(lineage);
    Site site = new Site(layout.root(), Instant.now(), tables, note);
    try {
      org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(dir);
      FileSystem fs = FileSystem.get(URI.create(dir), conf);
      org.apache.hadoop.fs.Path pages = new org.apache.hadoop.fs.Path(base, "tables");
      Set<String> written = new HashSet<>();
      for (TableReport t : tables) {
        put(fs, new org.apache.hadoop.fs.Path(pages, t.fileName()), TablePage.render(site, t));
        written.add(t.fileName());
      }
      removeStale(fs, pages, written);
      org.apache.hadoop.fs.Path index = new org.apache.hadoop.fs.Path(base, "index.html");
      put(fs, index, IndexPage.render(site));
      progress.step(
          String.format(
              Locale.ROOT, "Wrote %d table pages and the index: %s", tables.size(), index));
      return new Result(index.toString(), tables.size());
    } catch (IOException e) {
      throw new LakehouseException(
          ExitCode.USAGE,
          "Could not write the quality report to "
              + dir
              + " ("
              + e.getMessage()
              + "). Choose a folder you can write with --out DIR, or check the credentials and"
              + " endpoint of the object store.",
          e);
    }
  }

  /** A local folder made absolute, so progress lines and links say where the files are. */
  static String absolute(String out) {
    if (out.contains("://")) {
      return out;
    }
    return Path.of(out).toAbsolutePath().normalize().toString();
  }

  private static String readLineage(LineageIndex lineage, String file, Configuration conf) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
      FileSystem fs = FileSystem.get(URI.create(file), conf);
      if (!fs.exists(p)) {
        return "No lineage events at "
            + file
            + " (lineage goes there with LINEAGE_TRANSPORT=file, the local default):"
            + " upstream and downstream tables are not shown.";
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        lineage.read(r);
      }
      return "Lineage from "
          + lineage.events()
          + " OpenLineage events in "
          + file
          + (lineage.unreadable() > 0
              ? "; " + lineage.unreadable() + " lines were not JSON and were skipped"
              : "")
          + ".";
    } catch (IOException e) {
      return "Could not read the lineage events at " + file + ": " + e.getMessage();
    }
  }

  private static void put(FileSystem fs, org.apache.hadoop.fs.Path path, String html)
      throws IOException {
    try (OutputStream o = fs.create(path, true)) {
      o.write(html.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Pages of tables that are gone (only .html files in the report's own tables/ folder). */
  private static void removeStale(FileSystem fs, org.apache.hadoop.fs.Path pages, Set<String> keep)
      throws IOException {
    if (!fs.exists(pages)) {
      return;
    }
    for (FileStatus s : fs.listStatus(pages)) {
      String name = s.getPath().getName();
      if (s.isFile() && name.endsWith(".html") && !keep.contains(name)) {
        fs.delete(s.getPath(), false);
      }
    }
  }
}
