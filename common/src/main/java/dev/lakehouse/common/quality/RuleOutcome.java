package dev.lakehouse.common.quality;

import java.util.List;

/**
 * What one rule found. One row of {@code _ops/dq_results}.
 *
 * @param rule the rule's name
 * @param kind its kind
 * @param severity its severity
 * @param columns the columns it checks (empty for table-level rules)
 * @param status PASSED, FAILED (an error rule failed) or WARNING (a warning rule failed)
 * @param metric the Deequ metric it was decided on (e.g. Uniqueness), or null
 * @param value the metric's value, or null when there was none (no rows, no history)
 * @param message the metric against the requirement, e.g. {@code Uniqueness 0.98 < 1}
 */
public record RuleOutcome(
    String rule,
    RuleKind kind,
    Severity severity,
    List<String> columns,
    Status status,
    String metric,
    Double value,
    String message) {

  /** The outcome of a rule. */
  public enum Status {
    PASSED,
    FAILED,
    WARNING
  }

  public RuleOutcome {
    columns = List.copyOf(columns);
  }

  /** {@code order_id_is_key (primary_key on order_id): Uniqueness 0.98 < 1}. */
  public String describe() {
    String on = columns.isEmpty() ? kind.id() : kind.id() + " on " + String.join(", ", columns);
    return rule + " (" + on + "): " + message;
  }
}
