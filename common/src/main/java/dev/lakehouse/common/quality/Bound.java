package dev.lakehouse.common.quality;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The assertion on one metric, e.g. {@code >= 0.95}: what Deequ tests, and how results are worded
 * ({@code Completeness 0.9 < 0.95}).
 */
public record Bound(Cmp cmp, double value) {

  /** Comparison operators, with their negation for failure messages. */
  public enum Cmp {
    GE(">=", "<"),
    LE("<=", ">"),
    GT(">", "<="),
    EQ("==", "!=");

    private final String symbol;
    private final String negated;

    Cmp(String symbol, String negated) {
      this.symbol = symbol;
      this.negated = negated;
    }

    public String symbol() {
      return symbol;
    }
  }

  public static Bound atLeast(double v) {
    return new Bound(Cmp.GE, v);
  }

  public static Bound atMost(double v) {
    return new Bound(Cmp.LE, v);
  }

  public static Bound above(double v) {
    return new Bound(Cmp.GT, v);
  }

  public static Bound exactly(double v) {
    return new Bound(Cmp.EQ, v);
  }

  /** True when the metric value satisfies the bound. */
  public boolean test(double metric) {
    return switch (cmp) {
      case GE -> metric >= value;
      case LE -> metric <= value;
      case GT -> metric > value;
      case EQ -> metric == value;
    };
  }

  /** The requirement, e.g. {@code >= 0.95}. */
  public String describe() {
    return cmp.symbol + " " + format(value);
  }

  /** How a failing value relates to the bound, e.g. {@code < 0.95}. */
  public String violation() {
    return cmp.negated + " " + format(value);
  }

  /** A compact number: integers without decimals, others with at most 6 significant digits. */
  public static String format(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
