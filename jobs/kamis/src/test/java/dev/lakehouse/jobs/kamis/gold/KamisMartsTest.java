package dev.lakehouse.jobs.kamis.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each mart on the fixture silver tables of {@link KamisGoldFixtures}, against values worked out by
 * hand (the derivation is in each test's comments).
 */
class KamisMartsTest {
  private static final SparkSession SPARK = TestSpark.session();

  private static KamisSilver silver;

  @BeforeAll
  static void writeFixtures() throws IOException {
    Path root = Files.createTempDirectory("kamis-gold-marts");
    TableLayout layout = new TableLayout(root.toString());
    KamisGoldFixtures.writeSilver(SPARK, layout);
    silver = KamisSilver.read(SPARK, layout).persist();
  }

  @AfterAll
  static void release() {
    silver.unpersist();
  }

  /** The given columns of every row, "|"-joined, sorted (row order is not part of a mart). */
  static List<String> lines(Dataset<Row> df, String... columns) {
    List<String> out = new ArrayList<>();
    for (Row r :
        df.select(java.util.Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new))
            .collectAsList()) {
      List<String> v = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        v.add(String.valueOf(r.get(i)));
      }
      out.add(String.join("|", v));
    }
    return out.stream().sorted().toList();
  }

  private static Dataset<Row> cabbageNational(Dataset<Row> df) {
    return df.filter(
        col("item_code")
            .equalTo("211")
            .and(col("rank_code").equalTo("04"))
            .and(col("region_code").equalTo("0000")));
  }

  @Test
  void dailyPriceBoardComparesWithTheNearestEarlierObservationInEachWindow() {
    Dataset<Row> board = PriceMarts.dailyPriceBoard(silver);
    assertThat(board.count()).isEqualTo(31); // one row per silver price
    assertThat(board.schema().apply("price_won").dataType()).isEqualTo(KamisMarts.MONEY);
    assertThat(board.schema().apply("change_week_pct").dataType()).isEqualTo(KamisMarts.PCT);
    // 2024-10-31 cabbage national 3513:
    //   day: target 10-30, window 10-26..10-30 -> 10-30 3500: +13, 13/3500 = 0.37 %, up;
    //   week: target 10-24, window 10-21..10-24 -> 3200: +313, 313/3200 = 9.78 %, up;
    //   month: target 09-30 (add_months), window 09-23..09-30 -> 09-27 3513: 0, 0.00 %, same;
    //   year: target 2023-10-31 -> 4000: -487, -487/4000 = -12.175 -> -12.18 % (half-up), down.
    // 2024-10-24: nothing within any window (09-27 is after the month target 09-24) -> unknown.
    // 2024-10-30: day window 10-25..10-29 empty; week 10-20..10-23 empty; month target 09-30 ->
    //   09-27 3513: -13, -0.37 %; year target 2023-10-30, window 10-23..10-30 empty.
    assertThat(
            lines(
                cabbageNational(board),
                "price_date",
                "price_won",
                "prev_day_date",
                "prev_day_won",
                "change_day_won",
                "change_day_pct",
                "direction_day",
                "prev_week_won",
                "change_week_won",
                "change_week_pct",
                "direction_week",
                "prev_month_date",
                "change_month_won",
                "change_month_pct",
                "direction_month",
                "prev_year_date",
                "change_year_won",
                "change_year_pct",
                "direction_year"))
        .containsExactly(
            "2023-10-31|4000.00|null|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown",
            "2024-09-27|3513.00|null|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown",
            "2024-10-24|3200.00|null|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown|null|null|null|unknown",
            "2024-10-30|3500.00|null|null|null|null|unknown|null|null|null|unknown|2024-09-27|-13.00|-0.37|down|null|null|null|unknown",
            "2024-10-31|3513.00|2024-10-30|3500.00|13.00|0.37|up|3200.00|313.00|9.78|up|2024-09-27|0.00|0.00|same|2023-10-31|-487.00|-12.18|down");
    // Apple: 2024-01-15 5000 against 2023-12-15 2200 (month: +2800, 127.27 %) and, a year
    // before, 2023-01-10 900 (target 2023-01-15, window 01-08..01-15; 01-20 is after it):
    // +4100, 455.56 %. 2023-01-20 1100 against a week before (target 01-13 -> 01-10 900):
    // +200, 22.22 %.
    Dataset<Row> apple = board.filter(col("item_code").equalTo("411"));
    assertThat(
            lines(
                apple.filter(col("price_date").equalTo(java.sql.Date.valueOf("2024-01-15"))),
                "change_month_won",
                "change_month_pct",
                "prev_year_date",
                "change_year_won",
                "change_year_pct",
                "direction_year"))
        .containsExactly("2800.00|127.27|2023-01-10|4100.00|455.56|up");
    assertThat(
            lines(
                apple.filter(col("price_date").equalTo(java.sql.Date.valueOf("2023-01-20"))),
                "direction_day",
                "prev_week_won",
                "change_week_won",
                "change_week_pct"))
        .containsExactly("unknown|900.00|200.00|22.22");
    // Names: cabbage's from silver items, apple's (not in items) from its price rows; market rows
    // are on the board as their own series.
    assertThat(
            lines(
                apple.limit(1),
                "category_name",
                "item_name",
                "kind_name",
                "rank_name",
                "region_name"))
        .containsExactly("과일류|사과|후지(10개)|상품|전국");
    assertThat(
            board
                .filter(
                    col("market_name").equalTo("A-대형마트").and(col("region_code").equalTo("1101")))
                .count())
        .isEqualTo(2); // conventional and eco
  }

  @Test
  void priceTrendsAverageOverCalendarDaysNotRows() {
    // Cabbage national observations: 2023-10-31, 2024-09-27, 10-24, 10-30, 10-31.
    // 10-31: 7 days = 10-25..10-31 -> 3500, 3513 -> 3506.50 (2); 28 days = 10-04..10-31 ->
    //   3200, 3500, 3513 -> 10213/3 = 3404.33 (3).
    // 10-30: 10-24..10-30 -> 3200, 3500 -> 3350.00 (2); 28 days the same two.
    // 10-24: 7 days only itself; 28 days = 09-27..10-24 includes 09-27 exactly -> 3356.50 (2).
    // 09-27 and 2023-10-31: only themselves (a row-count window would reach back a year).
    Dataset<Row> trends = PriceMarts.priceTrends(silver);
    assertThat(trends.count()).isEqualTo(31);
    assertThat(
            lines(
                cabbageNational(trends),
                "price_date",
                "price_won",
                "ma7_won",
                "ma7_observations",
                "ma28_won",
                "ma28_observations"))
        .containsExactly(
            "2023-10-31|4000.00|4000.00|1|4000.00|1",
            "2024-09-27|3513.00|3513.00|1|3513.00|1",
            "2024-10-24|3200.00|3200.00|1|3356.50|2",
            "2024-10-30|3500.00|3350.00|2|3350.00|2",
            "2024-10-31|3513.00|3506.50|2|3404.33|3");
    // Apple 2023-01-20: 7 days 01-14..01-20 -> 1100 (1); 28 days from 2022-12-24 -> 900, 1100.
    assertThat(
            lines(
                trends.filter(
                    col("item_code")
                        .equalTo("411")
                        .and(col("price_date").equalTo(java.sql.Date.valueOf("2023-01-20")))),
                "ma7_won",
                "ma7_observations",
                "ma28_won",
                "ma28_observations"))
        .containsExactly("1100.00|1|1000.00|2");
  }

  @Test
  void channelComparisonIndexesEachMarketTypeAgainstAllMarkets() {
    // Conventional cabbage on 2024-10-31, market rows only: 대형마트 4000 (서울 A), 4200 (서울 B),
    // 3800 (부산 A); 전통시장 3000 (서울), 3400 (인천). All: 18400/5 = 3680.
    // 대형마트: 4000, 3800..4200, 3 markets, 100 x 4000/3680 = 108.70.
    // 전통시장: 3200, 3000..3400, 2 markets, 86.96.
    // Eco: 대형마트 6000 (서울) and 6500 (제주): 6250, 2 markets = all -> 100.00.
    Dataset<Row> mart = ComparisonMarts.channelComparison(silver);
    assertThat(
            lines(
                mart,
                "price_date",
                "item_name",
                "rank_code",
                "eco",
                "unit",
                "market_type",
                "avg_price_won",
                "min_price_won",
                "max_price_won",
                "markets",
                "all_channel_avg_won",
                "all_channel_markets",
                "index_vs_all"))
        .containsExactly(
            "2024-10-31|배추|04|false|1포기|대형마트|4000.00|3800.00|4200.00|3|3680.00|5|108.70",
            "2024-10-31|배추|04|false|1포기|전통시장|3200.00|3000.00|3400.00|2|3680.00|5|86.96",
            "2024-10-31|배추|07|true|1포기|대형마트|6250.00|6000.00|6500.00|2|6250.00|2|100.00");
  }

  @Test
  void ecoPremiumPoolsGradesAndPairsSameRegionAndUnit() {
    // 전국: eco 5270 (1 grade) vs conventional (3513 + 2900)/2 = 3206.50 (2 grades):
    //   +2063.50, 2063.50/3206.50 = 64.35 %.
    // 서울: eco from its market row 6000 vs the region row 3600 (the market rows of 서울 are not
    //   used when the region has its own average): +2400, 66.67 %.
    // 제주: eco 6500 has no conventional price -> no row (counted by leftOut).
    Dataset<Row> mart = ComparisonMarts.ecoPremium(silver);
    assertThat(
            lines(
                mart,
                "price_date",
                "item_name",
                "kind_name",
                "region_code",
                "region_name",
                "unit",
                "eco_price_won",
                "conventional_price_won",
                "premium_won",
                "premium_pct",
                "eco_ranks",
                "conventional_ranks"))
        .containsExactly(
            "2024-10-31|배추|봄(1포기)|0000|전국|1포기|5270.00|3206.50|2063.50|64.35|1|2",
            "2024-10-31|배추|봄(1포기)|1101|서울|1포기|6000.00|3600.00|2400.00|66.67|1|1");
  }

  @Test
  void regionalSpreadAcrossRegionsWithoutTheNationalAverage() {
    // Conventional cabbage 2024-10-31: 서울 3600, 부산 3300, 대구 3900 (region rows), 인천 3400
    // (its only market row). Mean 3550; deviations 50, -250, 350, -150 -> population variance
    // 210000/4 = 52500 -> 229.13; spread 600/3550 = 16.90 %; cheapest 부산, dearest 대구.
    // Eco: 서울 6000, 제주 6500 -> mean 6250, sd 250, spread 500/6250 = 8.00 %.
    // Days with the national average only (the other cabbage days, apple) have no row.
    Dataset<Row> mart = ComparisonMarts.regionalSpread(silver);
    assertThat(
            lines(
                mart,
                "price_date",
                "rank_code",
                "eco",
                "regions",
                "min_price_won",
                "max_price_won",
                "avg_price_won",
                "stddev_won",
                "spread_pct",
                "cheapest_region_code",
                "cheapest_region_name",
                "dearest_region_code",
                "dearest_region_name"))
        .containsExactly(
            "2024-10-31|04|false|4|3300.00|3900.00|3550.00|229.13|16.90|2100|부산|2200|대구",
            "2024-10-31|07|true|2|6000.00|6500.00|6250.00|250.00|8.00|1101|서울|3911|제주");
  }

  @Test
  void seasonalityUsesFullYearsWhenThereAreAny() {
    // Apple: 2023 has all twelve months -> basis full_years, 2024-01 (5000) left out.
    // Jan = (900 + 1100)/2 = 1000 (2 observations), Feb..Nov 1000, Dec 2200; year average
    // 13200/12 = 1100 -> Jan..Nov 100 x 1000/1100 = 90.91, Dec 200.00.
    Dataset<Row> mart = SeasonalityMart.seasonality(silver);
    Dataset<Row> apple = mart.filter(col("item_code").equalTo("411"));
    assertThat(apple.count()).isEqualTo(12);
    assertThat(
            lines(
                apple.filter(col("month").isin(1, 2, 12)),
                "month",
                "month_avg_won",
                "year_avg_won",
                "seasonal_index",
                "observations",
                "years",
                "months_covered",
                "full_years",
                "basis"))
        .containsExactly(
            "12|2200.00|1100.00|200.00|1|1|12|1|full_years",
            "1|1000.00|1100.00|90.91|2|1|12|1|full_years",
            "2|1000.00|1100.00|90.91|1|1|12|1|full_years");
    // Cabbage 04 has no full year -> partial_years over the months it has, national prices:
    // Oct = mean of 2023-10 (4000) and 2024-10 ((3200+3500+3513)/3 = 3404.33) = 3702.17,
    // Sep = 3513; year average (3702.17 + 3513)/2 = 3607.58; Oct 102.62, Sep 97.38.
    assertThat(
            lines(
                mart.filter(col("item_code").equalTo("211")),
                "rank_code",
                "eco",
                "month",
                "month_avg_won",
                "year_avg_won",
                "seasonal_index",
                "observations",
                "years",
                "months_covered",
                "basis"))
        .containsExactly(
            "04|false|10|3702.17|3607.58|102.62|4|2|2|partial_years",
            "04|false|9|3513.00|3607.58|97.38|1|1|2|partial_years",
            "05|false|10|2900.00|2900.00|100.00|1|1|1|partial_years",
            "07|true|10|5270.00|5270.00|100.00|1|1|1|partial_years");
  }

  @Test
  void leftOutCountsWhatComparisonMartsCannotPair() {
    // Eco 제주 has no conventional price; item-days with only a national price: cabbage 04 on
    // four days, cabbage 05 on one, apple on fourteen.
    Map<String, Long> counts = KamisMarts.leftOut(silver);
    assertThat(counts.values()).containsExactly(1L, 19L);
    assertThat(KamisMarts.describeLeftOut(counts))
        .containsExactly(
            "1 eco region-days without a conventional price of the same unit (no eco_premium row)",
            "19 item-days with no regional price, only the national average (no regional_spread row)");
  }
}
