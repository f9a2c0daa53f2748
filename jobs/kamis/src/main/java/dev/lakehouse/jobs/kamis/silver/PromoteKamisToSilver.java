package dev.lakehouse.jobs.kamis.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
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
import dev.lakehouse.common.spark.Checkpoints;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.kamis.bronze.KamisBronzeTable;
import dev.lakehouse.jobs.kamis.silver.KamisCodes.Region;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Promotes the KAMIS bronze tables to {@code silver.kamis.item_prices}, {@code price_summaries},
 * {@code items} and {@code regions} (DESIGN.md: columns, keys and the mapping rules).
 *
 * <p>Invocation:
 *
 * <pre>
 * spark-submit --class dev.lakehouse.jobs.kamis.silver.PromoteKamisToSilver \
 *   jobs/kamis/target/lakehouse-jobs-kamis-&lt;version&gt;-spark.jar [--batch ID]
 * bin/lakehouse run kamis.promote_silver [--batch ID]     # this job alone
 * bin/lakehouse run kamis --from D1 --to D2              # bronze then silver
 * </pre>
 *
 * With {@code --batch} only that bronze batch is promoted, otherwise all of bronze; either way each
 * key keeps its most direct observation, compared with what silver already holds ({@link
 * PriceDedupe}).
 *
 * <p>Inputs: {@code bronze.kamis.daily_price_by_category, daily_sales, period_retail_prices,
 * period_wholesale_prices, eco_prices, product_info} (those that exist; at least one must). Bronze
 * rows that cannot be used (unknown day label, a value that is not a price or day, an unknown
 * region, a dailySalesList product that maps to no single item) go to {@code
 * _quarantine/kamis/<bronze table>} with the reason. Price cells without a price ({@code []},
 * {@code ""}, {@code "-"}, null) are not observations; they are counted in the progress lines.
 *
 * <p>Write, audit, publish: all four outputs are computed and persisted, verified by {@code
 * dq-rules/kamis/silver_<table>.conf}, and only when no error rule failed anywhere merged by key
 * ({@code DeltaIO.mergeByKey}). A failed gate exits 3 and leaves every silver table as it was.
 */
public final class PromoteKamisToSilver implements SparkJob {
  public static final String NAME = "kamis.promote_silver";

  private static final String LAYER = "silver";

  private static final List<KamisBronzeTable> PRICE_SOURCES =
      List.of(
          KamisBronzeTable.DAILY_PRICE_BY_CATEGORY,
          KamisBronzeTable.DAILY_SALES,
          KamisBronzeTable.PERIOD_RETAIL_PRICES,
          KamisBronzeTable.PERIOD_WHOLESALE_PRICES,
          KamisBronzeTable.ECO_PRICES);

