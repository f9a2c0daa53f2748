package dev.lakehouse.common.quality;

import dev.lakehouse.common.quality.ConstraintSpec.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Translates a rule suite into the Deequ constraints that check it. Pure: no Spark session, no
 * data; {@link DeequAdapter} builds Deequ's {@code Check} objects from the result.
 *
 * <p>Choices worth knowing:
 *
 * <ul>
 *   <li>{@code freshness} is a Compliance constraint {@code col >= cutoff} that must be above 0: at
 *       least one row is at or after the cutoff exactly when the newest value is. The cutoff is the
 *       start of the run date minus {@code max-age}. It shares Deequ's scan with the other rules
 *       (Deequ's Maximum only takes numeric columns).
 *   <li>{@code pattern} is Deequ's PatternMatch restricted to non-null values ({@code where col IS
 *       NOT NULL}); Deequ alone counts nulls as non-matching.
 *   <li>{@code data_type} on a string column is Deequ's DataType classification; on a typed column
 *       the Spark schema already says the type, so it is compared without a scan.
 *   <li>{@code primary_key} is one Completeness constraint per key column plus Deequ's isPrimaryKey
 *       (Uniqueness = 1).
 * </ul>
 */
public final class RuleTranslator {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** How a translated rule is evaluated. */
  public enum Evaluation {
    /** A Deequ Check in the one verification run over the data. */
    DEEQU,
    /** A Deequ anomaly check against the metrics repository (same verification run). */
    ANOMALY,
    /** Deequ's ReferentialIntegrity against the reference table (a join). */
    REFERENTIAL_INTEGRITY,
    /** The Spark schema (no scan). */
    SCHEMA
  }

  /** A rule and the constraints that check it. */
  public record RulePlan(Rule rule, List<ConstraintSpec> constraints) {
    public RulePlan {
      constraints = List.copyOf(constraints);
    }

    public Evaluation evaluation() {
      Type t = constraints.get(0).type();
      return switch (t) {
        case ANOMALY_SIZE, ANOMALY_COMPLETENESS -> Evaluation.ANOMALY;
        case REFERENTIAL_INTEGRITY -> Evaluation.REFERENTIAL_INTEGRITY;
        case SCHEMA_TYPE -> Evaluation.SCHEMA;
        default -> Evaluation.DEEQU;
      };
    }
  }

  private RuleTranslator() {}

  /**
   * Translates every rule of a suite.
   *
   * @param schema the schema of the data to check (decides how data_type is checked)
   * @param runDate the run's logical date (freshness counts back from it)
   */
  public static List<RulePlan> translate(RuleSuite suite, StructType schema, LocalDate runDate) {
    List<RulePlan> plans = new ArrayList<>();
    for (Rule r : suite.rules()) {
      plans.add(new RulePlan(r, translate(r, schema, runDate)));
    }
    return plans;
  }

