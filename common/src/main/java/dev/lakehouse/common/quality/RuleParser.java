package dev.lakehouse.common.quality;

import com.typesafe.config.ConfigObject;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.quality.ParamReader.Problem;
import dev.lakehouse.common.table.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one check object of a rule suite into a {@link Rule}: which parameters each kind takes,
 * their ranges, and that the columns exist with a suitable type. Every problem is recorded (with
 * its line) instead of stopping at the first, so one load lists all that is wrong with a file.
 */
final class RuleParser {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> COMMON = Set.of("name", "kind", "severity", "description");
  private static final Set<String> RELATIVE = Set.of("max-rate-increase", "max-rate-decrease");
  private static final Set<String> ABSOLUTE = Set.of("max-increase", "max-decrease");

  private final StructType schema;
  private final List<Problem> problems;
  private ParamReader p;

  /**
   * @param schema the columns of the table, or null to skip column checks
   * @param problems where problems are added
   */
  RuleParser(StructType schema, List<Problem> problems) {
    this.schema = schema;
    this.problems = problems;
  }

  /** Parses one check; null when it has problems (they are recorded). */
  Rule parse(ConfigObject check, int index) {
    int before = problems.size();
    p = new ParamReader(check, problems);
    p.rule("#" + index);
    String name = p.string("name", true);
    if (name != null) {
      p.rule(name);
      if (!NAME.matcher(name).matches()) {
        p.problem("name", "name must be lower-case letters, digits and _, starting with a letter");
      }
    }
    String kindText = p.string("kind", true);
    RuleKind kind = kindText == null ? null : RuleKind.parse(kindText);
    if (kindText != null && kind == null) {
      p.problem("kind", "unknown rule kind '" + kindText + "'; known kinds: " + RuleKind.ids());
    }
    String sevText = p.string("severity", true);
    Severity severity = sevText == null ? null : Severity.parse(sevText);
    if (sevText != null && severity == null) {
      p.problem("severity", "unknown severity '" + sevText + "'; use error or warning");
    }
    String description = p.string("description", false);
    if (kind == null) {
      return null;
    }
    Set<String> allowed = params(kind);
    for (String key : check.keySet()) {
      if (!COMMON.contains(key) && !allowed.contains(key)) {
        p.problem(
            key, "unknown parameter '" + key + "' for kind " + kind.id() + "; it takes " + allowed);
      }
    }
    Rule rule = build(name, kind, severity, description);
    return problems.size() == before ? rule : null;
  }

  private Rule build(String name, RuleKind kind, Severity severity, String description) {
    List<String> columns = List.of();
    Double min = null;
    Double max = null;
    List<String> values = List.of();
    String regex = null;
    ColumnType type = null;
    String predicate = null;
    Duration maxAge = null;
    Rule.Reference reference = null;
    Rule.Anomaly anomaly = null;
    switch (kind) {
      case ROW_COUNT -> {
        min = p.count("min");
        max = p.count("max");
        bounds(min, max, true);
      }
      case COMPLETENESS, UNIQUENESS, PRIMARY_KEY -> columns = columns(t -> true, null);
      case ALLOWED_VALUES -> {
        columns = column(RuleParser::atomic, "an atomic type (not a struct, array or map)");
        values = p.strings("values");
      }
      case MIN, MAX, RANGE -> {
        columns = column(t -> t instanceof NumericType, "a numeric type");
        min = kind == RuleKind.MAX ? null : p.number("min", true);
        max = kind == RuleKind.MIN ? null : p.number("max", true);
        bounds(min, max, false);
      }
      case NON_NEGATIVE, POSITIVE ->
          columns = column(t -> t instanceof NumericType, "a numeric type");
      case PATTERN -> {
        columns = column(t -> t instanceof StringType, "type string");
        regex = regex();
      }
      case DATA_TYPE -> {
        columns = column(t -> true, null);
        type = columnType();
        if (type != null && !type.deequClassifies() && type != ColumnType.STRING) {
          for (String c : columns) {
            stringColumnCannotHold(c, type);
          }
        }
      }
      case STRING_LENGTH -> {
        columns = column(t -> t instanceof StringType, "type string");
        min = p.count("min");
        max = p.count("max");
        bounds(min, max, true);
      }
      case SATISFIES -> {
        predicate = p.string("predicate", true);
        columns = predicate == null ? List.of() : predicateColumns(predicate);
      }
      case FRESHNESS -> {
        columns =
            column(
                t -> ColumnType.DATE.matches(t) || ColumnType.TIMESTAMP.matches(t),
                "a date or timestamp type");
        maxAge = p.duration("max-age");
      }
      case REFERENTIAL_INTEGRITY -> {
        columns = columns(t -> true, null);
        reference = reference(columns);
      }
      case ANOMALY_ROW_COUNT -> anomaly = anomaly();
      case ANOMALY_COMPLETENESS -> {
        columns = column(t -> true, null);
        anomaly = anomaly();
      }
    }
    double minFraction = p.fraction();
    return new Rule(
        name,
        kind,
        severity,
        description,
        columns,
        min,
        max,
        minFraction,
        values,
        regex,
        type,
        predicate,
        maxAge,
        reference,
        anomaly,
        p.line());
  }

