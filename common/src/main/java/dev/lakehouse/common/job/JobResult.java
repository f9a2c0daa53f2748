package dev.lakehouse.common.job;

import dev.lakehouse.common.delta.TableWrite;
import java.util.List;
import java.util.Optional;

/**
 * What a job did.
 *
 * @param batchId the batch it processed (bronze derives it when none was given)
 * @param rowsIn rows read
 * @param rowsOut rows written to its output tables (quarantine not included)
 * @param writes one entry per table written
 */
public record JobResult(
    Optional<String> batchId, long rowsIn, long rowsOut, List<TableWrite> writes) {
  public JobResult {
    writes = List.copyOf(writes);
  }
}
