package dev.lakehouse.jobs.kamis.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
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
import dev.lakehouse.jobs.kamis.bronze.EnvelopeParser.Kind;
import dev.lakehouse.jobs.kamis.bronze.LandingSlots.LandingFile;
import dev.lakehouse.jobs.kamis.bronze.LandingSlots.Listing;
import dev.lakehouse.jobs.kamis.landing.FetchSummary;
import dev.lakehouse.jobs.kamis.landing.KamisFetcher;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingests landed KAMIS responses into one bronze table per action ({@link KamisBronzeTable}).
 *
 * <p>Invoke with {@code spark-submit --class dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze
 * jobs/kamis/target/lakehouse-jobs-kamis-<version>-spark.jar [--from D1 --to D2] [--source DIR]
 * [--batch ID]}, or {@code bin/lakehouse run kamis.ingest_bronze …} ({@code run kamis} runs bronze
 * and silver in turn). {@code --from}/{@code --to} default to the run date.
 *
 * <p>Input: without {@code --source} the job first fetches the day range from the API into {@code
 * <root>/landing/kamis} ({@link KamisFetcher}: complete days are skipped, so a re-run resumes) and
 * then reads it; with {@code --source DIR_OR_URI} it reads that folder of already-landed responses
 * and fetches nothing. Only complete slots ({@code _SUCCESS}) of the range are read (DESIGN.md).
 *
 * <p>Output: {@code bronze.kamis.<table>} per action: every row field as a string as received
 * (other JSON values as their JSON text, {@code null} as NULL), the request parameters as {@code
 * p_*} columns, then {@code _slot, _fetched_at, _source_file, _batch_id, _ingested_at}. Credentials
 * are never stored: {@code p_cert_key}/{@code p_cert_id} have no column, and the configured values
 * are scrubbed from everything kept. Envelopes that cannot be used and rows of the wrong shape go
 * to {@code _quarantine/kamis/<table>} with the reason.
 *
 * <p>Idempotent per batch (default {@code kamis-<from>_<to>}): a table already holding the batch is
 * skipped. All tables are verified by their suites ({@code dq-rules/kamis/bronze_<table>.conf})
 * before any is appended. Every row is accounted for: rows read = rows in bronze + rows
 * quarantined, per table, checked after writing.
 */
public final class IngestKamisToBronze implements SparkJob {
  public static final String NAME = "kamis.ingest_bronze";

