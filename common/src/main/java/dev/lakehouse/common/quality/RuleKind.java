package dev.lakehouse.common.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of rule a suite may use. Each is translated to Deequ's own constraints or analyzers by
 * {@link RuleTranslator}; dq-rules/README.md documents their parameters.
 */
public enum RuleKind {
  ROW_COUNT(false),
  COMPLETENESS(true),
  UNIQUENESS(true),
  PRIMARY_KEY(true),
  ALLOWED_VALUES(true),
  MIN(true),
  MAX(true),
  RANGE(true),
  NON_NEGATIVE(true),
  POSITIVE(true),
  PATTERN(true),
  DATA_TYPE(false),
  STRING_LENGTH(true),
  SATISFIES(true),
  FRESHNESS(false),
  REFERENTIAL_INTEGRITY(true),
  ANOMALY_ROW_COUNT(false),
  ANOMALY_COMPLETENESS(false);

  private final boolean rowLevel;

  RuleKind(boolean rowLevel) {
    this.rowLevel = rowLevel;
  }

  /** The name used in rule files, e.g. {@code primary_key}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True when single rows can break the rule; the rows that break a failed {@code error} rule of
   * such a kind go to quarantine.
   */
  public boolean rowLevel() {
    return rowLevel;
  }

  /** True for the rules that compare a metric with earlier runs. */
  public boolean anomaly() {
    return this == ANOMALY_ROW_COUNT || this == ANOMALY_COMPLETENESS;
  }

  /** Parses a kind name; null when unknown. */
  public static RuleKind parse(String s) {
    for (RuleKind k : values()) {
      if (k.id().equals(s)) {
        return k;
      }
    }
    return null;
  }

  /** Every kind name, for error messages. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(RuleKind::id).toList();
  }
}
