package dev.lakehouse.jobs.olist.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.quality.PromotionGate;
import dev.lakehouse.common.quality.Quarantine;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import dev.lakehouse.jobs.olist.bronze.LandingFolder.LandingFile;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingests the nine Olist CSV files of a landing folder into {@code bronze.olist.<table>}.
 *
 * <p>Invoke with {@code spark-submit --class dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze
 * jobs/olist/target/lakehouse-jobs-olist-<version>.jar [--source DIR_OR_URI] [--batch ID]} or
 * {@code bin/lakehouse run olist.ingest_bronze [--source DIR] [--batch ID]}.
 *
 * <p>Input: the folder given by {@code --source} (a local path, relative or absolute, or an {@code
 * s3a://} URI), by default {@code <root>/landing/olist}, holding the files listed in {@link
 * OlistTables#FILES}. All nine must be present, non-empty and carry exactly their expected header;
 * this is checked before any data is read, so a wrong folder writes nothing.
 *
 * <p>Output: {@code bronze.olist.<table>} for each file, every source column as a string under its
 * source name plus {@code _batch_id}, {@code _source_file} and {@code _ingested_at}; appended once
 * per batch, so a re-run of a batch writes nothing. Records with the wrong number of fields go to
 * {@code _quarantine/olist/<table>} with their raw text and the reason. The batch id is {@code
 * --batch} when given, otherwise derived from the files' names, sizes and modification times, so
 * ingesting the same unchanged folder twice is a no-op.
 *
 * <p>Every row read is accounted for: after writing, the job checks per file that the rows read
 * equal the rows of the batch in bronze plus those in quarantine, and fails otherwise.
 */
public final class IngestOlistToBronze implements SparkJob {
  public static final String NAME = "olist.ingest_bronze";

  public static void main(String[] args) {
    JobRunner.main(new IngestOlistToBronze(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    String folder = LandingFolder.resolve(ctx.source(), ctx.layout().landing(OlistTables.DOMAIN));
    List<LandingFile> files =
        LandingFolder.check(folder, OlistTables.FILES, spark.sparkContext().hadoopConfiguration());
    String batchId =
        ctx.batchId().orElseGet(() -> LandingFolder.derivedBatchId(OlistTables.DOMAIN, files));
    ctx.progress()
        .step(
            "olist landing folder "
                + folder
                + ": "
                + files.size()
                + " files checked; batch "
                + batchId
                + (ctx.batchId().isPresent() ? "" : " (derived from file names, sizes and times)"));
    // One instant for the whole run, so every table of a batch shares its ingestion time.
    Timestamp ingestedAt = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
    long rowsIn = 0;
    long rowsOut = 0;
    List<TableWrite> writes = new ArrayList<>();
    for (LandingFile file : files) {
      FileOutcome o = ingest(spark, ctx, file, batchId, ingestedAt);
      rowsIn += o.read();
      rowsOut += o.bronzeRows();
      writes.add(o.bronze());
      o.quarantine().ifPresent(writes::add);
    }
    return new JobResult(Optional.of(batchId), rowsIn, rowsOut, writes);
  }

  /** What ingesting one file did: the writes and the verified row counts. */
  private record FileOutcome(
      long read, long bronzeRows, TableWrite bronze, Optional<TableWrite> quarantine) {}

  private FileOutcome ingest(
      SparkSession spark, JobContext ctx, LandingFile file, String batchId, Timestamp at) {
    long start = System.nanoTime();
    SourceFile source = file.source();
    TableId table = source.bronze();
    String path = ctx.layout().path(table);
    String quarantinePath = ctx.layout().quarantine(OlistTables.DOMAIN, source.table());

    long existing = DeltaIO.batchRows(spark, path, batchId);
    if (existing > 0) {
      long quarantined = quarantinedRows(spark, quarantinePath, batchId);
      ctx.progress()
          .step(
              String.format(
                  Locale.ROOT,
                  "%s: already ingested (batch %s), skipped: %d rows in bronze, %d quarantined",
                  table,
                  batchId,
                  existing,
                  quarantined));
      TableWrite skipped =
          new TableWrite(
              table.toString(),
              path,
              "SKIPPED",
              DeltaIO.version(spark, path),
              0,
              0,
              0,
              seconds(start));
      return new FileOutcome(existing + quarantined, existing, skipped, Optional.empty());
    }

    // Parsed once and kept: counting, the quarantine split and the bronze write all reuse it,
    // and Spark refuses queries on the raw file that select only the corrupt-record column.
    Dataset<Row> parsed =
        BronzeCsv.read(spark, source, file.path()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = parsed.agg(count(lit(1)), count(col(BronzeCsv.CORRUPT))).first();
      long read = counts.getLong(0);
      long malformed = counts.getLong(1);

      // Quarantine before bronze: bronze holding the batch is what marks a file as done, so a run
      // that dies in between is completed by the next one (the quarantine append is idempotent).
      Optional<TableWrite> quarantineWrite = Optional.empty();
      if (malformed > 0) {
        quarantineWrite =
            Optional.of(
                Quarantine.append(
                    spark,
                    ctx,
                    NAME,
                    table.layer().id(),
                    OlistTables.DOMAIN,
                    source.table(),
                    batchId,
                    BronzeCsv.malformed(parsed, source)));
      }
      Dataset<Row> good = BronzeCsv.good(parsed, source, batchId, at);
      // The light bronze suite (row count, key columns present) audits exactly what is appended;
      // a failed error rule throws (exit 3) before the append, so the table keeps its version.
      PromotionGate.verifyAll(spark, ctx, NAME, Map.of(table, good));
      TableWrite bronzeWrite = DeltaIO.appendBatch(spark, good, table.toString(), path, batchId);

      long bronzeRows = DeltaIO.batchRows(spark, path, batchId);
      long quarantined = quarantinedRows(spark, quarantinePath, batchId);
      if (read != bronzeRows + quarantined) {
        throw Errors.rowsUnaccounted(table.toString(), read, bronzeRows, quarantined);
      }
      ctx.progress()
          .step(
              String.format(
                  Locale.ROOT,
                  "%s: %d rows read, %d written, %d quarantined (v%d, %.1fs)",
                  table,
                  read,
                  bronzeWrite.rowsWritten(),
                  quarantined,
                  bronzeWrite.version(),
                  seconds(start)));
      return new FileOutcome(read, bronzeRows, bronzeWrite, quarantineWrite);
    } finally {
      parsed.unpersist();
    }
  }

  /** Rows this job quarantined for the batch (other jobs may quarantine into the same table). */
  private static long quarantinedRows(SparkSession spark, String path, String batchId) {
    if (!DeltaIO.exists(spark, path)) {
      return 0;
    }
    return DeltaIO.read(spark, path)
        .filter(col(DeltaIO.BATCH_COLUMN).equalTo(lit(batchId)).and(col("job").equalTo(lit(NAME))))
        .count();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
