package dev.lakehouse.launcher.inspect;

import dev.lakehouse.common.table.TableId;
import java.util.Optional;

/**
 * A Delta table the inspection commands can read: a medallion table ({@code silver.olist.orders}),
 * a side table of the run log and gate results ({@code _ops.job_runs}, {@code _ops.dq_results}) or
 * a quarantine table ({@code _quarantine.olist.orders}).
 *
 * @param name the name used on the command line
 * @param kind bronze, silver, gold, ops or quarantine
 * @param path the table's location
 * @param medallion the medallion identity; empty for side tables
 */
public record TableRef(String name, String kind, String path, Optional<TableId> medallion) {
  /** The prefix of the run log and gate results tables' names. */
  public static final String OPS = "_ops";

  /** The prefix of quarantine tables' names. */
  public static final String QUARANTINE = "_quarantine";

  public static TableRef of(TableId id, String path) {
    return new TableRef(id.toString(), id.layer().id(), path, Optional.of(id));
  }

  @Override
  public String toString() {
    return name;
  }
}
