package dev.lakehouse.jobs.kamis.gold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.quality.RuleSuite;
import dev.lakehouse.common.quality.RuleSuites;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.testing.TestSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every gold mart has a suite in the real {@code dq-rules/kamis} that validates against the mart's
 * schema (columns, types, predicates), checked on the schemas alone, without data.
 */
class KamisGoldSuitesTest {
  private static final SparkSession SPARK = TestSpark.session();

  @Test
  void everyMartHasAValidSuite() {
    KamisSilver empty =
        new KamisSilver(
            empty(KamisGoldFixtures.ITEM_PRICES),
            empty(KamisGoldFixtures.PRICE_SUMMARIES),
            empty(KamisGoldFixtures.ITEMS),
            empty(KamisGoldFixtures.REGIONS));
    RuleSuites rules =
        RuleSuites.of(TestSpark.settings(java.nio.file.Path.of(".")).quality().rulesDir());
    Map<String, Dataset<Row>> marts = KamisMarts.buildAll(empty);
    assertThat(marts.keySet())
        .containsExactly(
            "daily_price_board",
            "price_trends",
            "channel_comparison",
            "eco_premium",
            "regional_spread",
            "seasonality");
    marts.forEach(
        (mart, df) -> {
          TableId table = TableId.gold("kamis", mart);
          RuleSuite suite = rules.load(table, df.schema());
          assertThat(suite).as(mart).isNotNull();
        });
  }

  /** The gold schemas as documented in GOLD_MARTS.md (a contract for dashboards). */
  @Test
  void martSchemasAreTheDocumentedOnes() {
    KamisSilver empty =
        new KamisSilver(
            empty(KamisGoldFixtures.ITEM_PRICES),
            empty(KamisGoldFixtures.PRICE_SUMMARIES),
            empty(KamisGoldFixtures.ITEMS),
            empty(KamisGoldFixtures.REGIONS));
    String names =
        "category_code:string,category_name:string,item_code:string,item_name:string,"
            + "kind_code:string,kind_name:string,";
    String series =
        "price_date:date,product_cls:string,"
            + names
            + "rank_code:string,rank_name:string,eco:boolean,region_code:string,"
            + "region_name:string,market_name:string,unit:string,price_won:decimal(14,2),";
    StringBuilder board = new StringBuilder(series);
    for (String p : List.of("day", "week", "month", "year")) {
      board.append(
          String.format(
              java.util.Locale.ROOT,
              "prev_%1$s_date:date,prev_%1$s_won:decimal(14,2),change_%1$s_won:decimal(14,2),"
                  + "change_%1$s_pct:decimal(10,2),direction_%1$s:string,",
              p));
    }
    String item =
        "product_cls:string,"
            + names
            + "rank_code:string,rank_name:string,eco:boolean,unit:string,";
    Map<String, String> expected =
        Map.of(
            "daily_price_board",
            board.toString(),
            "price_trends",
            series
                + "ma7_won:decimal(14,2),ma7_observations:bigint,ma28_won:decimal(14,2),"
                + "ma28_observations:bigint,",
            "channel_comparison",
            "price_date:date,"
                + item
                + "market_type:string,avg_price_won:decimal(14,2),min_price_won:decimal(14,2),"
                + "max_price_won:decimal(14,2),markets:bigint,all_channel_avg_won:decimal(14,2),"
                + "all_channel_markets:bigint,index_vs_all:decimal(10,2),",
            "eco_premium",
            "price_date:date,product_cls:string,"
                + names
                + "region_code:string,region_name:string,unit:string,"
                + "eco_price_won:decimal(14,2),conventional_price_won:decimal(14,2),"
                + "premium_won:decimal(14,2),premium_pct:decimal(10,2),eco_ranks:bigint,"
                + "conventional_ranks:bigint,",
            "regional_spread",
            "price_date:date,"
                + item
                + "regions:bigint,min_price_won:decimal(14,2),max_price_won:decimal(14,2),"
                + "avg_price_won:decimal(14,2),stddev_won:decimal(14,2),spread_pct:decimal(10,2),"
                + "cheapest_region_code:string,cheapest_region_name:string,"
                + "dearest_region_code:string,dearest_region_name:string,",
            "seasonality",
            item
                + "month:int,month_avg_won:decimal(14,2),year_avg_won:decimal(14,2),"
                + "seasonal_index:decimal(10,2),observations:bigint,years:bigint,"
                + "months_covered:bigint,full_years:int,basis:string,");
    KamisMarts.buildAll(empty)
        .forEach(
            (mart, df) -> {
              // Spelled out field by field: simpleString() abbreviates wide schemas.
              StringBuilder actual = new StringBuilder();
              for (org.apache.spark.sql.types.StructField f : df.schema().fields()) {
                actual.append(f.name()).append(':').append(f.dataType().simpleString()).append(',');
              }
              assertThat(actual.toString()).as(mart).isEqualTo(expected.get(mart));
            });
  }

  private static Dataset<Row> empty(StructType schema) {
    return SPARK.createDataFrame(List.<Row>of(), schema);
  }
}
