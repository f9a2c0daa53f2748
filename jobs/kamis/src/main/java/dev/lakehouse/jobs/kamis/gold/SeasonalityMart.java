package dev.lakehouse.jobs.kamis.gold;

import static dev.lakehouse.jobs.kamis.gold.KamisMarts.ITEM;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.NATIONAL;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.cols;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.flag;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.money;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.names;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.pct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code seasonality} mart: a month-of-year price index per item. Grain: item ({@link
 * KamisMarts#ITEM}) × unit × month (1-12).
 *
 * <ol>
 *   <li>Daily price: the national average row of the day when there is one, otherwise the mean of
 *       the day's {@link KamisMarts#regionDayPrices region prices}.
 *   <li>Monthly average per year and month: the mean of the daily prices (each observed day weighs
 *       the same).
 *   <li>Years used: a year is <em>full</em> when it has a price in all twelve months. An item with
 *       at least one full year uses its full years only (basis {@code full_years}): a partial year
 *       would pull the index towards the months it happens to have. An item without a full year
 *       uses every month it has (basis {@code partial_years}); its index is relative to the months
 *       covered only, which {@code months_covered} says.
 *   <li>Month average: the mean over the years used of that month's averages (each year weighs the
 *       same). Year average: the mean of the month averages. Index: 100 × month average / year
 *       average, from unrounded values.
 * </ol>
 */
public final class SeasonalityMart {
  private SeasonalityMart() {}

  /** The {@code seasonality} mart (see the class documentation). */
  public static Dataset<Row> seasonality(KamisSilver s) {
    Column national = col("region_code").equalTo(NATIONAL);
    Dataset<Row> daily =
        KamisMarts.regionDayPrices(s)
            .groupBy(cols(ITEM, "unit", "price_date"))
            .agg(
                coalesce(
                        avg(when(national, col("price_won"))),
                        avg(when(national.equalTo(false), col("price_won"))))
                    .as("day_price"));
    List<String> itemUnit = List.of(names(ITEM, "unit"));
    WindowSpec byYear = Window.partitionBy(cols(itemUnit, "year"));
    WindowSpec byItem = Window.partitionBy(cols(itemUnit));
    Dataset<Row> monthly =
        daily
            .groupBy(
                concat(
                    cols(itemUnit),
                    year(col("price_date")).as("year"),
                    month(col("price_date")).as("month")))
            .agg(avg("day_price").as("month_avg"), count(lit(1)).as("days"))
            .withColumn("months_in_year", count(lit(1)).over(byYear))
            // Each full year contributes twelve rows.
            .withColumn(
                "full_years",
                sum(flag(col("months_in_year").equalTo(12))).over(byItem).divide(12).cast("int"));
    Dataset<Row> used =
        monthly.filter(col("full_years").equalTo(0).or(col("months_in_year").equalTo(12)));
    Dataset<Row> byMonth =
        used.groupBy(cols(itemUnit, "month"))
            .agg(
                avg("month_avg").as("moy_raw"),
                sum("days").as("observations"),
                count(lit(1)).as("years"),
                max("full_years").as("full_years"))
            .withColumn("year_raw", avg("moy_raw").over(byItem))
            .withColumn("months_covered", count(lit(1)).over(byItem))
            .withColumn("month_avg_won", money(col("moy_raw")))
            .withColumn("year_avg_won", money(col("year_raw")))
            .withColumn("seasonal_index", pct(col("moy_raw"), col("year_raw")))
            .withColumn(
                "basis", when(col("full_years").gt(0), "full_years").otherwise("partial_years"));
    return byMonth
        .join(
            KamisMarts.itemNames(s), names(List.of("item_code", "kind_code", "rank_code")), "left")
        .select(
            cols(
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
                    "unit",
                    "month",
                    "month_avg_won",
                    "year_avg_won",
                    "seasonal_index",
                    "observations",
                    "years",
                    "months_covered",
                    "full_years",
                    "basis")));
  }

  private static Column[] concat(Column[] a, Column... b) {
    Column[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
