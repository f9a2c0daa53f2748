package dev.lakehouse.jobs.olist.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
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
 * this is checked before any data is read, so a wrong folder writes nothing. The tables' rule
 * suites are loaded and checked against their schemas before any data is read too.
 *
 * <p>Output: {@code bronze.olist.<table>} for each file, every source column as a string under its
 * source name plus {@code _batch_id}, {@code _source_file} and {@code _ingested_at}; appended once
 * per batch, so a re-run of a batch writes nothing. Records with the wrong number of fields, and
 * records holding bytes that are not UTF-8, go to {@code _quarantine/olist/<table>} with their raw
 * text and the reason. The batch id is {@code --batch} when given, otherwise derived from the
 * files' names, sizes and modification times, so ingesting the same unchanged folder twice is a
 * no-op.
 *
 * <p>Write, audit, publish: every file is parsed and its gate (the light bronze suite) run before
 * any table is appended, so a failed error rule (exit 3) appends nothing of the batch; the gates'
 * results go to {@code _ops/dq_results} in one commit.
 *
 * <p>Every row read is accounted for: after writing, the job checks per file that the rows read
 * equal the rows Delta reports appended plus those of the batch in quarantine, and fails otherwise.
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
    List<Parsed> parsed = new ArrayList<>();
    // 0. The rule suites of every table, checked against the tables' schemas before any data is
    // read: a broken rules file fails at once (exit 2) instead of after the parsing.
    // Each file's reader is built once (lazily: nothing is read yet) and serves both the
    // schema check and the parsing below.
    Map<LandingFile, Dataset<Row>> readers = new LinkedHashMap<>();
    Map<TableId, StructType> schemas = new LinkedHashMap<>();
    for (LandingFile file : files) {
      Dataset<Row> reader = BronzeCsv.read(spark, file.source(), file.path());
      readers.put(file, reader);
      schemas.put(
          file.source().bronze(),
          BronzeCsv.good(reader, file.source(), batchId, ingestedAt).schema());
    }
    PromotionGate.preflight(spark, ctx, schemas);
    try {
      // 1. Parse each file not yet ingested for this batch; quarantine its malformed records.
      for (LandingFile file : files) {
        Skipped skipped = alreadyIngested(spark, ctx, file.source(), batchId);
        if (skipped != null) {
          rowsIn += skipped.rows();
          rowsOut += skipped.bronzeRows();
          writes.add(skipped.write());
          continue;
        }
        Parsed p = parse(spark, ctx, file, readers.get(file), batchId, ingestedAt);
        parsed.add(p);
        p.quarantine().ifPresent(writes::add);
      }
      // 2. Audit every table before appending any (write-audit-publish, as in silver and gold): a
      // failed error rule throws (exit 3) and no bronze table of the batch gets a commit, so the
      // next run starts the batch afresh. One gate per table, their results in one commit.
      Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
      parsed.forEach(p -> candidates.put(p.source().bronze(), p.good()));
      if (!candidates.isEmpty()) {
        PromotionGate.verifyAll(spark, ctx, NAME, candidates);
      }
      // 3. Publish: one append per table, checked against the rows read.
      for (Parsed p : parsed) {
        TableWrite bronze = publish(spark, ctx, p, batchId);
        rowsIn += p.read();
        rowsOut += bronze.rowsWritten();
        writes.add(bronze);
      }
    } finally {
      parsed.forEach(p -> p.all().unpersist());
    }
    return new JobResult(Optional.of(batchId), rowsIn, rowsOut, writes);
  }

  /** A file of the batch already in bronze: what a re-run reports for it. */
  private record Skipped(long rows, long bronzeRows, TableWrite write) {}

  /** A parsed file waiting for its gate: the persisted records, the good ones, the counts. */
  private record Parsed(
      SourceFile source,
      Dataset<Row> all,
      Dataset<Row> good,
      long read,
      long malformed,
      Optional<TableWrite> quarantine) {}

  private static Skipped alreadyIngested(
      SparkSession spark, JobContext ctx, SourceFile source, String batchId) {
    long start = System.nanoTime();
    TableId table = source.bronze();
    String path = ctx.layout().path(table);
    long existing = DeltaIO.batchRows(spark, path, batchId);
    if (existing == 0) {
      return null;
    }
    String quarantinePath = ctx.layout().quarantine(OlistTables.DOMAIN, source.table());
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
    return new Skipped(existing + quarantined, existing, skipped);
  }

  private Parsed parse(
      SparkSession spark,
      JobContext ctx,
      LandingFile file,
      Dataset<Row> reader,
      String batchId,
      Timestamp at) {
    SourceFile source = file.source();
    // Parsed once and kept: counting, the quarantine split, the gate and the bronze write all
    // reuse it, and Spark refuses queries on the raw file that select only the corrupt-record
    // column.
    Dataset<Row> all = reader.persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = all.agg(count(lit(1)), count(when(BronzeCsv.rejected(), lit(1)))).first();
    long read = counts.getLong(0);
    long malformed = counts.getLong(1);
    // Quarantine before bronze: bronze holding the batch is what marks a file as done, so a run
    // that dies in between is completed by the next one (the quarantine append is idempotent).
    Optional<TableWrite> quarantine = Optional.empty();
    if (malformed > 0) {
      quarantine =
          Optional.of(
              Quarantine.append(
                  spark,
                  ctx,
                  NAME,
                  source.bronze().layer().id(),
                  OlistTables.DOMAIN,
                  source.table(),
                  batchId,
                  BronzeCsv.malformed(all, source)));
    }
    Dataset<Row> good = BronzeCsv.good(all, source, batchId, at);
    return new Parsed(source, all, good, read, malformed, quarantine);
  }

  private static TableWrite publish(SparkSession spark, JobContext ctx, Parsed p, String batchId) {
    TableId table = p.source().bronze();
    String path = ctx.layout().path(table);
    // The batch was checked absent in step 1, so the append does not scan the table again.
    TableWrite bronze = DeltaIO.appendNewBatch(spark, p.good(), table.toString(), path, batchId);
    // Quarantined rows of this batch: none when the file had no malformed record; otherwise
    // counted in the table (a re-run after a crash finds them there, appended by the first run).
    long quarantined =
        p.malformed() == 0
            ? 0
            : quarantinedRows(
                spark, ctx.layout().quarantine(OlistTables.DOMAIN, p.source().table()), batchId);
    if (p.read() != bronze.rowsWritten() + quarantined) {
      throw Errors.rowsUnaccounted(table.toString(), p.read(), bronze.rowsWritten(), quarantined);
    }
    ctx.progress()
        .step(
            String.format(
                Locale.ROOT,
                "%s: %d rows read, %d written, %d quarantined (v%d, %.1fs)",
                table,
                p.read(),
                bronze.rowsWritten(),
                quarantined,
                bronze.version(),
                bronze.seconds()));
    return bronze;
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
