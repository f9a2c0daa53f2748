package dev.lakehouse.common.quality;

import com.typesafe.config.ConfigUtil;
import dev.lakehouse.common.quality.DeequAdapter.SuggestionView;
import dev.lakehouse.common.table.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Drafts a rule suite for a table from Deequ's constraint suggestions (Rules.DEFAULT plus Deequ's
 * approximately-unique rule), as HOCON text in the format of dq-rules/README.md. Every check is a
 * warning: the thresholds come from one sample, and a person decides what must block a promotion.
 */
public final class SuiteSuggester {
  private static final Pattern AT_LEAST = Pattern.compile("_ >= ([0-9.Ee+-]+)");
  private static final Pattern DEEQU_TYPE = Pattern.compile("ConstrainableDataTypes\\.(\\w+)");
  private static final Pattern BARE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "include");

  private SuiteSuggester() {}

  /** Profiles {@code data} with Deequ and returns a suite file text to review and save. */
  public static String suggest(SparkSession spark, TableId table, Dataset<Row> data) {
    DeequAdapter.Suggestions s = DeequAdapter.suggest(data);
    return render(table, s.rows(), s.suggestions(), data.schema());
  }

  static String render(
      TableId table, long rows, List<SuggestionView> suggestions, StructType schema) {
    List<String> columnOrder = Arrays.asList(schema.fieldNames());
    StringBuilder sb = new StringBuilder();
    sb.append("# Suggested rule suite for ")
        .append(table)
        .append(".\n")
        .append("# Drafted by Deequ's constraint suggestion (Rules.DEFAULT and unique columns)")
        .append(" from ")
        .append(rows)
        .append(" rows.\n")
        .append("# Every check is a warning. Review each one: thresholds and value lists come\n")
        .append("# from this one sample. Set severity = error where a failure must block the\n")
        .append("# promotion, and add what Deequ cannot guess (primary_key,\n")
        .append("# referential_integrity, freshness, anomaly_row_count). Then save it as\n")
        .append("#   dq-rules/")
        .append(RuleSuites.relativePath(table))
        .append("\n")
        .append("# Format of every rule kind: dq-rules/README.md\n")
        .append("suite = ")
        .append(table)
        .append("\n")
        .append("checks = [\n");
    Set<String> names = new HashSet<>();
    sb.append(check("has_rows", "row_count", List.of("min = 1"), "the table is not empty", names));
    List<SuggestionView> ordered = new ArrayList<>(suggestions);
    ordered.sort(
        Comparator.comparingInt((SuggestionView v) -> index(columnOrder, v.column()))
            .thenComparing(SuggestionView::rule));
    List<String> untranslated = new ArrayList<>();
    for (SuggestionView v : ordered) {
      if (v.rule().equals("NonNegativeNumbersRule") && !numeric(schema, v.column())) {
        untranslated.add(v.rule() + " on the string column " + v.column() + ": " + v.code());
        continue;
      }
      String line = translate(v, names);
      if (line == null) {
        untranslated.add(v.rule() + ": " + v.code());
      } else {
        sb.append(line);
      }
    }
    sb.append("]\n");
    for (String u : untranslated) {
      sb.append("# Not translated: ").append(u.replace('\n', ' ')).append("\n");
    }
    return sb.toString();
  }

  private static String translate(SuggestionView v, Set<String> names) {
    String col = "column = " + hocon(v.column());
    String base = identifier(v.column());
    return switch (v.rule()) {
      case "CompleteIfCompleteRule" ->
          check(base + "_complete", "completeness", List.of(col), v.description(), names);
      case "RetainCompletenessRule" ->
          check(
              base + "_mostly_complete",
              "completeness",
              List.of(col, "min-fraction = " + fraction(v.code())),
              v.description(),
              names);
      case "RetainTypeRule" -> {
        Matcher m = DEEQU_TYPE.matcher(v.code());
        yield m.find()
            ? check(
                base + "_type",
                "data_type",
                List.of(col, "type = " + m.group(1).toLowerCase(Locale.ROOT)),
                v.description(),
                names)
            : null;
      }
      case "CategoricalRangeRule" ->
          check(
              base + "_allowed", "allowed_values", List.of(col, values(v)), v.description(), names);
      case "FractionalCategoricalRangeRule" ->
          check(
              base + "_mostly_allowed",
              "allowed_values",
              List.of(col, values(v), "min-fraction = " + fraction(v.code())),
              v.description(),
              names);
      case "NonNegativeNumbersRule" ->
          check(base + "_non_negative", "non_negative", List.of(col), v.description(), names);
      case "UniqueIfApproximatelyUniqueRule" ->
          check(base + "_unique", "uniqueness", List.of(col), v.description(), names);
      default -> null;
    };
  }

  private static String check(
      String name, String kind, List<String> params, String description, Set<String> names) {
    String unique = name;
    for (int i = 2; !names.add(unique); i++) {
      unique = name + "_" + i;
    }
    return "  { name = "
        + unique
        + ", kind = "
        + kind
        + ", "
        + String.join(", ", params)
        + ", severity = warning, description = "
        + ConfigUtil.quoteString(description)
        + " }\n";
  }

  private static String values(SuggestionView v) {
    List<String> quoted = v.values().stream().map(SuiteSuggester::hocon).toList();
    return "values = [" + String.join(", ", quoted) + "]";
  }

  /** Deequ's lower bound, rounded down to 4 decimals so the sample itself passes. */
  private static String fraction(String code) {
    Matcher m = AT_LEAST.matcher(code);
    double f = m.find() ? Double.parseDouble(m.group(1)) : 1.0;
    return Bound.format(Math.max(0, Math.floor(f * 10_000) / 10_000));
  }

  /** A HOCON string: bare when that is unambiguous, quoted otherwise. */
  static String hocon(String s) {
    return BARE.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))
        ? s
        : ConfigUtil.quoteString(s);
  }

  /** A rule-name stem from a column name: lower-case letters, digits and _. */
  static String identifier(String column) {
    String s = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return s.matches("[a-z].*") ? s : "c_" + s;
  }

  /** Numeric rules need a numeric column (Deequ profiles numbers in strings too). */
  private static boolean numeric(StructType schema, String column) {
    return schema.getFieldIndex(column).isEmpty()
        || schema.apply(column).dataType() instanceof NumericType;
  }

  private static int index(List<String> order, String column) {
    int i = order.indexOf(column);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
