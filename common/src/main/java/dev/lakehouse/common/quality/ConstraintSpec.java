package dev.lakehouse.common.quality;

import java.util.List;

/**
 * One Deequ constraint (or analyzer check) a rule is translated to, described in plain Java so the
 * translation can be tested without Spark. {@link DeequAdapter} turns it into Deequ's own {@code
 * Check} methods.
 *
 * @param type which Deequ constraint
 * @param columns the columns it reads
 * @param argument the SQL predicate (COMPLIANCE) or regex (PATTERN), else null
 * @param values the allowed values (CONTAINED_IN), else empty
 * @param bound the assertion on the metric (null for anomaly checks)
 * @param where a Deequ filter on the rows the metric is computed over, or null
 * @param anomaly the strategy of anomaly checks, else null
 * @param dataType the type of DATA_TYPE and SCHEMA_TYPE, else null
 * @param note what the metric means when that is not obvious (appended to messages), or null
 */
public record ConstraintSpec(
    Type type,
    List<String> columns,
    String argument,
    List<String> values,
    Bound bound,
    String where,
    Rule.Anomaly anomaly,
    ColumnType dataType,
    String note) {

  /** The Deequ constraints used, plus the checks made outside Deequ's verification run. */
  public enum Type {
    /** {@code Check.hasSize} on the Size analyzer. */
    SIZE,
    /** {@code Check.hasCompleteness} (Completeness). */
    COMPLETENESS,
    /** {@code Check.hasUniqueness} (Uniqueness over one or more columns). */
    UNIQUENESS,
    /** {@code Check.isPrimaryKey} (Uniqueness must be 1). */
    PRIMARY_KEY,
    /** {@code Check.isContainedIn} (Compliance of {@code col IS NULL OR col IN (...)}). */
    CONTAINED_IN,
    /** {@code Check.satisfies} (Compliance of a SQL predicate). */
    COMPLIANCE,
    /** {@code Check.hasPattern} (PatternMatch) over non-null values. */
    PATTERN,
    /** {@code Check.hasMin} (Minimum). */
    MIN,
    /** {@code Check.hasMax} (Maximum). */
    MAX,
    /** {@code Check.hasMinLength} (MinLength). */
    MIN_LENGTH,
    /** {@code Check.hasMaxLength} (MaxLength). */
    MAX_LENGTH,
    /** {@code Check.hasDataType} (DataType) on a string column. */
    DATA_TYPE,
    /** {@code Check.isNonNegative} (Compliance). */
    NON_NEGATIVE,
    /** {@code Check.isPositive} (Compliance). */
    POSITIVE,
    /** {@code addAnomalyCheck} on the Size analyzer with the metrics repository. */
    ANOMALY_SIZE,
    /** {@code addAnomalyCheck} on the Completeness analyzer with the metrics repository. */
    ANOMALY_COMPLETENESS,
    /** Deequ's {@code ReferentialIntegrity.subsetCheckRowLevel} against the reference table. */
    REFERENTIAL_INTEGRITY,
    /** The column's Spark schema type (typed columns; no scan). */
    SCHEMA_TYPE;

    /** True for the types that are constraints of a Deequ Check in the verification run. */
    public boolean inDeequCheck() {
      return this != ANOMALY_SIZE
          && this != ANOMALY_COMPLETENESS
          && this != REFERENTIAL_INTEGRITY
          && this != SCHEMA_TYPE;
    }
  }

  public ConstraintSpec {
    columns = List.copyOf(columns);
    values = values == null ? List.of() : List.copyOf(values);
  }

  static ConstraintSpec of(Type type, List<String> columns, Bound bound) {
    return new ConstraintSpec(type, columns, null, null, bound, null, null, null, null);
  }

  ConstraintSpec withArgument(String arg) {
    return new ConstraintSpec(type, columns, arg, values, bound, where, anomaly, dataType, note);
  }

  ConstraintSpec withValues(List<String> v) {
    return new ConstraintSpec(type, columns, argument, v, bound, where, anomaly, dataType, note);
  }

  ConstraintSpec withWhere(String w) {
    return new ConstraintSpec(type, columns, argument, values, bound, w, anomaly, dataType, note);
  }

  ConstraintSpec withAnomaly(Rule.Anomaly a) {
    return new ConstraintSpec(type, columns, argument, values, bound, where, a, dataType, note);
  }

  ConstraintSpec withDataType(ColumnType t) {
    return new ConstraintSpec(type, columns, argument, values, bound, where, anomaly, t, note);
  }

  ConstraintSpec withNote(String n) {
    return new ConstraintSpec(type, columns, argument, values, bound, where, anomaly, dataType, n);
  }
}
