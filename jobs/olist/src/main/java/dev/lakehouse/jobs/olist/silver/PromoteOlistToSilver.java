package dev.lakehouse.jobs.olist.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.quality.PromotionGate;
import dev.lakehouse.common.quality.Quarantine;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Promotes the nine Olist bronze tables to silver: typed, cleaned, one row per business key, and
 * published with a Delta MERGE by key, so a later batch updates and adds rows and re-running a
 * batch writes nothing.
 *
 * <p>Invocation:
 *
 * <pre>
 * spark-submit --class dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver \
 *   jobs/olist/target/lakehouse-jobs-olist-&lt;version&gt;-spark.jar [--batch ID]
 * bin/lakehouse run olist.promote_silver [--batch ID]   # this job alone
 * bin/lakehouse run olist                               # bronze, silver and gold in turn
 * </pre>
 *
 * With {@code --batch} only that bronze batch is promoted; without it, all of bronze (for each key
 * the row ingested last wins).
 *
 * <p>Inputs: {@code bronze.olist.<table>} for customers, sellers, products, category_translation,
 * geolocation, orders, order_items, payments, reviews (source columns as strings plus {@code
 * _batch_id}, {@code _source_file}, {@code _ingested_at}).
 *
 * <p>Outputs: {@code silver.olist.<table>} for the same nine tables (columns and keys in {@link
 * SilverTable}; rules in {@link OlistSilverTransforms}); rows that cannot be typed go to {@code
 * _quarantine/olist/<table>} with the reason. For each table a progress line accounts for every
 * bronze row: silver, collapsed duplicates, quarantined, and (geolocation) points outside Brazil.
 *
 * <p>Write, audit, publish: all nine outputs are computed and persisted, each is verified by its
 * rule suite {@code dq-rules/olist/silver_<table>.conf}, and only when no error rule failed
 * anywhere are they published. A failed gate exits 3 and leaves every silver table as it was.
 */
public final class PromoteOlistToSilver implements SparkJob {
  public static final String NAME = "olist.promote_silver";

  private static final String LAYER = "silver";
  // Label for quarantined rows that lack a bronze batch id (bronze always sets one).
  private static final String NO_BATCH = "unknown";

