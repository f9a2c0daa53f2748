package dev.lakehouse.common.quality;

import dev.lakehouse.common.table.TableId;
import java.time.Duration;
import java.util.List;

/**
 * One check of a rule suite, as written in {@code dq-rules/<domain>/<layer>_<table>.conf} and
 * validated by {@link RuleSuiteLoader}. Parameters that a kind does not use are null (or empty).
 *
 * @param name unique within the suite; appears in results, quarantine reasons and alerts
 * @param kind what is checked
 * @param severity error (blocks the promotion) or warning
 * @param description optional human description, may be null
 * @param columns the columns checked (for {@code satisfies}: the columns the predicate reads)
 * @param min lower bound (row_count, min, range, string_length), or null
 * @param max upper bound (row_count, max, range, string_length), or null
 * @param minFraction share of rows that must comply, 1.0 unless the rule says otherwise
 * @param values allowed values (allowed_values)
 * @param regex the pattern (pattern)
 * @param type the expected type (data_type)
 * @param predicate the SQL predicate (satisfies)
 * @param maxAge how old the newest value may be, counted back from the run date (freshness)
 * @param reference the referenced table and columns (referential_integrity)
 * @param anomaly the allowed change against earlier runs (anomaly_*)
 * @param line where the check starts in its file (for messages), 0 when unknown
 */
public record Rule(
    String name,
    RuleKind kind,
    Severity severity,
    String description,
    List<String> columns,
    Double min,
    Double max,
    double minFraction,
    List<String> values,
    String regex,
    ColumnType type,
    String predicate,
    Duration maxAge,
    Reference reference,
    Anomaly anomaly,
    int line) {

  public Rule {
    columns = List.copyOf(columns);
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** The first (usually only) column, or null for table-level rules. */
  public String column() {
    return columns.isEmpty() ? null : columns.get(0);
  }

  /** e.g. {@code primary_key on order_id} or {@code row_count}. */
  public String label() {
    return columns.isEmpty() ? kind.id() : kind.id() + " on " + String.join(", ", columns);
  }

  /** A referenced table and the columns the rule's columns must be found in. */
  public record Reference(TableId table, List<String> columns) {
    public Reference {
      columns = List.copyOf(columns);
    }
  }

  /** How Deequ decides that a metric changed too much from the previous runs. */
  public enum Strategy {
    /** Deequ's RelativeRateOfChangeStrategy: current / previous must stay within the bounds. */
    RELATIVE_RATE,
    /** Deequ's AbsoluteChangeStrategy: current - previous must stay within the bounds. */
    ABSOLUTE_CHANGE
  }

  /**
   * An anomaly rule's strategy and bounds.
   *
   * @param maxIncrease for RELATIVE_RATE the largest allowed ratio (e.g. 2.0), for ABSOLUTE_CHANGE
   *     the largest allowed rise; null: unbounded
   * @param maxDecrease for RELATIVE_RATE the smallest allowed ratio (e.g. 0.5), for ABSOLUTE_CHANGE
   *     the largest allowed drop as a positive number; null: unbounded
   */
  public record Anomaly(Strategy strategy, Double maxIncrease, Double maxDecrease) {
    /** e.g. {@code relative rate within 0.5..2.0}. */
    public String describe() {
      String lo = maxDecrease == null ? "" : fmt(maxDecrease);
      String hi = maxIncrease == null ? "" : fmt(maxIncrease);
      return strategy == Strategy.RELATIVE_RATE
          ? "ratio to the previous run within " + (lo.isEmpty() ? "0" : lo) + ".." + hi
          : "change from the previous run within "
              + (lo.isEmpty() ? "" : "-" + lo)
              + ".."
              + (hi.isEmpty() ? "" : "+" + hi);
    }

    private static String fmt(double d) {
      return Bound.format(d);
    }
  }
}
