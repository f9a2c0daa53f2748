package dev.lakehouse.common.delta;

/**
 * What one write did to one table.
 *
 * @param table the table's display name (e.g. {@code bronze.olist.orders})
 * @param path its location
 * @param operation WRITE, MERGE, OVERWRITE or SKIPPED (batch already there)
 * @param version the table's Delta version after the write
 * @param rowsWritten rows appended, or inserted plus updated by a MERGE
 * @param rowsInserted rows inserted (MERGE) or appended
 * @param rowsUpdated rows updated by a MERGE
 * @param seconds wall time of the write
 */
public record TableWrite(
    String table,
    String path,
    String operation,
    long version,
    long rowsWritten,
    long rowsInserted,
    long rowsUpdated,
    double seconds) {

  public boolean skipped() {
    return operation.equals("SKIPPED");
  }
}
