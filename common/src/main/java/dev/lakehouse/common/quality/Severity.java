package dev.lakehouse.common.quality;

import java.util.Locale;

/**
 * How much a failed rule matters. {@code error} is hard: it blocks the promotion (exit 3). {@code
 * warning} is soft: recorded and alerted, the run goes on.
 */
public enum Severity {
  ERROR,
  WARNING;

  /** The name used in rule files and in {@code _ops/dq_results}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code error} or {@code warning}; null when unknown. */
  public static Severity parse(String s) {
    for (Severity v : values()) {
      if (v.id().equals(s)) {
        return v;
      }
    }
    return null;
  }
}