  /** The parameters each kind takes besides name, kind, severity and description. */
  static Set<String> params(RuleKind kind) {
    Set<String> s =
        new TreeSet<>(
            switch (kind) {
              case ROW_COUNT -> Set.of("min", "max");
              case COMPLETENESS, UNIQUENESS -> Set.of("column", "columns", "min-fraction");
              case PRIMARY_KEY -> Set.of("column", "columns");
              case ALLOWED_VALUES -> Set.of("column", "values", "min-fraction");
              case MIN -> Set.of("column", "min");
              case MAX -> Set.of("column", "max");
              case RANGE -> Set.of("column", "min", "max");
              case NON_NEGATIVE, POSITIVE -> Set.of("column", "min-fraction");
              case PATTERN -> Set.of("column", "regex", "min-fraction");
              case DATA_TYPE -> Set.of("column", "type", "min-fraction");
              case STRING_LENGTH -> Set.of("column", "min", "max");
              case SATISFIES -> Set.of("predicate", "min-fraction");
              case FRESHNESS -> Set.of("column", "max-age");
              case REFERENTIAL_INTEGRITY ->
                  Set.of(
                      "column",
                      "columns",
                      "reference",
                      "reference-column",
                      "reference-columns",
                      "min-fraction");
              case ANOMALY_ROW_COUNT -> Set.of();
              case ANOMALY_COMPLETENESS -> Set.of("column");
            });
    if (kind.anomaly()) {
      s.addAll(RELATIVE);
      s.addAll(ABSOLUTE);
    }
    return s;
  }

  private void bounds(Double min, Double max, boolean oneRequired) {
    if (oneRequired && !p.has("min") && !p.has("max")) {
      p.problem(null, "needs 'min', 'max' or both");
    }
    if (min != null && max != null && min > max) {
      p.problem(
          "min", "min (" + Bound.format(min) + ") is greater than max (" + Bound.format(max) + ")");
    }
  }

  /** {@code column = c} or {@code columns = [a, b]}, each checked against the schema. */
  private List<String> columns(Predicate<DataType> typeOk, String typeNeeded) {
    if (p.has("column") && p.has("columns")) {
      p.problem("columns", "give either 'column' or 'columns', not both");
      return List.of();
    }
    if (!p.has("columns")) {
      return column(typeOk, typeNeeded);
    }
    List<String> cols = p.strings("columns");
    for (String c : cols) {
      checkColumn("columns", c, typeOk, typeNeeded);
    }
    return cols;
  }

  private List<String> column(Predicate<DataType> typeOk, String typeNeeded) {
    String c = p.string("column", true);
    if (c == null) {
      return List.of();
    }
    checkColumn("column", c, typeOk, typeNeeded);
    return List.of(c);
  }

