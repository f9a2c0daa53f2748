package dev.lakehouse.it.crash;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * What the crash test checks on a lakehouse root: that every Delta table reads at its last
 * committed version, and a content checksum per table to compare two roots with.
 */
public final class TableChecks {
  /**
   * Columns whose values depend on the run that wrote a row rather than on the data: left out of
   * the content checksum, each with the reason. Every other column, metadata ones included ({@code
   * _batch_id}, {@code _source_file}, {@code job}, {@code layer}, {@code reason}: both roots read
   * the same landing folder as the same batch), is compared.
   */
  public static final Map<String, String> PER_RUN_COLUMNS =
      Map.of(
          "_ingested_at",
          "bronze: the instant of the ingest run (IngestOlistToBronze takes Instant.now() once per"
              + " run, so rows appended by a re-run after a kill get a later one)",
          "_updated_at",
          "silver: current_timestamp() of the promotion run that computed the row",
          "_run_id",
          "quarantine: the id of the run that quarantined the row",
          "_quarantined_at",
          "quarantine: current_timestamp() of the run that quarantined the row");

  /** The per-run bronze column that JSON copies of bronze rows hold too. */
  public static final String PER_RUN_JSON_FIELD = "_ingested_at";

  /**
   * String columns that can hold a whole bronze row as JSON, {@link #PER_RUN_JSON_FIELD} included:
   * only that field's value is blanked before the checksum, the rest of the text is compared.
   */
  public static final Map<String, String> PER_RUN_JSON_FIELDS =
      Map.of(
          "raw",
          "quarantine: silver keeps a rejected bronze row as the JSON of the whole row"
              + " (BronzeTyper._raw), so the text holds that row's _ingested_at");

  private static final String JSON_FIELD_VALUE = "\"" + PER_RUN_JSON_FIELD + "\":(\"[^\"]*\"|null)";

  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private TableChecks() {}

  /** What {@link #digest} reports as seen when it blanked a JSON field somewhere in a column. */
  public static String blankedJsonField(String column) {
    return column + "." + PER_RUN_JSON_FIELD;
  }

