package dev.lakehouse.launcher.inspect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares two versions of a table: columns added, removed or retyped, and rows added, removed and
 * changed by key. Without a key rows are compared whole: a changed row then shows as one removed
 * and one added, and {@code changed} is null.
 */
public final class TableDiff {
  private TableDiff() {}

  /** A column that kept its name but changed type. */
  public record Retyped(String name, String from, String to) {}

  /**
   * The comparison.
   *
   * @param compared the columns compared for changes (common to both versions, metadata columns
   *     starting with {@code _} left out when a key is known)
   * @param changed rows whose key is in both versions but whose compared columns differ; null when
   *     there is no key
   */
  public record Result(
      Map<String, String> added,
      Map<String, String> removed,
      List<Retyped> retyped,
      TableKeys.Key key,
      List<String> compared,
      long rowsFrom,
      long rowsTo,
      long rowsAdded,
      long rowsRemoved,
      Long rowsChanged) {}

  public static Result compare(Dataset<Row> from, Dataset<Row> to, TableKeys.Key key) {
    StructType a = from.schema();
    StructType b = to.schema();
    Map<String, String> added = new LinkedHashMap<>();
    Map<String, String> removed = new LinkedHashMap<>();
    List<Retyped> retyped = new ArrayList<>();
    List<String> common = new ArrayList<>();
    for (StructField f : b.fields()) {
      if (!List.of(a.fieldNames()).contains(f.name())) {
        added.put(f.name(), f.dataType().simpleString());
      }
    }
    for (StructField f : a.fields()) {
      if (!List.of(b.fieldNames()).contains(f.name())) {
        removed.put(f.name(), f.dataType().simpleString());
        continue;
      }
      String t = b.apply(f.name()).dataType().simpleString();
      if (!t.equals(f.dataType().simpleString())) {
        retyped.add(new Retyped(f.name(), f.dataType().simpleString(), t));
      } else {
        common.add(f.name());
      }
    }
    long rowsFrom = from.count();
    long rowsTo = to.count();
    boolean keyed = key.known() && common.containsAll(key.columns());
    if (!keyed) {
      Column[] cols = common.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
      Dataset<Row> x = from.select(cols);
      Dataset<Row> y = to.select(cols);
      TableKeys.Key noKey =
          key.known()
              ? new TableKeys.Key(List.of(), "no key: key columns " + key.columns() + " changed")
              : key;
      return new Result(
          added,
          removed,
          retyped,
          noKey,
          common,
          rowsFrom,
          rowsTo,
          y.exceptAll(x).count(),
          x.exceptAll(y).count(),
          null);
    }
    List<String> compared =
        common.stream().filter(c -> !key.columns().contains(c) && !c.startsWith("_")).toList();
    Column on = lit(true);
    for (String k : key.columns()) {
      on = on.and(col("f.`" + k + "`").eqNullSafe(col("t.`" + k + "`")));
    }
    Dataset<Row> f = from.as("f");
    Dataset<Row> t = to.as("t");
    long rowsAdded = t.join(f, on, "left_anti").count();
    long rowsRemoved = f.join(t, on, "left_anti").count();
    Column same = lit(true);
    for (String c : compared) {
      same = same.and(col("f.`" + c + "`").eqNullSafe(col("t.`" + c + "`")));
    }
    long rowsChanged = f.join(t, on).filter(org.apache.spark.sql.functions.not(same)).count();
    return new Result(
        added,
        removed,
        retyped,
        key,
        compared,
        rowsFrom,
        rowsTo,
        rowsAdded,
        rowsRemoved,
        rowsChanged);
  }
}