  public static void main(String[] args) {
    JobRunner.main(new PromoteKamisToSilver(), args);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where the rows of one bronze table went. */
  record SourceAccount(
      KamisBronzeTable table,
      long bronzeRows,
      long quarantined,
      long cells,
      long noPrice,
      long prices,
      long summaries) {
    String line() {
      if (table == KamisBronzeTable.PRODUCT_INFO) {
        return String.format(
            Locale.ROOT,
            "%s: %d bronze rows = %d valid + %d quarantined (newest fetch per item and kind kept)",
            table.bronze(),
            bronzeRows,
            bronzeRows - quarantined,
            quarantined);
      }
      return String.format(
          Locale.ROOT,
          "%s: %d bronze rows = %d valid + %d quarantined; %d price cells = %d prices + %d"
              + " summaries + %d without a price",
          table.bronze(),
          bronzeRows,
          bronzeRows - quarantined,
          quarantined,
          cells,
          prices,
          summaries,
          noPrice);
    }
  }

  /** What the run did, for tests and the job result. */
  public record Outcome(
      Optional<String> batchId,
      long bronzeRows,
      List<SourceAccount> sources,
      Map<KamisSilverTable, TableWrite> writes,
      List<TableWrite> quarantineWrites) {
    JobResult toJobResult() {
      List<TableWrite> all = new ArrayList<>(writes.values());
      all.addAll(quarantineWrites);
      long out = writes.values().stream().mapToLong(TableWrite::rowsWritten).sum();
      return new JobResult(batchId, bronzeRows, out, all);
    }

    public long noPrice() {
      return sources.stream().mapToLong(SourceAccount::noPrice).sum();
    }

    public long quarantined() {
      return sources.stream().mapToLong(SourceAccount::quarantined).sum();
    }
  }

  @Override
  public JobResult run(SparkSession spark, JobContext ctx) {
    return promote(spark, ctx).toJobResult();
  }

  public Outcome promote(SparkSession spark, JobContext ctx) {
    String batch = ctx.batchId().orElse(null);
    Map<KamisBronzeTable, Dataset<Row>> bronze = readBronze(spark, ctx, batch);
    if (bronze.isEmpty()) {
      // A range of holidays lands only empty results, so bronze has no rows for its batch: not an
      // error, but said out loud in case the batch id was mistyped.
      ctx.progress()
          .step(
              NAME
                  + ": batch "
                  + batch
                  + " has no rows in bronze.kamis.* (nothing landed for its days, or a wrong"
                  + " --batch): nothing to promote");
      return new Outcome(
          ctx.batchId(), 0, List.of(), new EnumMap<>(KamisSilverTable.class), List.of());
    }
    ctx.progress()
        .step(
            NAME
                + ": promoting "
                + (batch == null ? "all of bronze" : "batch " + batch)
                + " ("
                + bronze.keySet().stream().map(t -> t.tableName()).toList()
                + ") to silver.kamis.*");
    List<Dataset<Row>> persisted = new ArrayList<>();
    List<TableWrite> quarantineWrites = new ArrayList<>();
    List<SourceAccount> accounts = new ArrayList<>();
    Map<KamisSilverTable, TableWrite> writes = new EnumMap<>(KamisSilverTable.class);
    long bronzeRows = 0;
    try {
      // Items first: the other transforms look names, units and the dailySalesList mapping up.
      Dataset<Row> runItems = emptyItems(spark);
      if (bronze.containsKey(KamisBronzeTable.PRODUCT_INFO)) {
        Dataset<Row> typed =
            keep(persisted, ItemCatalog.typed(bronze.get(KamisBronzeTable.PRODUCT_INFO)));
        Row n = typed.agg(count(lit(1)), count(col(Observations.REASON))).first();
        quarantine(
            spark, ctx, KamisBronzeTable.PRODUCT_INFO, typed, n.getLong(1), quarantineWrites);
        runItems =
            keep(persisted, ItemCatalog.items(typed.filter(col(Observations.REASON).isNull())));
        accounts.add(
            new SourceAccount(
                KamisBronzeTable.PRODUCT_INFO, n.getLong(0), n.getLong(1), 0, 0, 0, 0));
        bronzeRows += n.getLong(0);
      }
      String itemsPath = ctx.layout().path(KamisSilverTable.ITEMS.silver());
      Dataset<Row> lookup =
          keep(
              persisted,
              ItemCatalog.lookup(
                  runItems,
                  DeltaIO.exists(spark, itemsPath) ? DeltaIO.read(spark, itemsPath) : null));

      Dataset<Row> cells = null;
      for (KamisBronzeTable source : PRICE_SOURCES) {
        if (!bronze.containsKey(source)) {
          continue;
        }
        Dataset<Row> typed = keep(persisted, typed(source, bronze.get(source), lookup));
        Dataset<Row> sourceCells = Observations.explodeCells(typed);
        Row n = typed.agg(count(lit(1)), count(col(Observations.REASON))).first();
        Row c =
            sourceCells
                .agg(
                    count(lit(1)),
                    count(when(col("price_won").isNull(), lit(1))),
                    count(
                        when(
                            col("price_won").isNotNull().and(col("summary_type").isNull()),
                            lit(1))),
                    count(
                        when(
                            col("price_won").isNotNull().and(col("summary_type").isNotNull()),
                            lit(1))))
                .first();
        SourceAccount a =
            new SourceAccount(
                source,
                n.getLong(0),
                n.getLong(1),
                c.getLong(0),
                c.getLong(1),
                c.getLong(2),
                c.getLong(3));
        if (a.cells() != a.noPrice() + a.prices() + a.summaries()) {
          throw unaccounted(a.line());
        }
        accounts.add(a);
        bronzeRows += a.bronzeRows();
        quarantine(spark, ctx, source, typed, a.quarantined(), quarantineWrites);
        Dataset<Row> priced = sourceCells.filter(col("price_won").isNotNull());
        cells = cells == null ? priced : cells.unionByName(priced);
      }
      accounts.forEach(a -> ctx.progress().step(a.line()));

      Map<KamisSilverTable, Dataset<Row>> outputs = new EnumMap<>(KamisSilverTable.class);
      Map<KamisSilverTable, String> lines = new EnumMap<>(KamisSilverTable.class);
      if (cells != null) {
        Dataset<Row> all = keep(persisted, cells);
        long prices = accounts.stream().mapToLong(SourceAccount::prices).sum();
        long summaries = accounts.stream().mapToLong(SourceAccount::summaries).sum();
        resolve(
            spark,
            ctx,
            KamisSilverTable.ITEM_PRICES,
            all.filter(col("summary_type").isNull()),
            prices,
            outputs,
            lines,
            persisted);
        resolve(
            spark,
            ctx,
            KamisSilverTable.PRICE_SUMMARIES,
            all.filter(col("summary_type").isNotNull()),
            summaries,
            outputs,
            lines,
            persisted);
      }
      outputs.put(KamisSilverTable.ITEMS, runItems);
      lines.put(KamisSilverTable.ITEMS, "silver.kamis.items: " + runItems.count() + " item kinds");
      outputs.put(KamisSilverTable.REGIONS, keep(persisted, regions(spark)));
      lines.put(
          KamisSilverTable.REGIONS,
          "silver.kamis.regions: " + KamisCodes.REGIONS.size() + " regions");

      // Audit all four before publishing any. A table with nothing to publish is not gated: a
      // batch need not carry productInfo, and a re-run has no changed prices.
      Map<TableId, Dataset<Row>> candidates = new LinkedHashMap<>();
      Map<KamisSilverTable, Long> sizes = new EnumMap<>(KamisSilverTable.class);
      for (KamisSilverTable t :
          List.of(
              KamisSilverTable.REGIONS,
              KamisSilverTable.ITEMS,
              KamisSilverTable.ITEM_PRICES,
              KamisSilverTable.PRICE_SUMMARIES)) {
        Dataset<Row> out = outputs.get(t);
        long size = out == null ? 0 : out.count();
        sizes.put(t, size);
        if (size > 0) {
          candidates.put(t.silver(), out);
        }
      }
      if (!candidates.isEmpty()) {
        PromotionGate.verifyAll(spark, ctx, NAME, candidates);
      }
      for (KamisSilverTable t :
          List.of(
              KamisSilverTable.REGIONS,
              KamisSilverTable.ITEMS,
              KamisSilverTable.ITEM_PRICES,
              KamisSilverTable.PRICE_SUMMARIES)) {
        String path = ctx.layout().path(t.silver());
        TableWrite w =
            sizes.get(t) > 0
                ? DeltaIO.mergeByKey(spark, outputs.get(t), t.silver().toString(), path, t.keys())
                : new TableWrite(
                    t.silver().toString(),
                    path,
                    "SKIPPED",
                    DeltaIO.version(spark, path),
                    0,
                    0,
                    0,
                    0);
        writes.put(t, w);
        ctx.progress()
            .step(
                String.format(
                    Locale.ROOT,
                    "%s → %s +%d ~%d (v%d, %.1fs)",
                    lines.getOrDefault(t, t.silver() + ": nothing to promote"),
                    w.operation(),
                    w.rowsInserted(),
                    w.rowsUpdated(),
                    w.version(),
                    w.seconds()));
      }
    } finally {
      persisted.forEach(Checkpoints::release);
    }
    return new Outcome(ctx.batchId(), bronzeRows, accounts, writes, quarantineWrites);
  }

  /**
   * The rows of {@code df} computed once, under a one-node plan (see {@link Checkpoints}): each
   * step here builds on the last, and persisted steps would nest their plans in every query after.
   */
  private static Dataset<Row> keep(List<Dataset<Row>> persisted, Dataset<Row> df) {
    Dataset<Row> p = Checkpoints.local(df);
    persisted.add(p);
    return p;
  }

  private static Dataset<Row> typed(
      KamisBronzeTable source, Dataset<Row> bronze, Dataset<Row> lookup) {
    return switch (source) {
      case DAILY_PRICE_BY_CATEGORY -> PriceTransforms.dailyByCategory(bronze);
      case DAILY_SALES -> PriceTransforms.dailySales(bronze, lookup);
      case PERIOD_RETAIL_PRICES, PERIOD_WHOLESALE_PRICES ->
          PriceTransforms.period(bronze, source, lookup);
      case ECO_PRICES -> PriceTransforms.eco(bronze, lookup);
      case PRODUCT_INFO -> throw new IllegalArgumentException("productInfo has no prices");
    };
  }

  private static void resolve(
      SparkSession spark,
      JobContext ctx,
      KamisSilverTable table,
      Dataset<Row> candidates,
      long expected,
      Map<KamisSilverTable, Dataset<Row>> outputs,
      Map<KamisSilverTable, String> lines,
      List<Dataset<Row>> persisted) {
    PriceDedupe.Resolved r =
        PriceDedupe.resolve(spark, candidates, ctx.layout().path(table.silver()), table);
    persisted.add(r.output());
    long out = r.output().count();
    String line =
        String.format(
            Locale.ROOT,
            "%s: %d observations = %d to publish + %d duplicates collapsed + %d kept from silver"
                + " (a more direct observation is already there)",
            table.silver(),
            r.observations(),
            out,
            r.duplicates(),
            r.superseded());
    if (r.observations() != expected || r.observations() != out + r.duplicates() + r.superseded()) {
      throw unaccounted(line + "; expected " + expected + " observations");
    }
    outputs.put(table, r.output());
    lines.put(table, line);
  }

  private static Dataset<Row> emptyItems(SparkSession spark) {
    StructType s = new StructType();
    for (String c : ItemCatalog.COLUMNS) {
      s =
          s.add(
              c,
              c.endsWith("_rank_codes")
                  ? DataTypes.createArrayType(DataTypes.StringType)
                  : DataTypes.StringType,
              true);
    }
    return spark.createDataFrame(List.of(), s);
  }

  /** The regions of kamis.md, with {@code 0000 전국} for the national average. */
  static Dataset<Row> regions(SparkSession spark) {
    StructType s =
        new StructType()
            .add("region_code", DataTypes.StringType, false)
            .add("region_name", DataTypes.StringType, false)
            .add("retail", DataTypes.BooleanType, false)
            .add("wholesale", DataTypes.BooleanType, false);
    List<Row> rows = new ArrayList<>();
    for (Region r : KamisCodes.REGIONS) {
      rows.add(RowFactory.create(r.code(), r.name(), r.retail(), r.wholesale()));
    }
    return spark.createDataFrame(rows, s);
  }

  /**
   * Appends rejected rows to the bronze table's quarantine, one append per bronze batch, so a
   * re-run does not quarantine a row twice.
   */
  private static void quarantine(
      SparkSession spark,
      JobContext ctx,
      KamisBronzeTable table,
      Dataset<Row> typed,
      long rows,
      List<TableWrite> writes) {
    if (rows == 0) {
      return;
    }
    List<String> batches =
        ctx.batchId().isPresent()
            ? List.of(ctx.batchId().get())
            : typed
                .filter(col(Observations.REASON).isNotNull())
                .select(col(batchColumn(typed)))
                .distinct()
                .as(Encoders.STRING())
                .collectAsList();
    for (String b : batches) {
      Dataset<Row> batchRows =
          ctx.batchId().isPresent() ? typed : typed.filter(col(batchColumn(typed)).eqNullSafe(b));
      writes.add(
          Quarantine.append(
              spark,
              ctx,
              NAME,
              LAYER,
              KamisBronzeTable.DOMAIN,
              table.tableName(),
              b == null ? "unknown" : b,
              Observations.rejected(batchRows)));
    }
  }

  private static String batchColumn(Dataset<Row> typed) {
    return java.util.Arrays.asList(typed.columns()).contains("batch_id")
        ? "batch_id"
        : KamisBronzeTable.BATCH_ID;
  }

  /**
   * The bronze tables that exist and have rows of the batch (or all rows); empty when none has the
   * batch. Throws when no bronze table exists at all.
   */
  private static Map<KamisBronzeTable, Dataset<Row>> readBronze(
      SparkSession spark, JobContext ctx, String batch) {
    Map<KamisBronzeTable, Dataset<Row>> out = new EnumMap<>(KamisBronzeTable.class);
    boolean anyTable = false;
    for (KamisBronzeTable t : KamisBronzeTable.values()) {
      String path = ctx.layout().path(t.bronze());
      if (!DeltaIO.exists(spark, path)) {
        continue;
      }
      anyTable = true;
      Dataset<Row> df = DeltaIO.read(spark, path);
      List<String> absent =
          t.columns().stream()
              .filter(c -> !java.util.Arrays.asList(df.columns()).contains(c))
              .toList();
      if (!absent.isEmpty()) {
        throw new LakehouseException(
            ExitCode.USAGE,
            t.bronze()
                + " lacks the columns "
                + absent
                + ": it was not written by "
                + "kamis.ingest_bronze; re-ingest into a fresh lakehouse root.");
      }
      Dataset<Row> rows =
          batch == null ? df : df.filter(col(KamisBronzeTable.BATCH_ID).equalTo(batch));
      if (batch != null && rows.limit(1).count() == 0) {
        continue;
      }
      out.put(t, rows);
    }
    if (!anyTable) {
      throw new LakehouseException(
          ExitCode.USAGE,
          "No bronze.kamis.* table exists yet: run kamis.ingest_bronze first"
              + " (bin/lakehouse run kamis --from D1 --to D2 runs both).");
    }
    return out;
  }

  private static LakehouseException unaccounted(String detail) {
    return new LakehouseException(
        ExitCode.FAILURE,
        "Rows unaccounted for in "
            + NAME
            + ": "
            + detail
            + ". Nothing was published; this is a bug, please report it.");
  }
}