  /** Folders under {@code root} that hold a {@code _delta_log}, relative to root, sorted. */
  public static List<String> deltaTables(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().equals("_delta_log"))
          .filter(Files::isDirectory)
          .map(p -> root.relativize(p.getParent()).toString())
          .sorted()
          .toList();
    }
  }

  /** The tables compared with a clean run: all but the run log and the gates' results. */
  public static List<String> tablesToCompare(Path root) throws IOException {
    return deltaTables(root).stream().filter(t -> !t.startsWith("_ops/")).toList();
  }

  /**
   * Every table under the root reads at its last committed version: the version Delta reports is
   * the highest commit file in the log, and a query of the table at that version runs (its rows are
   * counted). A folder whose log holds no commit file is a table whose first commit was killed:
   * nobody can see it as a table, and the next run creates it. A table whose log is as it was when
   * an earlier call verified it ({@code verified}: table to the names and sizes of its log files,
   * updated here) is not read again. Returns one line per table.
   */
  public static List<String> everyTableReadsAtACommittedVersion(
      SparkSession spark, Path root, Map<String, String> verified) throws IOException {
    List<String> state = new ArrayList<>();
    for (String table : deltaTables(root)) {
      Path dir = root.resolve(table);
      long lastCommit = -1;
      StringBuilder fingerprint = new StringBuilder();
      try (Stream<Path> log = Files.list(dir.resolve("_delta_log"))) {
        for (Path f : log.sorted().toList()) {
          String n = f.getFileName().toString();
          fingerprint.append(n).append(':').append(Files.size(f)).append(' ');
          if (COMMIT_FILE.matcher(n).matches()) {
            lastCommit = Math.max(lastCommit, Long.parseLong(n.substring(0, 20)));
          }
        }
      }
      if (lastCommit < 0) {
        assertThat(DeltaIO.exists(spark, dir.toString()))
            .as("%s has no commit yet, so it is no Delta table", table)
            .isFalse();
        // DeltaIO.exists (DeltaTable.isDeltaTable) asks the DeltaLog this JVM caches per path
        // without updating it, so once it has seen the folder without a commit it keeps saying
        // "no table" after another process commits version 0. Forget it, so that the next check
        // sees that commit.
        DeltaLog.invalidateCache(spark, new org.apache.hadoop.fs.Path(dir.toString()));
        state.add(table + ": no commit yet (its first commit was killed)");
        continue;
      }
      if (fingerprint.toString().equals(verified.get(table))) {
        state.add(table + "@v" + lastCommit + ": " + UNCHANGED);
        continue;
      }
      long version;
      long rows;
      try {
        version = DeltaIO.version(spark, dir.toString());
        rows = DeltaIO.read(spark, dir.toString()).count();
      } catch (RuntimeException e) {
        throw new AssertionError(table + " does not read after the kill: " + e, e);
      }
      assertThat(version).as("version of %s", table).isEqualTo(lastCommit);
      verified.put(table, fingerprint.toString());
      state.add(table + "@v" + version + ": " + rows + " rows");
    }
    return state;
  }

  /** How {@link #everyTableReadsAtACommittedVersion} reports a table it did not read again. */
  public static final String UNCHANGED = "unchanged since verified";

  /** Row count and order-independent content checksums of a table's current version. */
  public record Digest(List<String> columns, long rows, long xxhash64Sum, long murmur3Sum) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d rows, checksum %016x/%016x over %d columns",
          rows,
          xxhash64Sum,
          murmur3Sum,
          columns.size());
    }
  }

  /**
   * The table's row count and two sums of row hashes over every column but {@link
   * #PER_RUN_COLUMNS}. The sums wrap around and depend neither on row order nor on file layout; a
   * duplicated or missing row changes them. Each column goes in with an is-null flag, since Spark's
   * hashes skip nulls. Doubles are rounded to 6 decimals first, because aggregates over doubles may
   * differ in the last bits when rows are added in another order. In {@link #PER_RUN_JSON_FIELDS}
   * the value of {@link #PER_RUN_JSON_FIELD} is blanked. {@code normalisedSeen} collects the
   * per-run columns found and, as {@link #blankedJsonField}, the JSON columns where a value was
   * blanked.
   */
  public static Digest digest(SparkSession spark, Path table, Set<String> normalisedSeen) {
    Dataset<Row> df = DeltaIO.read(spark, table.toString());
    List<String> columns = new ArrayList<>();
    List<Column> parts = new ArrayList<>();
    List<String> jsonColumns = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (PER_RUN_COLUMNS.containsKey(f.name())) {
        normalisedSeen.add(f.name());
        continue;
      }
      columns.add(f.name() + " " + f.dataType().simpleString());
      Column c = df.col(f.name());
      parts.add(c.isNull());
      if (f.dataType() instanceof DoubleType || f.dataType() instanceof FloatType) {
        c = round(c, 6);
      } else if (PER_RUN_JSON_FIELDS.containsKey(f.name()) && f.dataType() instanceof StringType) {
        jsonColumns.add(f.name());
        c = regexp_replace(c, JSON_FIELD_VALUE, "\"" + PER_RUN_JSON_FIELD + "\":\"(per run)\"");
      }
      parts.add(c);
    }
    Column[] p = parts.toArray(Column[]::new);
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(coalesce(sum(xxhash64(p)), lit(0L)));
    aggregates.add(coalesce(sum(hash(p).cast("long")), lit(0L)));
    for (String j : jsonColumns) {
      aggregates.add(count(when(df.col(j).rlike(JSON_FIELD_VALUE), lit(1))));
    }
    Row r = df.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    for (int i = 0; i < jsonColumns.size(); i++) {
      if (r.getLong(3 + i) > 0) {
        normalisedSeen.add(blankedJsonField(jsonColumns.get(i)));
      }
    }
    return new Digest(columns, r.getLong(0), r.getLong(1), r.getLong(2));
  }
}
