package dev.lakehouse.common.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.lineage.Lineage;
import io.delta.tables.DeltaTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Delta writes with the guarantees the pipeline relies on: an append that is idempotent per batch,
 * a MERGE by business key that only rewrites changed rows, and a full overwrite. Each is one Delta
 * commit, so a failure leaves the table at its previous version.
 */
public final class DeltaIO {
  /** Column that records the batch a row came from; bronze and quarantine tables carry it. */
  public static final String BATCH_COLUMN = "_batch_id";

  /** The prefix of the Delta application transaction id an append of a batch records. */
  public static final String TXN_APP_PREFIX = "lakehouse-batch:";

  /**
   * Session setting Delta copies into the userMetadata of every commit that does not set its own:
   * {@link dev.lakehouse.common.job.JobRunner} sets it to {@code run=<run id>} while a job runs, so
   * each commit in a table's history names the run that made it ({@code bin/lakehouse history}).
   */
  public static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private static final Pattern RUN_IN_METADATA = Pattern.compile("(?:^|\\s)run=(\\S+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaIO() {}

  /**
   * Whether a Delta table with at least one commit is at {@code path}, asked of the storage each
   * time: its {@code _delta_log} holds a commit file or a checkpoint. Delta's own {@code
   * isDeltaTable} answers from the snapshot this JVM cached, so a session that once saw the folder
   * of a table whose first commit had not happened yet (another run was writing it, or a crash cut
   * it short) kept saying "no table" after another process committed version 0, and a merge would
   * then have appended its rows a second time.
   */
  public static boolean exists(SparkSession spark, String path) {
    return version(spark, path) >= 0;
  }

  /**
   * A commit file ({@code 00000000000000000000.json}) or a checkpoint part in {@code _delta_log}.
   */
  private static final Pattern COMMIT_OR_CHECKPOINT =
      Pattern.compile("\\d{20}\\.(json|checkpoint(\\..+)?\\.parquet)");

  public static Dataset<Row> read(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  /**
   * The current version, or -1 when there is no table: the highest version among the commit files
   * and checkpoints of its {@code _delta_log}, as Delta itself finds it when it updates a snapshot.
   * One listing of the log, no Spark job (asking Delta's history for it started one per call, about
   * 0.2 s each, three times per table a job writes).
   */
  public static long version(SparkSession spark, String path) {
    Path log = new Path(path, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      long version = -1;
      RemoteIterator<FileStatus> files = fs.listStatusIterator(log);
      while (files.hasNext()) {
        String name = files.next().getPath().getName();
        if (COMMIT_OR_CHECKPOINT.matcher(name).matches()) {
          version = Math.max(version, Long.parseLong(name.substring(0, 20)));
        }
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + log + ": " + e.getMessage(), e);
    }
  }

  /** Rows in the table that came from the given batch (0 when there is no table). */
  public static long batchRows(SparkSession spark, String path, String batchId) {
    if (!exists(spark, path)) {
      return 0;
    }
    return read(spark, path).filter(col(BATCH_COLUMN).equalTo(lit(batchId))).count();
  }

  /**
   * Appends {@code df} unless rows of {@code batchId} are already in the table: re-running a batch
   * adds nothing and makes no commit. The batch id is also kept in the commit's userMetadata.
   */
  public static TableWrite appendBatch(
      SparkSession spark, Dataset<Row> df, String table, String path, String batchId) {
    long start = System.nanoTime();
    long existing = batchRows(spark, path, batchId);
    if (existing > 0) {
      return new TableWrite(table, path, "SKIPPED", version(spark, path), 0, 0, 0, seconds(start));
    }
    return appendNewBatch(spark, df, table, path, batchId);
  }

  /**
   * Appends {@code df} as batch {@code batchId} for a caller that has just checked, with {@link
   * #batchRows}, that the table holds no row of the batch (the check scans the table, so it is not
   * repeated here). The returned write's row count is Delta's own count of the rows the commit
   * added.
   *
   * <p>The commit also records the batch as a Delta application transaction ({@code txnAppId}
   * {@value #TXN_APP_PREFIX}{@code <batch>}, {@code txnVersion} 1), which closes the gap between
   * the check and the commit: when two runs append the same batch at once, Delta refuses the second
   * commit as a concurrent transaction (a conflict, exit 1), and a run that starts its write after
   * the other's commit writes nothing. Either way the batch is in the table once; the second run
   * learns it from a {@link LakehouseException} naming the table and the batch.
   */
  public static TableWrite appendNewBatch(
      SparkSession spark, Dataset<Row> df, String table, String path, String batchId) {
    long start = System.nanoTime();
    long before = version(spark, path);
    String metadata = commitMetadata(spark, "batch=" + batchId);
    df.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", TXN_APP_PREFIX + batchId)
        .option("txnVersion", 1L)
        .option("userMetadata", metadata)
        .save(path);
    Commit last = lastCommit(spark, path);
    if (last.version() == before || !metadata.equals(last.userMetadata())) {
      throw new LakehouseException(
          ExitCode.FAILURE,
          "Batch "
              + batchId
              + " was already appended to "
              + table
              + " by another run (Delta records each batch's append); this run added no row, so"
              + " there is no duplicate. Run the job again once the other run has finished: it"
              + " will find the batch there.");
    }
    return written(table, path, "WRITE", before, start, last);
  }

  /** The commit metadata of a job run, {@code run=<id>}. */
  public static String runMetadata(String runId) {
    return "run=" + runId;
  }

  /** The run id in a commit's userMetadata, if the commit was made by a job run. */
  public static java.util.Optional<String> runId(String userMetadata) {
    if (userMetadata == null) {
      return java.util.Optional.empty();
    }
    java.util.regex.Matcher m = RUN_IN_METADATA.matcher(userMetadata);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** A write option replaces the session's commit metadata, so keep the run id next to it. */
  private static String commitMetadata(SparkSession spark, String own) {
    String session = spark.conf().get(COMMIT_METADATA, "");
    return session.isBlank() ? own : session + " " + own;
  }

  /**
   * Upserts {@code df} into the table by {@code keys}: new keys are inserted, existing keys are
   * updated only where a non-key, non-metadata column changed (metadata columns start with {@code
   * _}), so merging the same data twice rewrites nothing. Creates the table on first use. {@code
   * df} must hold at most one row per key.
   */
  public static TableWrite mergeByKey(
      SparkSession spark, Dataset<Row> df, String table, String path, List<String> keys) {
    long start = System.nanoTime();
    long before = version(spark, path);
    if (before < 0) {
      Lineage.declareSources(spark, path, df);
      df.write().format("delta").mode("append").save(path);
      return fromHistory(spark, table, path, "WRITE", before, start);
    }
    Column on = null;
    for (String k : keys) {
      Column eq = col("t." + k).equalTo(col("s." + k));
      on = on == null ? eq : on.and(eq);
    }
    Column same = lit(true);
    for (String c : df.columns()) {
      if (!keys.contains(c) && !c.startsWith("_")) {
        same = same.and(col("t." + c).eqNullSafe(col("s." + c)));
      }
    }
    // Keep only new or changed rows: merging data that is already there makes no commit at all,
    // so re-running a batch leaves the table's version as it was.
    Dataset<Row> changes = df.as("s").join(read(spark, path).as("t"), on.and(same), "left_anti");
    if (changes.isEmpty()) {
      return new TableWrite(table, path, "MERGE", before, 0, 0, 0, seconds(start));
    }
    Lineage.declareSources(spark, path, changes);
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(changes.as("s"), on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
    return fromHistory(spark, table, path, "MERGE", before, start);
  }

  /** Replaces the table's content (and schema) in one commit. */
  public static TableWrite overwrite(
      SparkSession spark, Dataset<Row> df, String table, String path) {
    long start = System.nanoTime();
    long before = version(spark, path);
    df.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
    return fromHistory(spark, table, path, "OVERWRITE", before, start);
  }

  /**
   * What a commit recorded about itself (its {@code commitInfo} action).
   *
   * @param version the commit's version
   * @param committedAt when its commit file was written (the time Delta's history shows)
   * @param metrics Delta's operation metrics (numOutputRows, numTargetRowsInserted, ...)
   * @param userMetadata the commit's userMetadata, or null
   */
  public record Commit(
      long version, Instant committedAt, Map<String, String> metrics, String userMetadata) {}

  /**
   * The table's last commit, read from its commit file ({@code _delta_log/<version>.json}, whose
   * commitInfo line holds the metrics and metadata) without a Spark job.
   *
   * @throws IllegalArgumentException when there is no table at {@code path}
   */
  public static Commit lastCommit(SparkSession spark, String path) {
    long version = version(spark, path);
    if (version < 0) {
      throw new IllegalArgumentException("No Delta table at " + path);
    }
    Path file = new Path(new Path(path, "_delta_log"), String.format("%020d.json", version));
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Instant committedAt = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode info = JSON.readTree(line).get("commitInfo");
          if (info == null) {
            continue;
          }
          Map<String, String> metrics = new HashMap<>();
          JsonNode m = info.get("operationMetrics");
          if (m != null) {
            m.fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
          }
          JsonNode user = info.get("userMetadata");
          return new Commit(
              version,
              committedAt,
              Map.copyOf(metrics),
              user == null || user.isNull() ? null : user.asText());
        }
      }
      // Delta writes a commitInfo in every commit; one without it still has a version.
      return new Commit(version, committedAt, Map.of(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static TableWrite fromHistory(
      SparkSession spark, String table, String path, String op, long versionBefore, long start) {
    return written(table, path, op, versionBefore, start, lastCommit(spark, path));
  }

  private static TableWrite written(
      String table, String path, String op, long versionBefore, long start, Commit last) {
    long version = last.version();
    if (version == versionBefore) {
      // Nothing to commit (e.g. a MERGE that changed no row).
      return new TableWrite(table, path, op, version, 0, 0, 0, seconds(start));
    }
    Map<String, String> m = last.metrics();
    if (op.equals("MERGE")) {
      long inserted = metric(m, "numTargetRowsInserted");
      long updated = metric(m, "numTargetRowsUpdated");
      return new TableWrite(
          table, path, op, version, inserted + updated, inserted, updated, seconds(start));
    }
    long rows = metric(m, "numOutputRows");
    return new TableWrite(table, path, op, version, rows, rows, 0, seconds(start));
  }

  private static long metric(Map<String, String> m, String key) {
    String v = m == null ? null : m.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
