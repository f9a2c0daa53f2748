package dev.lakehouse.jobs.olist.silver;

import dev.lakehouse.common.delta.TableWrite;
import java.util.Locale;

/**
 * Where every bronze row of one table went: {@code bronzeRows = silverRows + duplicates +
 * quarantined + outsideBrazil}.
 *
 * @param table the silver table, e.g. {@code silver.olist.orders}
 * @param bronzeRows bronze rows read
 * @param silverRows rows of the computed silver output (one per business key)
 * @param duplicates rows collapsed into another row of the same key (for geolocation: into the row
 *     of their zip prefix)
 * @param quarantined rows that could not be typed, sent to quarantine with the reason
 * @param outsideBrazil geolocation points outside Brazil's bounding box, dropped (0 elsewhere)
 * @param write what the MERGE did (rows inserted and updated; 0 when nothing changed)
 */
public record TableAccount(
    String table,
    long bronzeRows,
    long silverRows,
    long duplicates,
    long quarantined,
    long outsideBrazil,
    TableWrite write) {

  /**
   * The progress line, e.g. {@code silver.olist.orders: 5 bronze rows → 4 silver rows (0 duplicates
   * collapsed, 1 quarantined) MERGE +1 ~1 (v1, 0.8s)}.
   */
  public String line() {
    boolean showOutsideBrazil =
        outsideBrazil > 0 || table.equals(SilverTable.GEOLOCATION.silver().toString());
    return String.format(
        Locale.ROOT,
        "%s: %d bronze rows → %d silver rows (%d duplicates collapsed, %d quarantined%s)"
            + " %s +%d ~%d (v%d, %.1fs)",
        table,
        bronzeRows,
        silverRows,
        duplicates,
        quarantined,
        showOutsideBrazil ? ", " + outsideBrazil + " outside Brazil" : "",
        write.operation(),
        write.rowsInserted(),
        write.rowsUpdated(),
        write.version(),
        write.seconds());
  }
}
