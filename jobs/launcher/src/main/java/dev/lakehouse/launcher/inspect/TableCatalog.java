package dev.lakehouse.launcher.inspect;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.table.Layer;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Finds the Delta tables under the lakehouse root (local or s3a) and describes them. */
public final class TableCatalog {
  private final SparkSession spark;
  private final TableLayout layout;

  public TableCatalog(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** One table: identity, rows, Delta version, last commit time. */
  public record TableInfo(TableId id, String path, long rows, long version, Timestamp updatedAt) {}

  /** Every medallion table under the root, in layer, domain, name order. */
  public List<TableId> list() {
    List<TableId> out = new ArrayList<>();
    try {
      FileSystem fs =
          FileSystem.get(URI.create(layout.root()), spark.sparkContext().hadoopConfiguration());
      for (Layer layer : Layer.values()) {
        Path layerDir = new Path(layout.join(layer.id()));
        if (!fs.exists(layerDir)) {
          continue;
        }
        for (FileStatus domain : sorted(fs.listStatus(layerDir))) {
          if (!domain.isDirectory()) {
            continue;
          }
          for (FileStatus table : sorted(fs.listStatus(domain.getPath()))) {
            if (table.isDirectory() && fs.exists(new Path(table.getPath(), "_delta_log"))) {
              out.add(new TableId(layer, domain.getPath().getName(), table.getPath().getName()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list tables under " + layout.root(), e);
    }
    return out;
  }

  private static List<FileStatus> sorted(FileStatus[] s) {
    List<FileStatus> l = new ArrayList<>(List.of(s));
    l.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return l;
  }

  /** The table's location, failing with the list of known tables when it does not exist. */
  public String require(String name) {
    TableId id = TableId.parse(name);
    String path = layout.path(id);
    if (!DeltaIO.exists(spark, path)) {
      throw Errors.unknownTable(name, list().stream().map(TableId::toString).toList());
    }
    return path;
  }

  public TableInfo describe(TableId id) {
    String path = layout.path(id);
    Row last =
        io.delta.tables.DeltaTable.forPath(spark, path)
            .history(1)
            .select("version", "timestamp")
            .first();
    long rows = DeltaIO.read(spark, path).count();
    return new TableInfo(id, path, rows, last.getLong(0), last.getTimestamp(1));
  }
}
