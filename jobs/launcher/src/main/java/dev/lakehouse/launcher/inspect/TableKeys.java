package dev.lakehouse.launcher.inspect;

import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.quality.Rule;
import dev.lakehouse.common.quality.RuleKind;
import dev.lakehouse.common.quality.RuleSuites;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.kamis.silver.KamisSilverTable;
import dev.lakehouse.jobs.olist.silver.SilverTable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The key that identifies a row of a table, for comparing two versions by key: the MERGE key of a
 * silver table (the jobs' own definition), else the columns of the {@code primary_key} rule in the
 * table's rule suite (gold marts), else none (bronze, quarantine and _ops tables are append-only
 * logs without a key).
 */
public final class TableKeys {
  private TableKeys() {}

  /**
   * A key and where it comes from.
   *
   * @param columns the key columns; empty when the table has no known key
   * @param source e.g. {@code merge key of silver.olist.orders}, or why there is none
   */
  public record Key(List<String> columns, String source) {
    public boolean known() {
      return !columns.isEmpty();
    }
  }

  public static Key of(TableRef table, StructType schema, RuleSuites suites) {
    if (table.medallion().isEmpty()) {
      return new Key(List.of(), "no key: " + table.kind() + " tables are append-only");
    }
    TableId id = table.medallion().get();
    for (SilverTable t : SilverTable.values()) {
      if (t.silver().equals(id)) {
        return new Key(t.keys(), "merge key of " + id);
      }
    }
    for (KamisSilverTable t : KamisSilverTable.values()) {
      if (t.silver().equals(id)) {
        return new Key(t.keys(), "merge key of " + id);
      }
    }
    if (suites.exists(id)) {
      try {
        for (Rule r : suites.load(id, schema).rules()) {
          if (r.kind() == RuleKind.PRIMARY_KEY) {
            return new Key(
                r.columns(),
                "primary_key rule '" + r.name() + "' of " + RuleSuites.relativePath(id));
          }
        }
      } catch (LakehouseException e) {
        return new Key(List.of(), "no key: the rule suite of " + id + " does not load");
      }
    }
    return new Key(List.of(), "no key: " + id + " has no merge key and no primary_key rule");
  }
}
