package dev.lakehouse.common.quality;

import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.table.TableId;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one quality gate run over the data a job is about to publish.
 *
 * @param runId the job run
 * @param job the job's name
 * @param batchId the batch checked, or null
 * @param table the table the data is for
 * @param suite where the suite came from
 * @param tableVersion the table's Delta version before publishing, -1 when it does not exist yet
 * @param rowCount rows checked
 * @param outcomes one per rule, in suite order
 * @param quarantinedRows rows written to quarantine by this run
 * @param quarantinePath where quarantined rows go
 * @param checkedAt when the gate ran
 */
public record GateReport(
    String runId,
    String job,
    String batchId,
    TableId table,
    String suite,
    long tableVersion,
    long rowCount,
    List<RuleOutcome> outcomes,
    long quarantinedRows,
    String quarantinePath,
    Instant checkedAt) {

  public GateReport {
    outcomes = List.copyOf(outcomes);
  }

  /** True when no error-severity rule failed: the data may be published. */
  public boolean passed() {
    return failures().isEmpty();
  }

  /** The failed error rules. */
  public List<RuleOutcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Status.FAILED).toList();
  }

  /** The failed warning rules. */
  public List<RuleOutcome> warnings() {
    return outcomes.stream().filter(o -> o.status() == Status.WARNING).toList();
  }

  /**
   * One line for progress output, e.g. {@code Quality gate silver.olist.orders: FAILED, 2 of 9
   * rules failed (order_id_is_key, status_known), 1 warning (delivered_has_date), 99441 rows, 37
   * quarantined}.
   */
  public String summaryLine() {
    StringBuilder sb = new StringBuilder("Quality gate ").append(table).append(": ");
    List<RuleOutcome> f = failures();
    List<RuleOutcome> w = warnings();
    if (f.isEmpty()) {
      sb.append("PASSED, ").append(outcomes.size()).append(" rules");
    } else {
      sb.append("FAILED, ")
          .append(f.size())
          .append(" of ")
          .append(outcomes.size())
          .append(" rules failed (")
          .append(names(f))
          .append(")");
    }
    if (!w.isEmpty()) {
      sb.append(", ")
          .append(w.size())
          .append(w.size() == 1 ? " warning (" : " warnings (")
          .append(names(w))
          .append(")");
    }
    sb.append(", ").append(rowCount).append(" rows");
    if (quarantinedRows > 0) {
      sb.append(", ").append(quarantinedRows).append(" quarantined");
    }
    return sb.toString();
  }

  /** Throws a {@link QualityGateException} (exit 3) when an error rule failed. */
  public void throwIfFailed() {
    if (!passed()) {
      throw new QualityGateException(this);
    }
  }

  private static String names(List<RuleOutcome> outcomes) {
    return outcomes.stream().map(RuleOutcome::rule).collect(Collectors.joining(", "));
  }
}
