package dev.lakehouse.jobs.kamis.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.jobs.kamis.bronze.EnvelopeParser.Kind;
import dev.lakehouse.jobs.kamis.bronze.EnvelopeParser.Record;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the envelopes of one action with Spark (each file whole, through Hadoop's FileSystem, so
 * {@code s3a://} works) and parses them on the executors with {@link EnvelopeParser}: one flat
 * record per data row, bad row, bad envelope or empty envelope. {@link #bronze} and {@link
 * #quarantine} project the two outputs.
 */
final class BronzeEnvelopes {
  static final String KIND = "_kind";
  static final String RAW = "raw";
  static final String REASON = "reason";
  static final String CREDENTIALS = "_credentials_found";
  static final String UNSTORED = "_unstored_params";

  private BronzeEnvelopes() {}

  /** The record schema: kind, the table's fields and params, slot, fetch time, file, raw text. */
  static StructType schema(KamisBronzeTable table) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
    for (String c : table.fields()) {
      f.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    for (String c : table.params()) {
      f.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    f.add(DataTypes.createStructField(KamisBronzeTable.SLOT, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(KamisBronzeTable.FETCHED_AT, DataTypes.TimestampType, true));
    f.add(DataTypes.createStructField(KamisBronzeTable.SOURCE_FILE, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(CREDENTIALS, DataTypes.BooleanType, false));
    f.add(DataTypes.createStructField(UNSTORED, DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }

  /**
   * Every record of the given envelope files (not cached; the caller persists it once).
   *
   * @param paths the files with content
   * @param emptyPaths the empty files: Spark's text reader yields nothing for them, so they are
   *     added by name and parsed as empty text (an unusable envelope, quarantined), never dropped
   */
  static Dataset<Row> read(
      SparkSession spark,
      KamisBronzeTable table,
      List<String> paths,
      List<String> emptyPaths,
      List<String> secrets) {
    EnvelopeParser parser = new EnvelopeParser(table, secrets);
    StructType text =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("value", DataTypes.StringType, true),
                DataTypes.createStructField("file", DataTypes.StringType, true)));
    Dataset<Row> empty =
        spark.createDataFrame(
            emptyPaths.stream().map(p -> RowFactory.create("", p)).toList(), text);
    Dataset<Row> files =
        paths.isEmpty()
            ? empty
            : spark
                .read()
                .option("wholetext", "true")
                .text(paths.toArray(String[]::new))
                .select(col("value"), input_file_name().as("file"));
    if (!paths.isEmpty() && !emptyPaths.isEmpty()) {
      files = files.unionByName(empty);
    }
    FlatMapFunction<Row, Row> parse =
        r -> {
          String file = r.getString(1);
          String slot = new org.apache.hadoop.fs.Path(file).getParent().getName();
          List<Row> out = new ArrayList<>();
          for (Record rec : parser.parse(r.getString(0))) {
            out.add(toRow(table, rec, slot, file));
          }
          return out.iterator();
        };
    return files.flatMap(parse, Encoders.row(schema(table)));
  }

  private static Row toRow(KamisBronzeTable table, Record rec, String slot, String file) {
    List<Object> v = new ArrayList<>();
    v.add(rec.kind().name());
    table.fields().forEach(c -> v.add(rec.fields().get(c)));
    table.params().forEach(c -> v.add(rec.params().get(c)));
    v.add(slot);
    v.add(rec.fetchedAt() == null ? null : Timestamp.from(Instant.parse(rec.fetchedAt())));
    v.add(file);
    v.add(rec.raw());
    v.add(rec.reason());
    v.add(rec.credentialsFound());
    v.add(rec.unstoredParams().isEmpty() ? null : String.join(",", rec.unstoredParams()));
    return RowFactory.create(v.toArray());
  }

  /**
   * The bronze rows: fields, params, {@code _slot, _fetched_at, _source_file, _batch_id,
   * _ingested_at}.
   */
  static Dataset<Row> bronze(
      Dataset<Row> records, KamisBronzeTable table, String batchId, Timestamp ingestedAt) {
    List<Column> out = new ArrayList<>();
    for (String c : table.fields()) {
      out.add(col("`" + c + "`"));
    }
    for (String c : table.params()) {
      out.add(col(c));
    }
    out.add(col(KamisBronzeTable.SLOT));
    out.add(col(KamisBronzeTable.FETCHED_AT));
    out.add(col(KamisBronzeTable.SOURCE_FILE));
    out.add(lit(batchId).as(KamisBronzeTable.BATCH_ID));
    out.add(lit(ingestedAt).as(KamisBronzeTable.INGESTED_AT));
    return records.filter(col(KIND).equalTo(Kind.ROW.name())).select(out.toArray(Column[]::new));
  }

  /** Bad rows and bad envelopes in the shape {@code Quarantine.append} takes. */
  static Dataset<Row> quarantine(Dataset<Row> records) {
    return records
        .filter(col(KIND).isin(Kind.BAD_ROW.name(), Kind.BAD_ENVELOPE.name()))
        .select(col(RAW), col(REASON), col(KamisBronzeTable.SOURCE_FILE));
  }
}
