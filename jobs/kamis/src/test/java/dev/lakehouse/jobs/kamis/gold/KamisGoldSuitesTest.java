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

  private static Dataset<Row> empty(StructType schema) {
    return SPARK.createDataFrame(List.<Row>of(), schema);
  }
}
