package dev.lakehouse.launcher.inspect;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.table.Layer;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Finds the Delta tables under the lakehouse root (local or s3a) and describes them: the medallion
 * tables, the {@code _ops} side tables and the quarantine tables.
 */
public final class TableCatalog {
  private final SparkSession spark;
  private final TableLayout layout;

  public TableCatalog(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /**
   * One table: identity, rows, Delta version, last commit time, and the status of its latest
   * quality gate (empty when no gate guards it or none ran yet).
   */
  public record TableInfo(
      TableRef table, long rows, long version, Timestamp updatedAt, Optional<String> gate) {}

  /** Every table under the root: medallion layers in order, then _ops, then _quarantine. */
  public List<TableRef> list() {
    List<TableRef> out = new ArrayList<>();
    try {
      FileSystem fs =
          FileSystem.get(URI.create(layout.root()), spark.sparkContext().hadoopConfiguration());
      for (Layer layer : Layer.values()) {
        for (String[] t : twoLevels(fs, new Path(layout.join(layer.id())))) {
          TableId id = new TableId(layer, t[0], t[1]);
          out.add(TableRef.of(id, layout.path(id)));
        }
      }
      Path ops = new Path(layout.join(TableRef.OPS));
      if (fs.exists(ops)) {
        for (FileStatus s : sorted(fs.listStatus(ops))) {
          if (isDelta(fs, s)) {
            String name = s.getPath().getName();
            out.add(
                new TableRef(
                    TableRef.OPS + "." + name,
                    "ops",
                    layout.join(TableRef.OPS, name),
                    Optional.empty()));
          }
        }
      }
      for (String[] t : twoLevels(fs, new Path(layout.join(TableRef.QUARANTINE)))) {
        out.add(quarantine(t[0], t[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list tables under " + layout.root(), e);
    }
    return out;
  }

  private TableRef quarantine(String domain, String table) {
    return new TableRef(
        TableRef.QUARANTINE + "." + domain + "." + table,
        "quarantine",
        layout.quarantine(domain, table),
        Optional.empty());
  }

  /** {domain, table} of every Delta table two folders below {@code dir}. */
  private static List<String[]> twoLevels(FileSystem fs, Path dir) throws IOException {
    List<String[]> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus domain : sorted(fs.listStatus(dir))) {
      if (!domain.isDirectory()) {
        continue;
      }
      for (FileStatus table : sorted(fs.listStatus(domain.getPath()))) {
        if (isDelta(fs, table)) {
          out.add(new String[] {domain.getPath().getName(), table.getPath().getName()});
        }
      }
    }
    return out;
  }

  private static boolean isDelta(FileSystem fs, FileStatus s) throws IOException {
    return s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"));
  }

  private static List<FileStatus> sorted(FileStatus[] s) {
    List<FileStatus> l = new ArrayList<>(List.of(s));
    l.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return l;
  }

  /**
   * The table named on the command line, failing (exit 2) with the list of known tables when it
   * does not exist.
   */
  public TableRef require(String name) {
    TableRef ref = resolve(name);
    if (!DeltaIO.exists(spark, ref.path())) {
      throw Errors.unknownTable(name, list().stream().map(TableRef::name).toList());
    }
    return ref;
  }

  private TableRef resolve(String name) {
    String n = name == null ? "" : name;
    String[] parts = n.split("\\.", -1);
    if (n.startsWith(TableRef.OPS + ".") && parts.length == 2 && !parts[1].isEmpty()) {
      return new TableRef(n, "ops", layout.join(TableRef.OPS, parts[1]), Optional.empty());
    }
    if (n.startsWith(TableRef.QUARANTINE + ".") && parts.length == 3) {
      // The same naming rules as medallion tables: parsing checks them.
      TableId.silver(parts[1], parts[2]);
      return quarantine(parts[1], parts[2]);
    }
    TableId id = TableId.parse(n);
    return TableRef.of(id, layout.path(id));
  }

  /** Describes one table; {@code gates} comes from {@link GateStatus#latestByTable}. */
  public TableInfo describe(TableRef ref, Map<String, String> gates) {
    // From the log's last commit file: asking Delta's history started a Spark job per table.
    DeltaIO.Commit last = DeltaIO.lastCommit(spark, ref.path());
    long rows = DeltaIO.read(spark, ref.path()).count();
    return new TableInfo(
        ref,
        rows,
        last.version(),
        Timestamp.from(last.committedAt()),
        Optional.ofNullable(gates.get(ref.name())));
  }

  /** The versions a table has (the oldest still readable and the current one). */
  public record Versions(long first, long last) {}

  public Versions versions(TableRef ref) {
    Dataset<Row> h = DeltaTable.forPath(spark, ref.path()).history().select("version");
    Row r =
        h.agg(
                org.apache.spark.sql.functions.min("version"),
                org.apache.spark.sql.functions.max("version"))
            .first();
    return new Versions(r.getLong(0), r.getLong(1));
  }

  /** Fails (exit 2) unless the table has this version. */
  public void requireVersion(TableRef ref, long version) {
    Versions v = versions(ref);
    if (version < v.first() || version > v.last()) {
      throw Errors.usage(
          "Table "
              + ref.name()
              + " has no version "
              + version
              + ": its versions are "
              + (v.first() == v.last() ? v.first() : v.first() + " to " + v.last())
              + " (see bin/lakehouse history "
              + ref.name()
              + ").");
    }
  }
}
