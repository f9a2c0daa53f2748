package dev.lakehouse.jobs.kamis.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The KAMIS silver tables the gold marts read (the contract in {@code jobs/kamis/DESIGN.md}), each
 * narrowed to the columns gold uses. Reading checks that every table exists and has those columns,
 * so a missing or drifted silver table fails the run (exit 2) before any mart is computed.
 *
 * @param itemPrices {@code silver.kamis.item_prices}: one row per observed price
 * @param priceSummaries {@code silver.kamis.price_summaries}: average and normal-year rows (read
 *     and counted; no mart uses them yet, they are kept apart from market prices by design)
 * @param items {@code silver.kamis.items}: canonical category, item and kind names
 * @param regions {@code silver.kamis.regions}: canonical region names
 */
public record KamisSilver(
    Dataset<Row> itemPrices,
    Dataset<Row> priceSummaries,
    Dataset<Row> items,
    Dataset<Row> regions) {
  public static final String DOMAIN = "kamis";
  public static final String ITEM_PRICES = "item_prices";
  public static final String PRICE_SUMMARIES = "price_summaries";
  public static final String ITEMS = "items";
  public static final String REGIONS = "regions";

  /** The columns gold reads from each silver table, in read order. */
  public static final Map<String, List<String>> COLUMNS = columns();

  private static Map<String, List<String>> columns() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(
        ITEM_PRICES,
        List.of(
            "price_date",
            "product_cls",
            "category_code",
            "category_name",
            "item_code",
            "item_name",
            "kind_code",
            "kind_name",
            "rank_code",
            "rank_name",
            "eco",
            "region_code",
            "region_name",
            "market_name",
            "market_type",
            "unit",
            "price_won"));
    m.put(
        PRICE_SUMMARIES,
        List.of(
            "price_date",
            "product_cls",
            "item_code",
            "kind_code",
            "rank_code",
            "summary_type",
            "unit",
            "price_won"));
    m.put(
        ITEMS,
        List.of(
            "category_code", "category_name", "item_code", "item_name", "kind_code", "kind_name"));
    m.put(REGIONS, List.of("region_code", "region_name"));
    return Collections.unmodifiableMap(m);
  }

  public static TableId table(String name) {
    return TableId.silver(DOMAIN, name);
  }

  /**
   * Reads the silver tables under {@code layout}.
   *
   * @throws LakehouseException (exit 2) when a table is missing or lacks a contract column
   */
  public static KamisSilver read(SparkSession spark, TableLayout layout) {
    List<Dataset<Row>> t = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
      TableId id = table(e.getKey());
      String path = layout.path(id);
      if (!DeltaIO.exists(spark, path)) {
        throw new LakehouseException(
            ExitCode.USAGE,
            "Silver table "
                + id
                + " does not exist at "
                + path
                + ". The KAMIS gold marts are built from silver: run the KAMIS bronze and silver"
                + " jobs first (bin/lakehouse run kamis runs the whole pipeline).");
      }
      Dataset<Row> df = DeltaIO.read(spark, path);
      List<String> have = Arrays.asList(df.columns());
      List<String> missing = e.getValue().stream().filter(c -> !have.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new LakehouseException(
            ExitCode.USAGE,
            "Silver table "
                + id
                + " at "
                + path
                + " lacks the columns "
                + missing
                + " of the silver contract (jobs/kamis/DESIGN.md). It was written by an older or"
                + " different silver job: re-run the KAMIS silver job.");
      }
      t.add(df.select(e.getValue().stream().map(c -> col(c)).toArray(Column[]::new)));
    }
    return new KamisSilver(t.get(0), t.get(1), t.get(2), t.get(3));
  }

  public List<Dataset<Row>> tables() {
    return List.of(itemPrices, priceSummaries, items, regions);
  }

  /**
   * Caches every table: each is read by several marts, and the counts taken at the start must
   * describe exactly the data the marts are built from.
   */
  public KamisSilver persist() {
    tables().forEach(df -> df.persist(StorageLevel.MEMORY_AND_DISK()));
    return this;
  }

  public void unpersist() {
    tables().forEach(Dataset::unpersist);
  }

  /** Row counts by table name, in the order of {@link #COLUMNS}; one Spark job for all four. */
  public Map<String, Long> counts() {
    List<String> names = List.copyOf(COLUMNS.keySet());
    List<Dataset<Row>> t = tables();
    Dataset<Row> all = null;
    for (int i = 0; i < t.size(); i++) {
      Dataset<Row> one = t.get(i).agg(count(lit(1)).as("rows")).withColumn("i", lit(i));
      all = all == null ? one : all.union(one);
    }
    Map<String, Long> m = new LinkedHashMap<>();
    names.forEach(n -> m.put(n, 0L));
    for (Row r : all.collectAsList()) {
      m.put(names.get(r.getInt(1)), r.getLong(0));
    }
    return m;
  }
}