  public static void main(String[] args) {
    JobRunner.main(new IngestKamisToBronze(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where one table's records stand between reading and writing. */
  private record Pending(
      KamisBronzeTable table, Dataset<Row> records, Dataset<Row> good, Counts counts) {}

  /** Record counts of one table's envelopes. */
  private record Counts(
      long rows, long badRows, long badEnvelopes, long empty, long envelopes, long credentials) {
    long read() {
      return rows + badRows + badEnvelopes;
    }
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    LocalDate from = ctx.from().orElse(ctx.runDate());
    LocalDate to = ctx.to().orElse(ctx.runDate());
    String root;
    if (ctx.source().isPresent()) {
      root = resolve(ctx.source().get());
    } else {
      root = ctx.layout().landing(KamisBronzeTable.DOMAIN);
      FetchSummary f =
          KamisFetcher.fetchRange(
              ctx.settings(),
              spark.sparkContext().hadoopConfiguration(),
              root,
              from,
              to,
              ctx.progress());
      ctx.progress()
          .step(
              String.format(
                  Locale.ROOT,
                  "kamis fetch %s..%s: %d slots fetched, %d already complete, %d requests, %d empty"
                      + " results",
                  from,
                  to,
                  f.slotsFetched(),
                  f.slotsSkipped(),
                  f.requests(),
                  f.emptyResults()));
    }
    String batchId = ctx.batchId().orElse("kamis-" + from + "_" + to);
    Listing listing = LandingSlots.list(root, from, to, spark.sparkContext().hadoopConfiguration());
    ctx.progress()
        .step(
            String.format(
                Locale.ROOT,
                "kamis landing %s, days %s..%s: %d complete slots; batch %s%s%s",
                root,
                from,
                to,
                listing.completeSlots(),
                batchId,
                listing.incompleteSlots().isEmpty()
                    ? ""
                    : "; incomplete (no _SUCCESS, not read): " + listing.incompleteSlots(),
                listing.ignored().isEmpty() ? "" : "; ignored: " + listing.ignored()));
    List<String> secrets = new ArrayList<>();
    if (ctx.settings().kamis() != null) {
      secrets.add(ctx.settings().kamis().certKey());
      secrets.add(ctx.settings().kamis().certId());
    }
    Timestamp ingestedAt = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));

    List<TableWrite> writes = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    long rowsIn = 0;
    long rowsOut = 0;
    try {
      for (Map.Entry<KamisBronzeTable, List<LandingFile>> e : listing.files().entrySet()) {
        KamisBronzeTable table = e.getKey();
        List<LandingFile> files = e.getValue();
        if (files.isEmpty()) {
          continue;
        }
        String path = ctx.layout().path(table.bronze());
        long existing = DeltaIO.batchRows(spark, path, batchId);
        if (existing > 0) {
          long quarantined = quarantinedRows(spark, ctx, table, batchId);
          ctx.progress()
              .step(
                  String.format(
                      Locale.ROOT,
                      "%s: already ingested (batch %s), skipped: %d rows in bronze, %d quarantined",
                      table.bronze(),
                      batchId,
                      existing,
                      quarantined));
          writes.add(
              new TableWrite(
                  table.bronze().toString(),
                  path,
                  "SKIPPED",
                  DeltaIO.version(spark, path),
                  0,
                  0,
                  0,
                  0));
          rowsIn += existing + quarantined;
          rowsOut += existing;
          continue;
        }
        Dataset<Row> records =
            BronzeEnvelopes.read(
                    spark,
                    table,
                    files.stream().filter(f -> f.size() > 0).map(LandingFile::path).toList(),
                    files.stream().filter(f -> f.size() == 0).map(LandingFile::path).toList(),
                    secrets)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Counts counts = counts(records);
        pending.add(
            new Pending(
                table,
                records,
                BronzeEnvelopes.bronze(records, table, batchId, ingestedAt),
                counts));
        if (counts.credentials() > 0) {
          ctx.progress()
              .step(
                  table.bronze()
                      + ": "
                      + counts.credentials()
                      + " envelope(s) carried credential values in their parameters; they were"
                      + " not stored (the landing files should be scrubbed: check the fetcher)");
        }
        List<String> unstored = unstoredParams(records);
        if (!unstored.isEmpty()) {
          ctx.progress()
              .step(
                  table.bronze()
                      + ": request parameters without a bronze column, not stored: "
                      + unstored);
        }
      }

      // Quarantine first: bronze holding the batch is what marks a table as done, so a run that
      // dies in between is completed by the next one (the quarantine append is idempotent).
      for (Pending p : pending) {
        if (p.counts().badRows() + p.counts().badEnvelopes() > 0) {
          writes.add(
              Quarantine.append(
                  spark,
                  ctx,
                  NAME,
                  "bronze",
                  KamisBronzeTable.DOMAIN,
                  p.table().tableName(),
                  batchId,
                  BronzeEnvelopes.quarantine(p.records())));
        }
      }
      // Audit every table before appending any: a failed error rule (exit 3) appends nothing.
      Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
      pending.stream()
          .filter(p -> p.counts().rows() > 0)
          .forEach(p -> candidates.put(p.table().bronze(), p.good()));
      if (!candidates.isEmpty()) {
        PromotionGate.verifyAll(spark, ctx, NAME, candidates);
      }
      for (Pending p : pending) {
        long start = System.nanoTime();
        KamisBronzeTable table = p.table();
        String path = ctx.layout().path(table.bronze());
        Counts c = p.counts();
        TableWrite write =
            c.rows() > 0
                ? DeltaIO.appendBatch(spark, p.good(), table.bronze().toString(), path, batchId)
                : new TableWrite(
                    table.bronze().toString(),
                    path,
                    "SKIPPED",
                    DeltaIO.version(spark, path),
                    0,
                    0,
                    0,
                    0);
        writes.add(write);
        // Delta's count of the rows the commit added; a batch already there is counted in place.
        long bronzeRows =
            write.skipped() ? DeltaIO.batchRows(spark, path, batchId) : write.rowsWritten();
        long quarantined = quarantinedRows(spark, ctx, table, batchId);
        if (c.read() != bronzeRows + quarantined) {
          throw Errors.rowsUnaccounted(
              table.bronze().toString(), c.read(), bronzeRows, quarantined);
        }
        rowsIn += c.read();
        rowsOut += bronzeRows;
        ctx.progress()
            .step(
                String.format(
                    Locale.ROOT,
                    "%s: %d envelopes (%d empty results, %d unusable) → %d rows read = %d in bronze"
                        + " + %d quarantined (%d bad rows, %d unusable envelopes) %s v%d (%.1fs)",
                    table.bronze(),
                    c.envelopes(),
                    c.empty(),
                    c.badEnvelopes(),
                    c.read(),
                    bronzeRows,
                    quarantined,
                    c.badRows(),
                    c.badEnvelopes(),
                    write.operation(),
                    write.version(),
                    (System.nanoTime() - start) / 1e9));
      }
    } finally {
      pending.forEach(p -> p.records().unpersist());
    }
    ctx.progress()
        .step(
            String.format(
                Locale.ROOT,
                "%s: %d rows read = %d in bronze + %d quarantined",
                NAME,
                rowsIn,
                rowsOut,
                rowsIn - rowsOut));
    return new JobResult(Optional.of(batchId), rowsIn, rowsOut, writes);
  }

  private static Counts counts(Dataset<Row> records) {
    Row r =
        records
            .agg(
                count(when(col(BronzeEnvelopes.KIND).equalTo(Kind.ROW.name()), lit(1))),
                count(when(col(BronzeEnvelopes.KIND).equalTo(Kind.BAD_ROW.name()), lit(1))),
                count(when(col(BronzeEnvelopes.KIND).equalTo(Kind.BAD_ENVELOPE.name()), lit(1))),
                count(when(col(BronzeEnvelopes.KIND).equalTo(Kind.EMPTY.name()), lit(1))),
                countDistinct(col(KamisBronzeTable.SOURCE_FILE)),
                countDistinct(
                    when(col(BronzeEnvelopes.CREDENTIALS), col(KamisBronzeTable.SOURCE_FILE))))
            .first();
    return new Counts(
        r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
  }

  private static List<String> unstoredParams(Dataset<Row> records) {
    TreeSet<String> names = new TreeSet<>();
    records
        .filter(col(BronzeEnvelopes.UNSTORED).isNotNull())
        .select(BronzeEnvelopes.UNSTORED)
        .distinct()
        .collectAsList()
        .forEach(r -> names.addAll(Arrays.asList(r.getString(0).split(","))));
    return List.copyOf(names);
  }

  /** Rows this job quarantined for the batch (the silver job quarantines into the same table). */
  private static long quarantinedRows(
      SparkSession spark, JobContext ctx, KamisBronzeTable table, String batchId) {
    String path = ctx.layout().quarantine(KamisBronzeTable.DOMAIN, table.tableName());
    if (!DeltaIO.exists(spark, path)) {
      return 0;
    }
    return DeltaIO.read(spark, path)
        .filter(col(DeltaIO.BATCH_COLUMN).equalTo(lit(batchId)).and(col("job").equalTo(lit(NAME))))
        .count();
  }

  /** A URI as given; a local path made absolute, without a trailing slash. */
  static String resolve(String source) {
    String folder = source.strip();
    if (!folder.contains(":/")) {
      folder = java.nio.file.Path.of(folder).toAbsolutePath().normalize().toString();
    }
    while (folder.endsWith("/") && !folder.endsWith(":/") && !folder.endsWith("://")) {
      folder = folder.substring(0, folder.length() - 1);
    }
    return folder;
  }
}
