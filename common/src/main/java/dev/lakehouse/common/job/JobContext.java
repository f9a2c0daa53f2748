package dev.lakehouse.common.job;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.table.TableLayout;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one run of a job knows: its run id, the batch, the source, the run date, the settings and
 * the table layout.
 *
 * @param runId unique id of this run (also in the run log and lineage)
 * @param batchId the batch being processed; empty lets the job derive or choose it
 * @param source the landing folder or URI; empty means the job's default under the root
 * @param runDate the logical date of the run
 * @param from first day of a date range (sources that fetch by day)
 * @param to last day of a date range
 */
public record JobContext(
    String runId,
    Optional<String> batchId,
    Optional<String> source,
    LocalDate runDate,
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    LakehouseSettings settings,
    TableLayout layout,
    Progress progress) {

  /** A copy with the batch id set (the pipeline hands the bronze batch to the next jobs). */
  public JobContext withBatch(String batch) {
    return new JobContext(
        runId, Optional.of(batch), source, runDate, from, to, settings, layout, progress);
  }

  /** A copy with a new run id (each job of a pipeline is its own run). */
  public JobContext withRunId(String id) {
    return new JobContext(id, batchId, source, runDate, from, to, settings, layout, progress);
  }
}