  public static void main(String[] args) {
    JobRunner.main(new PromoteOlistToSilver(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    return promote(spark, ctx).toJobResult();
  }

  /** Runs the promotion and returns the accounting of every table. */
  public SilverPromotion promote(SparkSession spark, JobContext ctx) {
    String batch = ctx.batchId().orElse(null);
    Map<SilverTable, Dataset<Row>> bronze = readBronze(spark, ctx, batch);
    Map<SilverTable, Long> sizes = countRows(bronze);
    if (batch != null && sizes.values().stream().allMatch(n -> n == 0)) {
      throw batchNotInBronze(batch);
    }
    ctx.progress()
        .step(
            NAME
                + ": promoting "
                + (batch == null ? "all of bronze" : "batch " + batch)
                + " to silver.olist.*");
    // Write, audit, publish: compute every table, verify all of them, then publish all. A failed
    // hard rule on any table leaves every silver table at its version.
    List<TableWrite> quarantineWrites = new ArrayList<>();
    Map<SilverTable, Computed> computed = new EnumMap<>(SilverTable.class);
    List<TableAccount> accounts = new ArrayList<>();
    try {
      for (SilverTable table : SilverTable.values()) {
        if (sizes.get(table) == 0 && DeltaIO.exists(spark, ctx.layout().path(table.silver()))) {
          // A batch without rows for this table (an incremental drop): nothing to compute.
          continue;
        }
        computed.put(
            table,
            compute(
                spark,
                ctx,
                table,
                bronze.get(table),
                bronze.get(SilverTable.CATEGORY_TRANSLATION),
                quarantineWrites));
      }
      Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
      computed.forEach(
          (t, c) -> {
            if (c.silverRows() > 0 || !DeltaIO.exists(spark, ctx.layout().path(t.silver()))) {
              candidates.put(t.silver(), c.output());
            }
          });
      PromotionGate.verifyAll(spark, ctx, NAME, candidates);
      for (SilverTable table : SilverTable.values()) {
        Computed c = computed.get(table);
        TableAccount account =
            c == null ? nothingToPromote(spark, ctx, table) : c.account(publish(spark, ctx, c));
        ctx.progress().step(account.line());
        accounts.add(account);
      }
    } finally {
      computed.values().forEach(Computed::unpersist);
    }
    return new SilverPromotion(ctx.batchId(), accounts, quarantineWrites);
  }

  /** A computed table, persisted between the gate and the publish. */
  private record Computed(
      SilverTable table,
      Dataset<Row> typed,
      Dataset<Row> output,
      long bronzeRows,
      long silverRows,
      long quarantined,
      long outside) {
    TableAccount account(TableWrite write) {
      return new TableAccount(
          table.silver().toString(),
          bronzeRows,
          silverRows,
          bronzeRows - quarantined - outside - silverRows,
          quarantined,
          outside,
          write);
    }

    void unpersist() {
      output.unpersist();
      typed.unpersist();
    }
  }

  /** Types one table, quarantines the rows that cannot be typed, and computes its output. */
  private Computed compute(
      SparkSession spark,
      JobContext ctx,
      SilverTable table,
      Dataset<Row> bronze,
      Dataset<Row> translationBronze,
      List<TableWrite> quarantineWrites) {
    Dataset<Row> typed =
        OlistSilverTransforms.typed(table, bronze).persist(StorageLevel.MEMORY_AND_DISK());
    Row counts =
        typed
            .agg(
                count(lit(1)),
                count(when(col(BronzeTyper.REASON).isNotNull(), lit(1))),
                count(when(col(BronzeTyper.REASON).isNull().and(dropped(table)), lit(1))))
            .first();
    long bronzeRows = counts.getLong(0);
    long quarantined = counts.getLong(1);
    long outside = counts.getLong(2);
    quarantine(
        spark, ctx, table, OlistSilverTransforms.rejected(typed), quarantined, quarantineWrites);
    Dataset<Row> valid = OlistSilverTransforms.valid(typed);
    // Persisted so the quality gate and the MERGE see the same rows, computed once.
    Dataset<Row> output =
        OlistSilverTransforms.silver(table, valid, translationBronze)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long silverRows = output.count();
    if (bronzeRows - quarantined - outside - silverRows < 0) {
      output.unpersist();
      typed.unpersist();
      throw rowsUnaccounted(table, bronzeRows, silverRows, quarantined, outside);
    }
    return new Computed(table, typed, output, bronzeRows, silverRows, quarantined, outside);
  }

  /** The account of a table whose bronze input is empty, left as it is. */
  private static TableAccount nothingToPromote(
      SparkSession spark, JobContext ctx, SilverTable table) {
    String name = table.silver().toString();
    String path = ctx.layout().path(table.silver());
    TableWrite none =
        new TableWrite(name, path, "SKIPPED", DeltaIO.version(spark, path), 0, 0, 0, 0);
    return new TableAccount(name, 0, 0, 0, 0, 0, none);
  }

  /** Publishes verified rows: one MERGE commit by business key. */
  private static TableWrite publish(SparkSession spark, JobContext ctx, Computed c) {
    String name = c.table().silver().toString();
    String path = ctx.layout().path(c.table().silver());
    if (c.silverRows() == 0 && DeltaIO.exists(spark, path)) {
      // Nothing left to publish (every row quarantined or dropped): no empty commit.
      return new TableWrite(name, path, "SKIPPED", DeltaIO.version(spark, path), 0, 0, 0, 0);
    }
    return DeltaIO.mergeByKey(spark, c.output(), name, path, c.table().keys());
  }

  /** Valid rows the table drops without quarantine: geolocation points outside Brazil. */
  private static Column dropped(SilverTable table) {
    return table == SilverTable.GEOLOCATION
        ? not(OlistSilverTransforms.insideBrazil())
        : lit(false);
  }

  /**
   * Appends rejected rows to the table's quarantine, one append per bronze batch so a re-run of a
   * batch (or of all of bronze) does not quarantine a row twice.
   */
  private static void quarantine(
      SparkSession spark,
      JobContext ctx,
      SilverTable table,
      Dataset<Row> rejected,
      long rows,
      List<TableWrite> writes) {
    if (rows == 0) {
      return;
    }
    List<String> batches =
        ctx.batchId().isPresent()
            ? List.of(ctx.batchId().get())
            : rejected
                .select(OlistTables.BATCH_ID)
                .distinct()
                .as(Encoders.STRING())
                .collectAsList();
    for (String b : batches) {
      Dataset<Row> batchRows =
          ctx.batchId().isPresent()
              ? rejected
              : rejected.filter(col(OlistTables.BATCH_ID).eqNullSafe(b));
      writes.add(
          Quarantine.append(
              spark,
              ctx,
              NAME,
              LAYER,
              OlistTables.DOMAIN,
              table.source().table(),
              b == null ? NO_BATCH : b,
              batchRows));
    }
  }

  /** The bronze input of every table (one batch, or all), checked before anything is written. */
  private static Map<SilverTable, Dataset<Row>> readBronze(
      SparkSession spark, JobContext ctx, String batch) {
    List<String> missing = new ArrayList<>();
    Map<SilverTable, Dataset<Row>> out = new EnumMap<>(SilverTable.class);
    for (SilverTable t : SilverTable.values()) {
      String path = ctx.layout().path(t.bronze());
      if (!DeltaIO.exists(spark, path)) {
        missing.add(t.bronze() + " (" + path + ")");
        continue;
      }
      Dataset<Row> df = DeltaIO.read(spark, path);
      List<String> expected = new ArrayList<>(t.source().header());
      expected.addAll(
          List.of(OlistTables.BATCH_ID, OlistTables.SOURCE_FILE, OlistTables.INGESTED_AT));
      List<String> absent =
          expected.stream().filter(c -> !Arrays.asList(df.columns()).contains(c)).toList();
      if (!absent.isEmpty()) {
        throw bronzeColumnsMissing(t.bronze().toString(), absent);
      }
      out.put(t, batch == null ? df : df.filter(col(OlistTables.BATCH_ID).equalTo(batch)));
    }
    if (!missing.isEmpty()) {
      throw bronzeMissing(missing);
    }
    return out;
  }

  /** Rows per bronze input, in one Spark job. */
  private static Map<SilverTable, Long> countRows(Map<SilverTable, Dataset<Row>> bronze) {
    Dataset<Row> counts =
        bronze.entrySet().stream()
            .map(
                e ->
                    e.getValue()
                        .agg(count(lit(1)).as("rows"))
                        .select(lit(e.getKey().name()).as("table"), col("rows")))
            .reduce(Dataset::unionAll)
            .orElseThrow();
    Map<SilverTable, Long> out = new EnumMap<>(SilverTable.class);
    for (Row r : counts.collectAsList()) {
      out.put(SilverTable.valueOf(r.getString(0)), r.getLong(1));
    }
    return out;
  }

  private static LakehouseException bronzeMissing(List<String> tables) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Bronze tables missing: "
            + String.join(", ", tables)
            + ". Silver is promoted from bronze: run olist.ingest_bronze first"
            + " (bin/lakehouse run olist runs both).");
  }

  private static LakehouseException bronzeColumnsMissing(String table, List<String> columns) {
    return new LakehouseException(
        ExitCode.USAGE,
        table
            + " lacks the columns "
            + columns
            + ". It was not written by olist.ingest_bronze from the original files:"
            + " re-ingest the source into a fresh lakehouse root.");
  }

  private static LakehouseException batchNotInBronze(String batch) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Batch '"
            + batch
            + "' is not in bronze.olist.*: ingest it first (olist.ingest_bronze --batch "
            + batch
            + "), or leave out --batch to promote all of bronze.");
  }

  private static LakehouseException rowsUnaccounted(
      SilverTable table, long bronzeRows, long silverRows, long quarantined, long outside) {
    return new LakehouseException(
        ExitCode.FAILURE,
        String.format(
            Locale.ROOT,
            "Rows unaccounted for in %s: %d bronze rows but %d silver, %d quarantined and %d"
                + " outside Brazil. Nothing was published for this table; this is a bug in %s,"
                + " please report it.",
            table.silver(),
            bronzeRows,
            silverRows,
            quarantined,
            outside,
            NAME));
  }
}
