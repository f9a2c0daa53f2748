package dev.lakehouse.common.quality;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Where referential_integrity rules read their reference tables from. */
@FunctionalInterface
public interface ReferenceTables {
  /** The reference table's current data, or empty when it does not exist. */
  Optional<Dataset<Row>> read(TableId table);

  /** The published tables of the lakehouse: {@code <root>/<layer>/<domain>/<table>}. */
  static ReferenceTables lakehouse(SparkSession spark, TableLayout layout) {
    return table -> {
      String path = layout.path(table);
      return DeltaIO.exists(spark, path)
          ? Optional.of(DeltaIO.read(spark, path))
          : Optional.empty();
    };
  }
}
