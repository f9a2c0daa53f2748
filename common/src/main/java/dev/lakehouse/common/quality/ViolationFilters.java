package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The rows that break a row-level rule, computed over the same (persisted) data the gate checked.
 * The predicates follow Deequ's metrics: a null value breaks completeness and primary keys, and
 * nothing else (Deequ's Compliance of {@code satisfies} counts a null predicate as a break, so does
 * this).
 */
final class ViolationFilters {
  /** Column added while looking for duplicated keys. */
  static final String KEY_COUNT = "__dq_key_count";

  /** Outcome column of Deequ's referential integrity row-level check. */
  static final String RI_FOUND = "__dq_reference_found";

  private ViolationFilters() {}

  /**
   * The offending rows of a rule, with the data's own columns only.
   *
   * @param riAnnotated for referential_integrity: the data with the {@link #RI_FOUND} column
   * @throws IllegalArgumentException for kinds that are not row-level
   */
  static Dataset<Row> offending(Rule r, Dataset<Row> data, Dataset<Row> riAnnotated) {
    List<String> cols = r.columns();
    Column c = cols.isEmpty() ? null : column(r.column());
    return switch (r.kind()) {
      case COMPLETENESS -> data.filter(anyNull(cols));
      case UNIQUENESS -> duplicates(data, cols, lit(false));
      case PRIMARY_KEY -> duplicates(data, cols, anyNull(cols));
      case ALLOWED_VALUES -> data.filter(c.isNotNull().and(not(c.isin(r.values().toArray()))));
      case MIN -> data.filter(c.lt(r.min()));
      case MAX -> data.filter(c.gt(r.max()));
      case RANGE -> data.filter(c.lt(r.min()).or(c.gt(r.max())));
      case NON_NEGATIVE -> data.filter(c.lt(0));
      case POSITIVE -> data.filter(c.leq(0));
      case PATTERN -> data.filter(c.isNotNull().and(regexp_extract(c, r.regex(), 0).equalTo("")));
      case STRING_LENGTH -> data.filter(lengthOutside(c, r.min(), r.max()));
      case SATISFIES -> data.filter(not(coalesce(expr(r.predicate()), lit(false))));
      case REFERENTIAL_INTEGRITY ->
          riAnnotated.filter(not(col(RI_FOUND)).and(all(cols))).drop(RI_FOUND);
      default -> throw new IllegalArgumentException(r.kind().id() + " is not a row-level rule");
    };
  }

  /** Rows whose key occurs more than once (or that match {@code alsoBad}). */
  private static Dataset<Row> duplicates(Dataset<Row> data, List<String> cols, Column alsoBad) {
    Column[] keys = cols.stream().map(ViolationFilters::column).toArray(Column[]::new);
    return data.withColumn(KEY_COUNT, count(lit(1)).over(Window.partitionBy(keys)))
        .filter(col(KEY_COUNT).gt(1).and(all(cols)).or(alsoBad))
        .drop(KEY_COUNT);
  }

  private static Column lengthOutside(Column c, Double min, Double max) {
    Column bad = lit(false);
    if (min != null) {
      bad = bad.or(length(c).lt(min));
    }
    if (max != null) {
      bad = bad.or(length(c).gt(max));
    }
    return bad;
  }

  private static Column anyNull(List<String> cols) {
    return cols.stream().map(x -> column(x).isNull()).reduce(Column::or).orElse(lit(false));
  }

  private static Column all(List<String> cols) {
    return cols.stream().map(x -> column(x).isNotNull()).reduce(Column::and).orElse(lit(true));
  }

  private static Column column(String name) {
    return col(RuleTranslator.quote(name));
  }
}
