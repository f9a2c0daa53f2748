package dev.lakehouse.jobs.olist.bronze;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How bronze reads one Olist CSV file and splits it into rows for bronze and rows for quarantine.
 *
 * <p>Every column is read as a string under an explicit schema (no inference: a numeric read would
 * lose the leading zeros of zip codes). Records whose field count does not match the header are
 * kept whole in Spark's corrupt-record column rather than dropped or silently padded.
 */
final class BronzeCsv {
  /** Spark fills this column with the raw text of a record it could not map to the schema. */
  static final String CORRUPT = "_corrupt_record";

  /**
   * The first source column of a record holding bytes that are not UTF-8, null for a clean record.
   * The reader decodes such bytes as U+FFFD; bronze would otherwise keep the damaged text as if it
   * were the value sent.
   */
  static final String BAD_ENCODING = "_bad_encoding";

  private static final String REPLACEMENT_CHAR = "\uFFFD";

  private BronzeCsv() {}

  /** All source columns as nullable strings, plus the corrupt-record column. */
  static StructType schema(SourceFile file) {
    List<StructField> fields = new ArrayList<>();
    for (String name : file.header()) {
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /**
   * The parsed file with a {@code _source_file} column; not cached (the caller caches it once).
   *
   * <p>multiLine: review comments hold line breaks inside quoted fields, which only the whole-file
   * parser keeps in one record; it also detects CRLF from the first line and skips a byte-order
   * mark. The header line is skipped, not used for names: {@link LandingFolder} has already proved
   * it equal to the expected header.
   */
  static Dataset<Row> read(SparkSession spark, SourceFile file, String path) {
    Dataset<Row> raw =
        spark
            .read()
            .schema(schema(file))
            .option("header", "true")
            .option("enforceSchema", "true")
            .option("multiLine", "true")
            .option("quote", "\"")
            .option("escape", "\"")
            .option("encoding", "UTF-8")
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .csv(path);
    List<Column> out = new ArrayList<>();
    List<String> header = file.header();
    String last = header.get(header.size() - 1);
    for (String name : header) {
      // Belt and braces for CRLF files: a CR left at the end of a record belongs to its line end,
      // never to the value (a CR inside a quoted value is not at the end of the record).
      out.add(name.equals(last) ? stripTrailingCr(col(name)).as(name) : col(name));
    }
    out.add(stripTrailingCr(col(CORRUPT)).as(CORRUPT));
    out.add(input_file_name().as(OlistTables.SOURCE_FILE));
    List<Column> damaged = new ArrayList<>();
    for (String name : header) {
      damaged.add(when(col(name).contains(REPLACEMENT_CHAR), lit(name)));
    }
    out.add(coalesce(damaged.toArray(Column[]::new)).as(BAD_ENCODING));
    return raw.select(out.toArray(Column[]::new));
  }

  /** True for a record that goes to quarantine: wrong field count or bytes that are not UTF-8. */
  static Column rejected() {
    return col(CORRUPT).isNotNull().or(col(BAD_ENCODING).isNotNull());
  }

  private static Column stripTrailingCr(Column c) {
    return regexp_replace(c, "\r+$", "");
  }

  /**
   * Rows that parsed: source columns, then {@code _batch_id}, {@code _source_file} and {@code
   * _ingested_at} (the same instant for every file of a run).
   */
  static Dataset<Row> good(Dataset<Row> parsed, SourceFile file, String batchId, Timestamp at) {
    List<Column> out = new ArrayList<>();
    for (String name : file.header()) {
      out.add(col(name));
    }
    out.add(lit(batchId).as(OlistTables.BATCH_ID));
    out.add(col(OlistTables.SOURCE_FILE));
    out.add(lit(at).as(OlistTables.INGESTED_AT));
    return parsed.filter(not(rejected())).select(out.toArray(Column[]::new));
  }

  /**
   * Rows that did not parse, in the shape {@code Quarantine.append} takes: the raw record, why it
   * was refused (with the field count found, or the column whose bytes are not UTF-8, so the reason
   * is actionable) and the file it came from. A record with bad bytes parsed into fields, so its
   * raw text is rebuilt from them (comma-separated, U+FFFD where the bad bytes were).
   */
  static Dataset<Row> malformed(Dataset<Row> parsed, SourceFile file) {
    int expected = file.header().size();
    UserDefinedFunction fields =
        udf((UDF1<String, Integer>) BronzeCsv::fieldCount, DataTypes.IntegerType);
    Column found = fields.apply(col(CORRUPT));
    Column base = lit("malformed CSV record: expected " + expected + " fields");
    Column fieldReason =
        when(found.notEqual(lit(expected)), concat(base, lit(", found "), found.cast("string")))
            .otherwise(base);
    Column encodingReason =
        concat(
            lit("not valid UTF-8: column "),
            col(BAD_ENCODING),
            lit(" holds bytes that do not decode (shown as U+FFFD); re-export the file as UTF-8"));
    List<Column> values = new ArrayList<>();
    for (String name : file.header()) {
      values.add(coalesce(col(name), lit("")));
    }
    Column rebuilt = concat_ws(",", values.toArray(Column[]::new));
    return parsed
        .filter(rejected())
        .select(
            coalesce(col(CORRUPT), rebuilt).as("raw"),
            when(col(CORRUPT).isNotNull(), fieldReason).otherwise(encodingReason).as("reason"),
            col(OlistTables.SOURCE_FILE).as(OlistTables.SOURCE_FILE));
  }

  /** Fields in one raw CSV record (commas outside quotes, plus one); null for null. */
  static Integer fieldCount(String record) {
    if (record == null) {
      return null;
    }
    int count = 1;
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        count++;
      }
    }
    return count;
  }
}