  private void checkColumn(String key, String c, Predicate<DataType> typeOk, String typeNeeded) {
    if (schema == null) {
      return;
    }
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(c)) {
        DataType t = schema.fields()[i].dataType();
        if (!typeOk.test(t)) {
          p.problem(
              key,
              "column '"
                  + c
                  + "' has type "
                  + t.simpleString()
                  + " but this kind needs "
                  + typeNeeded);
        }
        return;
      }
    }
    p.problem(key, "unknown column '" + c + "'; " + ColumnHints.suggest(c, names));
  }

  private String regex() {
    String r = p.string("regex", true);
    if (r == null) {
      return null;
    }
    try {
      Pattern.compile(r);
      return r;
    } catch (PatternSyntaxException e) {
      p.problem(
          "regex", "regex does not compile: " + e.getDescription() + " at index " + e.getIndex());
      return null;
    }
  }

  private ColumnType columnType() {
    String t = p.string("type", true);
    ColumnType type = t == null ? null : ColumnType.parse(t);
    if (t != null && type == null) {
      p.problem("type", "unknown type '" + t + "'; use one of " + ColumnType.ids());
    }
    return type;
  }

  private List<String> predicateColumns(String predicate) {
    List<String> referenced;
    try {
      referenced = DeequAdapter.predicateColumns(predicate);
    } catch (IllegalArgumentException e) {
      p.problem("predicate", "predicate is not valid SQL: " + e.getMessage());
      return List.of();
    }
    int before = problems.size();
    for (String c : referenced) {
      checkColumn("predicate", c, t -> true, null);
    }
    if (schema != null && problems.size() == before) {
      DeequAdapter.predicateProblem(predicate, schema)
          .ifPresent(m -> p.problem("predicate", "predicate does not work on this table: " + m));
    }
    return referenced;
  }

  private Rule.Reference reference(List<String> columns) {
    String ref = p.string("reference", true);
    TableId table = null;
    if (ref != null) {
      try {
        table = TableId.parse(ref);
      } catch (LakehouseException e) {
        p.problem("reference", "reference: " + e.getMessage());
      }
    }
    List<String> refCols = columns;
    if (p.has("reference-column") && p.has("reference-columns")) {
      p.problem("reference-columns", "give either 'reference-column' or 'reference-columns'");
    } else if (p.has("reference-column")) {
      String c = p.string("reference-column", true);
      refCols = c == null ? List.of() : List.of(c);
    } else if (p.has("reference-columns")) {
      refCols = p.strings("reference-columns");
    }
    if (!columns.isEmpty() && refCols.size() != columns.size()) {
      p.problem(
          p.has("reference-columns") ? "reference-columns" : null,
          "needs as many reference columns as columns ("
              + columns.size()
              + "), not "
              + refCols.size());
    }
    return table == null ? null : new Rule.Reference(table, refCols);
  }

  private Rule.Anomaly anomaly() {
    boolean relative = RELATIVE.stream().anyMatch(p::has);
    boolean absolute = ABSOLUTE.stream().anyMatch(p::has);
    if (relative && absolute) {
      p.problem(null, "mixes relative bounds " + RELATIVE + " with absolute bounds " + ABSOLUTE);
      return null;
    }
    if (!relative && !absolute) {
      p.problem(
          null,
          "needs max-rate-increase and/or max-rate-decrease (relative rate of change),"
              + " or max-increase and/or max-decrease (absolute change)");
      return null;
    }
    if (relative) {
      Double up = p.number("max-rate-increase", false);
      Double down = p.number("max-rate-decrease", false);
      if (up != null && up < 1) {
        p.problem("max-rate-increase", "max-rate-increase is a ratio such as 2.0 and must be >= 1");
      }
      if (down != null && (down < 0 || down > 1)) {
        p.problem("max-rate-decrease", "max-rate-decrease is a ratio such as 0.5, between 0 and 1");
      }
      return new Rule.Anomaly(Rule.Strategy.RELATIVE_RATE, up, down);
    }
    Double up = p.number("max-increase", false);
    Double down = p.number("max-decrease", false);
    if ((up != null && up < 0) || (down != null && down < 0)) {
      p.problem(null, "max-increase and max-decrease are sizes of change and must be >= 0");
    }
    return new Rule.Anomaly(Rule.Strategy.ABSOLUTE_CHANGE, up, down);
  }

  private void stringColumnCannotHold(String column, ColumnType type) {
    if (schema != null
        && schema.getFieldIndex(column).isDefined()
        && schema.apply(column).dataType() instanceof StringType) {
      p.problem(
          "type",
          "column '"
              + column
              + "' is a string column; Deequ classifies string values only as integral,"
              + " fractional, numeric or boolean. Check "
              + type.id()
              + " text with a pattern rule instead");
    }
  }

  private static boolean atomic(DataType t) {
    return !(t instanceof StructType || t instanceof ArrayType || t instanceof MapType);
  }
}
