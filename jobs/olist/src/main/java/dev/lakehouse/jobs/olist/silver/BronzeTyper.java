package dev.lakehouse.jobs.olist.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Types the string columns of one bronze table. Each call adds one silver column and, where the
 * value can be wrong, the problem it has; {@link #apply} projects the typed row with the bronze
 * metadata, the raw bronze row as JSON ({@value #RAW}) and the problems ({@value #REASON}, null
 * when the row is clean). Only non-empty values can be wrong: an empty optional value is null.
 */
final class BronzeTyper {
  /** The problems of a row, joined with "; "; null when the row can be kept. */
  static final String REASON = "_reason";

  /** The bronze row as JSON, kept for quarantine and as the last, deterministic tie-break. */
  static final String RAW = "_raw";

  /** The source time stamp layout; the pattern guard stops Spark's legacy-parser exception. */
  static final String TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";

  private static final String TIMESTAMP_SHAPE = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$";
  // At most 9 digits, so the cast to int cannot overflow; "3.0" from tools that wrote floats.
  private static final String INTEGER_SHAPE = "^[+-]?\\d{1,9}(\\.0+)?$";
  // Money has two places; more places are accepted only as trailing zeros, so no value is rounded.
  private static final String MONEY_SHAPE = "^[+-]?\\d{1,10}(\\.\\d{1,2}0*)?$";
  private static final String COORDINATE_SHAPE = "^[+-]?\\d{1,3}(\\.\\d+)?$";
  // Tools that read zips as numbers drop the leading zeros ("1037") or add a fraction ("1037.0").
  private static final String ZIP_SHAPE = "^\\d{1,5}(\\.0+)?$";
  private static final String STATE_SHAPE = "^[A-Z]{2}$";
  // Spark's trim() only removes ' '; CSV readers also leave CR, tabs, no-break spaces and BOMs.
  private static final String EDGE_BLANKS = "^[\\s\\x{00A0}\\x{FEFF}]+|[\\s\\x{00A0}\\x{FEFF}]+$";
  private static final String ACCENTED = "áàâãäåéèêëíìîïóòôõöúùûüçñý";
  private static final String PLAIN = "aaaaaaeeeeiiiiooooouuuucny";

  /** Exact sums, so a mean does not depend on the order Spark adds the points in. */
  static final String COORDINATE_TYPE = "decimal(20,15)";

  static final String MONEY_TYPE = "decimal(12,2)";

  private final Map<String, Column> cleaned = new LinkedHashMap<>();
  private final List<Column> values = new ArrayList<>();
  private final List<Column> problems = new ArrayList<>();

  /** A required string: an empty value is a problem (business keys). */
  BronzeTyper key(String source, String target) {
    Column v = cleaned(source);
    values.add(v.as(target));
    problems.add(when(v.isNull(), lit(source + " is empty")));
    return this;
  }

  /** An optional string, trimmed; empty becomes null. */
  BronzeTyper text(String source, String target) {
    values.add(cleaned(source).as(target));
    return this;
  }

  /** An optional string in lower case (city names of customers and sellers). */
  BronzeTyper lowerText(String source, String target) {
    values.add(lower(cleaned(source)).as(target));
    return this;
  }

  /** A city spelt one way: lower case, accents stripped, inner blanks collapsed. */
  BronzeTyper city(String source, String target) {
    values.add(normaliseCity(cleaned(source)).as(target));
    return this;
  }

  /** A Brazilian state: two letters, upper case. */
  BronzeTyper state(String source, String target) {
    Column v = upper(cleaned(source));
    values.add(v.as(target));
    problems.add(invalid(source, v, v.rlike(STATE_SHAPE), "is not a two-letter state code"));
    return this;
  }

  /** A zip code prefix: digits, left-padded with '0' to 5 characters. */
  BronzeTyper zip(String source, String target, boolean required) {
    Column v = cleaned(source);
    Column ok = v.rlike(ZIP_SHAPE);
    values.add(when(ok, lpad(regexp_replace(v, "\\..*$", ""), 5, "0")).as(target));
    problems.add(invalid(source, v, ok, "is not a zip code prefix (1 to 5 digits)"));
    if (required) {
      problems.add(when(v.isNull(), lit(source + " is empty")));
    }
    return this;
  }

  /** An int; {@code required} for key parts such as order_item_id. */
  BronzeTyper integer(String source, String target, boolean required) {
    Column v = cleaned(source);
    Column ok = v.rlike(INTEGER_SHAPE);
    values.add(when(ok, regexp_replace(v, "\\..*$", "").cast("int")).as(target));
    problems.add(invalid(source, v, ok, "is not an integer"));
    if (required) {
      problems.add(when(v.isNull(), lit(source + " is empty")));
    }
    return this;
  }

  /** Money as decimal(12,2), never rounded. */
  BronzeTyper money(String source, String target) {
    Column v = cleaned(source);
    Column ok = v.rlike(MONEY_SHAPE);
    values.add(when(ok, v.cast(MONEY_TYPE)).as(target));
    problems.add(invalid(source, v, ok, "is not an amount with at most 2 decimal places"));
    return this;
  }

  /** A required coordinate in degrees, kept exact (see {@link #COORDINATE_TYPE}). */
  BronzeTyper coordinate(String source, String target) {
    Column v = cleaned(source);
    Column ok = v.rlike(COORDINATE_SHAPE);
    values.add(when(ok, v.cast(COORDINATE_TYPE)).as(target));
    problems.add(invalid(source, v, ok, "is not a coordinate in decimal degrees"));
    problems.add(when(v.isNull(), lit(source + " is empty")));
    return this;
  }

  /** A wall-clock time stamp as written in the source (no zone: the session is UTC). */
  BronzeTyper timestamp(String source, String target) {
    Column v = cleaned(source);
    // try_ variant: null instead of an error when ANSI mode is on; the shape guard comes first
    // because even try_to_timestamp throws when only the legacy parser would accept a value.
    Column parsed = try_to_timestamp(when(v.rlike(TIMESTAMP_SHAPE), v), lit(TIMESTAMP_FORMAT));
    values.add(parsed.as(target));
    problems.add(invalid(source, v, parsed.isNotNull(), "is not a timestamp " + TIMESTAMP_FORMAT));
    return this;
  }

  /**
   * The typed rows: the added columns, then {@code _batch_id}, {@code _source_file}, {@code
   * _ingested_at}, {@value #RAW} and {@value #REASON}.
   */
  Dataset<Row> apply(Dataset<Row> bronze) {
    Column[] source =
        Arrays.stream(bronze.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    // Cleaned values first, in their own projection: the typed expressions refer to each one
    // several times, and inlining the cleaning into each would multiply the plan's size.
    List<Column> stage = new ArrayList<>(Arrays.asList(source));
    stage.addAll(cleaned.values());
    List<Column> out = new ArrayList<>(values);
    out.add(col(OlistTables.BATCH_ID));
    out.add(col(OlistTables.SOURCE_FILE));
    out.add(col(OlistTables.INGESTED_AT));
    out.add(to_json(struct(source), Map.of("ignoreNullFields", "false")).as(RAW));
    Column reason = concat_ws("; ", problems.toArray(Column[]::new));
    out.add(when(length(reason).gt(0), reason).as(REASON));
    return bronze.select(stage.toArray(Column[]::new)).select(out.toArray(Column[]::new));
  }

  /** The cleaned value of a source column, computed once per row. */
  private Column cleaned(String source) {
    String name = "_clean_" + source;
    cleaned.computeIfAbsent(source, s -> clean(s).as(name));
    return col(name);
  }

  /** Trimmed (blanks of every kind), and null when nothing is left. */
  static Column clean(String source) {
    Column t = regexp_replace(col("`" + source + "`"), EDGE_BLANKS, "");
    return when(length(t).gt(0), t);
  }

  /** Lower case, accents stripped (composed and decomposed), blanks collapsed. */
  static Column normaliseCity(Column c) {
    Column t = regexp_replace(lower(c), "\\p{M}+", "");
    t = translate(t, ACCENTED, PLAIN);
    return regexp_replace(t, "\\s+", " ");
  }

  private static Column invalid(String source, Column value, Column ok, String problem) {
    return when(
        value.isNotNull().and(ok.isNull().or(ok.equalTo(false))),
        concat(lit(source + " '"), value, lit("' " + problem)));
  }
}
