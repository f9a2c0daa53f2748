package dev.lakehouse.jobs.kamis.gold;

import static dev.lakehouse.jobs.kamis.gold.KamisMarts.ITEM;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.NATIONAL;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.cols;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.money;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.names;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.pct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Marts that compare prices of one item on one day: across market types ({@code
 * channel_comparison}), eco-friendly against conventional ({@code eco_premium}) and across regions
 * ({@code regional_spread}). Prices in different units are never compared: the unit is part of
 * every grain.
 */
public final class ComparisonMarts {
  private static final List<String> ITEM_COLUMNS =
      List.of(
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
          "unit");

  private ComparisonMarts() {}

  /**
   * The {@code channel_comparison} mart, from market rows only (silver rows with a market name;
   * region and national averages are no channel). Grain: price_date × item ({@link
   * KamisMarts#ITEM}) × unit × market_type. A market is a region code and market name ("A-대형마트"
   * exists in many regions). The all-channel average is the mean over every market row of the item
   * and day, so each market weighs the same whatever its channel; the index is 100 × channel
   * average / all-channel average.
   */
  public static Dataset<Row> channelComparison(KamisSilver s) {
    Dataset<Row> markets = s.itemPrices().filter(col("market_name").notEqual(""));
    String[] dayItem = names(ITEM, "price_date", "unit");
    Dataset<Row> byType =
        markets
            .groupBy(cols(List.of(dayItem), "market_type"))
            .agg(
                avg("price_won").as("avg_raw"),
                min("price_won").as("min_price_won"),
                max("price_won").as("max_price_won"),
                countDistinct(col("region_code"), col("market_name")).as("markets"));
    Dataset<Row> all =
        markets
            .groupBy(cols(List.of(dayItem)))
            .agg(
                avg("price_won").as("all_raw"),
                countDistinct(col("region_code"), col("market_name")).as("all_channel_markets"));
    Dataset<Row> compared =
        byType
            .join(all, dayItem)
            .withColumn("avg_price_won", money(col("avg_raw")))
            .withColumn("all_channel_avg_won", money(col("all_raw")))
            .withColumn("index_vs_all", pct(col("avg_raw"), col("all_raw")));
    return compared
        .join(
            KamisMarts.itemNames(s), names(List.of("item_code", "kind_code", "rank_code")), "left")
        .select(
            cols(
                List.of("price_date"),
                concat(
                    ITEM_COLUMNS,
                    "market_type",
                    "avg_price_won",
                    "min_price_won",
                    "max_price_won",
                    "markets",
                    "all_channel_avg_won",
                    "all_channel_markets",
                    "index_vs_all")));
  }

  /**
   * The {@code eco_premium} mart. Grain: price_date × product_cls × item × kind × region × unit.
   * Each side's price is the mean of its {@link KamisMarts#regionDayPrices region prices} over its
   * ranks: eco-friendly produce has its own grade codes (07, 08) that map to no conventional grade
   * (04 상품, 05 중품 …), so grades are pooled on both sides and the number pooled is reported. Both
   * prices are rounded first; the premium is eco − conventional of the rounded prices, and its
   * percentage is of the conventional price. Only days on which both sides have a price in the same
   * region and unit have a row (the others are counted in the run's output).
   */
  public static Dataset<Row> ecoPremium(KamisSilver s) {
    Dataset<Row> rdp = KamisMarts.regionDayPrices(s);
    List<String> key =
        List.of("price_date", "product_cls", "item_code", "kind_code", "region_code", "unit");
    Dataset<Row> eco =
        rdp.filter(col("eco"))
            .groupBy(cols(key))
            .agg(money(avg("price_won")).as("eco_price_won"), count(lit(1)).as("eco_ranks"));
    Dataset<Row> conventional =
        rdp.filter(col("eco").equalTo(false))
            .groupBy(cols(key))
            .agg(
                money(avg("price_won")).as("conventional_price_won"),
                count(lit(1)).as("conventional_ranks"));
    Dataset<Row> pairs =
        eco.join(conventional, key.toArray(String[]::new))
            .withColumn(
                "premium_won",
                col("eco_price_won").minus(col("conventional_price_won")).cast(KamisMarts.MONEY))
            .withColumn("premium_pct", pct(col("premium_won"), col("conventional_price_won")));
    return pairs
        .join(KamisMarts.kindNames(s), names(List.of("item_code", "kind_code")), "left")
        .join(KamisMarts.regionNames(s), "region_code", "left")
        .select(
            cols(
                List.of(
                    "price_date",
                    "product_cls",
                    "category_code",
                    "category_name",
                    "item_code",
                    "item_name",
                    "kind_code",
                    "kind_name",
                    "region_code",
                    "region_name",
                    "unit",
                    "eco_price_won",
                    "conventional_price_won",
                    "premium_won",
                    "premium_pct",
                    "eco_ranks",
                    "conventional_ranks")));
  }

  /**
   * The {@code regional_spread} mart: the {@link KamisMarts#regionDayPrices region prices} of an
   * item on a day across regions, the national average (region {@value KamisMarts#NATIONAL}) left
   * out. Grain: price_date × item × unit. The standard deviation is the population one (the regions
   * observed are all the regions there are that day; one region gives 0). Spread % is 100 × (max −
   * min) / mean. Cheapest and dearest region: ties go to the lower region code.
   */
  public static Dataset<Row> regionalSpread(KamisSilver s) {
    Dataset<Row> regional =
        KamisMarts.regionDayPrices(s).filter(col("region_code").notEqual(NATIONAL));
    Dataset<Row> spread =
        regional
            .groupBy(cols(ITEM, "price_date", "unit"))
            .agg(
                count(lit(1)).as("regions"),
                min("price_won").as("min_price_won"),
                max("price_won").as("max_price_won"),
                avg("price_won").as("avg_raw"),
                stddev_pop("price_won").as("stddev_raw"),
                // Smallest (price, code): the cheapest region, the lower code on a tie; the
                // negated price makes the same minimum pick the dearest.
                min(struct(col("price_won"), col("region_code"))).as("cheapest"),
                min(struct(col("price_won").multiply(-1), col("region_code"))).as("dearest"))
            .withColumn("avg_price_won", money(col("avg_raw")))
            .withColumn("stddev_won", money(col("stddev_raw")))
            .withColumn(
                "spread_pct", pct(col("max_price_won").minus(col("min_price_won")), col("avg_raw")))
            .withColumn("cheapest_region_code", col("cheapest.region_code"))
            .withColumn("dearest_region_code", col("dearest.region_code"));
    Dataset<Row> regions = KamisMarts.regionNames(s);
    return spread
        .join(
            KamisMarts.itemNames(s), names(List.of("item_code", "kind_code", "rank_code")), "left")
        .join(
            regions
                .withColumnRenamed("region_code", "cheapest_region_code")
                .withColumnRenamed("region_name", "cheapest_region_name"),
            "cheapest_region_code",
            "left")
        .join(
            regions
                .withColumnRenamed("region_code", "dearest_region_code")
                .withColumnRenamed("region_name", "dearest_region_name"),
            "dearest_region_code",
            "left")
        .select(
            cols(
                List.of("price_date"),
                concat(
                    ITEM_COLUMNS,
                    "regions",
                    "min_price_won",
                    "max_price_won",
                    "avg_price_won",
                    "stddev_won",
                    "spread_pct",
                    "cheapest_region_code",
                    "cheapest_region_name",
                    "dearest_region_code",
                    "dearest_region_name")));
  }

  private static String[] concat(List<String> a, String... b) {
    return names(a, b);
  }
}
