package dev.lakehouse.common.lineage;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Opens {@link Lineage}'s view of what a Dataset reads to tests in other packages. */
public final class LineageProbe {
  private LineageProbe() {}

  public static List<String> tablesRead(Dataset<Row> df) {
    return Lineage.tablesRead(df);
  }
}
