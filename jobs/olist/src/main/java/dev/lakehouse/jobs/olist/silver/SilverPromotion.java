package dev.lakehouse.jobs.olist.silver;

import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of {@link PromoteOlistToSilver} did, table by table.
 *
 * @param batchId the bronze batch promoted; empty when all of bronze was
 * @param tables the accounting of each silver table, in promotion order
 * @param quarantineWrites the quarantine appends (possibly SKIPPED when a batch was already there)
 */
public record SilverPromotion(
    Optional<String> batchId, List<TableAccount> tables, List<TableWrite> quarantineWrites) {
  public SilverPromotion {
    tables = List.copyOf(tables);
    quarantineWrites = List.copyOf(quarantineWrites);
  }

  /** The account of one table. */
  public TableAccount table(SilverTable table) {
    String name = table.silver().toString();
    return tables.stream()
        .filter(t -> t.table().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " was not promoted"));
  }

  public long bronzeRows() {
    return tables.stream().mapToLong(TableAccount::bronzeRows).sum();
  }

  /** Silver rows inserted or updated (quarantine not included). */
  public long rowsWritten() {
    return tables.stream().mapToLong(t -> t.write().rowsWritten()).sum();
  }

  /** rowsIn = bronze rows read; rowsOut = silver rows inserted plus updated. */
  public JobResult toJobResult() {
    List<TableWrite> writes = new ArrayList<>();
    tables.forEach(t -> writes.add(t.write()));
    writes.addAll(quarantineWrites);
    return new JobResult(batchId, bronzeRows(), rowsWritten(), writes);
  }
}