  /** The constraints of one rule, in the order their results are reported. */
  public static List<ConstraintSpec> translate(Rule r, StructType schema, LocalDate runDate) {
    List<String> cols = r.columns();
    Bound fraction = Bound.atLeast(r.minFraction());
    List<ConstraintSpec> out = new ArrayList<>();
    switch (r.kind()) {
      case ROW_COUNT -> {
        if (r.min() != null) {
          out.add(ConstraintSpec.of(Type.SIZE, List.of(), Bound.atLeast(r.min())));
        }
        if (r.max() != null) {
          out.add(ConstraintSpec.of(Type.SIZE, List.of(), Bound.atMost(r.max())));
        }
      }
      case COMPLETENESS -> cols.forEach(c -> out.add(spec(Type.COMPLETENESS, c, fraction)));
      case UNIQUENESS -> out.add(ConstraintSpec.of(Type.UNIQUENESS, cols, fraction));
      case PRIMARY_KEY -> {
        cols.forEach(c -> out.add(spec(Type.COMPLETENESS, c, Bound.atLeast(1))));
        out.add(ConstraintSpec.of(Type.PRIMARY_KEY, cols, Bound.atLeast(1)));
      }
      case ALLOWED_VALUES ->
          out.add(spec(Type.CONTAINED_IN, r.column(), fraction).withValues(r.values()));
      case MIN -> out.add(spec(Type.MIN, r.column(), Bound.atLeast(r.min())));
      case MAX -> out.add(spec(Type.MAX, r.column(), Bound.atMost(r.max())));
      case RANGE -> {
        out.add(spec(Type.MIN, r.column(), Bound.atLeast(r.min())));
        out.add(spec(Type.MAX, r.column(), Bound.atMost(r.max())));
      }
      case NON_NEGATIVE -> out.add(spec(Type.NON_NEGATIVE, r.column(), fraction));
      case POSITIVE -> out.add(spec(Type.POSITIVE, r.column(), fraction));
      case PATTERN ->
          out.add(
              spec(Type.PATTERN, r.column(), fraction)
                  .withArgument(r.regex())
                  .withWhere(quote(r.column()) + " IS NOT NULL")
                  .withNote("share of non-null values matching " + r.regex()));
      case DATA_TYPE -> out.add(dataType(r, schema, fraction));
      case STRING_LENGTH -> {
        if (r.min() != null) {
          out.add(spec(Type.MIN_LENGTH, r.column(), Bound.atLeast(r.min())));
        }
        if (r.max() != null) {
          out.add(spec(Type.MAX_LENGTH, r.column(), Bound.atMost(r.max())));
        }
      }
      case SATISFIES ->
          out.add(ConstraintSpec.of(Type.COMPLIANCE, cols, fraction).withArgument(r.predicate()));
      case FRESHNESS -> out.add(freshness(r, runDate));
      case REFERENTIAL_INTEGRITY ->
          out.add(
              ConstraintSpec.of(Type.REFERENTIAL_INTEGRITY, cols, fraction)
                  .withNote(
                      "share of rows whose "
                          + String.join(", ", cols)
                          + " is found in "
                          + r.reference().table()
                          + "."
                          + String.join(", ", r.reference().columns())));
      case ANOMALY_ROW_COUNT ->
          out.add(ConstraintSpec.of(Type.ANOMALY_SIZE, List.of(), null).withAnomaly(r.anomaly()));
      case ANOMALY_COMPLETENESS ->
          out.add(
              ConstraintSpec.of(Type.ANOMALY_COMPLETENESS, cols, null).withAnomaly(r.anomaly()));
    }
    return out;
  }

  private static ConstraintSpec dataType(Rule r, StructType schema, Bound fraction) {
    boolean stringColumn =
        schema != null
            && schema.getFieldIndex(r.column()).isDefined()
            && schema.apply(r.column()).dataType() instanceof StringType;
    if (stringColumn && r.type().deequClassifies()) {
      return spec(Type.DATA_TYPE, r.column(), fraction)
          .withDataType(r.type())
          .withNote("share of non-null values that are " + r.type().id());
    }
    return spec(Type.SCHEMA_TYPE, r.column(), Bound.exactly(1)).withDataType(r.type());
  }

  private static ConstraintSpec freshness(Rule r, LocalDate runDate) {
    LocalDateTime cutoff = runDate.atStartOfDay().minus(r.maxAge());
    String ts = TS.format(cutoff);
    return spec(Type.COMPLIANCE, r.column(), Bound.above(0))
        .withArgument(quote(r.column()) + " >= TIMESTAMP '" + ts + "'")
        .withNote(
            "share of rows with "
                + r.column()
                + " at or after "
                + ts
                + " = run date "
                + runDate
                + " minus "
                + describe(r.maxAge()));
  }

  private static ConstraintSpec spec(Type type, String column, Bound bound) {
    return ConstraintSpec.of(type, List.of(column), bound);
  }

  /** A Spark SQL identifier in backquotes. */
  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String describe(java.time.Duration d) {
    if (d.toHours() % 24 == 0 && d.toSeconds() % 3600 == 0) {
      return d.toDays() + " days";
    }
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + " hours";
    }
    return d.toString();
  }
}
