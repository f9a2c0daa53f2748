package dev.lakehouse.jobs.kamis.silver;

import static dev.lakehouse.jobs.kamis.KamisTestContexts.context;
import static dev.lakehouse.jobs.kamis.KamisTestContexts.landing;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteKamisToSilverTest {
  private static final String BATCH_A = "kamis-2024-10-28_2024-10-31";
  private static final String BATCH_B = "kamis-2024-11-01_2024-11-01";

  private final SparkSession spark = TestSpark.session();
  private final PromoteKamisToSilver job = new PromoteKamisToSilver();

  private Dataset<Row> silver(JobContext ctx, KamisSilverTable t) {
    return DeltaIO.read(spark, ctx.layout().path(t.silver()));
  }

  /** Rows as "a|b|c" strings of the given columns, for order-free comparison. */
  private static List<String> lines(Dataset<Row> df, String... columns) {
    return df
        .select(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
        .collectAsList()
        .stream()
        .map(
            r -> {
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < r.size(); i++) {
                sb.append(i == 0 ? "" : "|").append(r.isNullAt(i) ? "null" : r.get(i).toString());
              }
              return sb.toString();
            })
        .toList();
  }

  private static Dataset<Row> cabbage(Dataset<Row> prices, String day) {
    return prices.filter(
        col("item_code")
            .equalTo("211")
            .and(col("product_cls").equalTo("retail"))
            .and(col("region_code").equalTo("0000"))
            .and(col("eco").equalTo(false))
            .and(col("price_date").equalTo(day)));
  }

  private Map<KamisSilverTable, Long> versions(JobContext ctx) {
    return Arrays.stream(KamisSilverTable.values())
        .collect(
            Collectors.toMap(t -> t, t -> DeltaIO.version(spark, ctx.layout().path(t.silver()))));
  }

  /**
   * The fast form of the repeat check, in every verify: a second promotion of the same batch makes
   * no commit and leaves every silver table's rows as they were.
   */
  @Test
  void promotingTheSameBatchTwiceChangesNothing(@TempDir Path root) {
    new IngestKamisToBronze()
        .run(spark, context(root, null, landing("landing"), "2024-10-28", "2024-10-31"));
    JobContext a = context(root, BATCH_A, null, null, null);
    job.promote(spark, a);
    Map<KamisSilverTable, Long> versions = versions(a);
    Map<KamisSilverTable, List<String>> rows = new EnumMap<>(KamisSilverTable.class);
    for (KamisSilverTable t : KamisSilverTable.values()) {
      rows.put(t, sortedRows(silver(a, t)));
    }
    assertThat(rows.get(KamisSilverTable.ITEM_PRICES)).isNotEmpty();

    PromoteKamisToSilver.Outcome again =
        job.promote(spark, context(root, BATCH_A, null, null, null));

    assertThat(versions(a)).as("no commit on the second run").isEqualTo(versions);
    assertThat(again.writes().get(KamisSilverTable.ITEM_PRICES).rowsWritten()).isZero();
    for (KamisSilverTable t : KamisSilverTable.values()) {
      assertThat(sortedRows(silver(a, t))).as(t.silver().toString()).isEqualTo(rows.get(t));
    }
  }

  private static List<String> sortedRows(Dataset<Row> df) {
    return lines(df, df.columns()).stream().sorted().toList();
  }

  @Test
  @Tag("slow") // long: several promotions in a row; GitHub CI runs it (see pom.xml)
  void promotesByLabelDeduplicatesAcrossActionsAndBatchesAndGatesBeforePublishing(
      @TempDir Path root) {
    IngestKamisToBronze ingest = new IngestKamisToBronze();
    String source = landing("landing");
    ingest.run(spark, context(root, null, source, "2024-10-28", "2024-10-31"));
    JobContext a = context(root, BATCH_A, null, null, null);
    PromoteKamisToSilver.Outcome first = job.promote(spark, a);

    // Accounting worked out by hand from the fixtures (batch A: 10-31 dailies, period, eco, info).
    assertThat(first.bronzeRows()).isEqualTo(3 + 3 + 6 + 2 + 3 + 6);
    assertThat(first.quarantined()).isEqualTo(1); // 수박 matches no productInfo item
    // no price: 배추 3, 시금치 7 (null, [], "", -), 무's 일평년 "-", 쌀's 1년전 [], 배추 sales
    // 1개월전 [], a "-" period price, a null eco price.
    assertThat(first.noPrice()).isEqualTo(3 + 7 + 1 + 2 + 1 + 1);
    assertThat(first.writes().get(KamisSilverTable.ITEM_PRICES).rowsInserted())
        .isEqualTo(9 + 6 + 3 + 1 + 2 - 2);

    Dataset<Row> prices = silver(a, KamisSilverTable.ITEM_PRICES);
    assertThat(prices.columns())
        .containsExactly(KamisSilverTable.ITEM_PRICES.columns().toArray(String[]::new));
    // "3,513" is 3513 on the day its label names; the category list's 당일 beats the headline
    // list's 당일 (3,520), fetched earlier; both actions reported 10-30 as 1일전.
    assertThat(
            lines(
                cabbage(prices, "2024-10-31"),
                "price_won",
                "day_label",
                "source_action",
                "rank_name"))
        .containsExactly("3513.00|당일|dailyPriceByCategoryList|상품");
    assertThat(lines(cabbage(prices, "2024-10-30"), "price_won", "day_label", "source_action"))
        .containsExactly("3400.00|1일전|dailyPriceByCategoryList");
    assertThat(lines(cabbage(prices, "2024-10-24"), "price_won", "day_label"))
        .containsExactly("3300.00|1주일전");
    // Only the headline list had 배추's price a year before.
    assertThat(
            lines(
                cabbage(prices, "2023-10-31"),
                "price_won",
                "day_label",
                "source_action",
                "kind_code",
                "rank_code"))
        .containsExactly("2900.00|1년전|dailySalesList|01|04");
    // 무's labels come in another order (1주일전 before 1일전): each price lands on its label's day.
    assertThat(
            lines(
                prices.filter(col("item_code").equalTo("231")).orderBy("price_date"),
                "price_date",
                "price_won",
                "day_label"))
        .containsExactly(
            "2023-10-31|2010.00|1년전",
            "2024-09-30|870.00|1개월전",
            "2024-10-17|990.00|2주일전",
            "2024-10-24|1250.00|1주일전",
            "2024-10-30|1100.00|1일전",
            "2024-10-31|1980.00|당일");
    // dailySalesList's 쌀/20kg: item 111 kind 01 by name, the best retail rank (04 of 04,05),
    // dated from its own lastest_day (2024-10-30, not the other rows' 10-31).
    assertThat(
            lines(
                prices.filter(col("item_code").equalTo("111")).orderBy("price_date"),
                "price_date",
                "price_won",
                "kind_code",
                "rank_code",
                "unit"))
        .containsExactly(
            "2024-09-30|55000.00|01|04|20kg",
            "2024-10-29|54100.00|01|04|20kg",
            "2024-10-30|54212.00|01|04|20kg");
    // Period rows: yyyy + MM/dd, region from the name, market type after the dash; summary rows
    // are not market prices.
    assertThat(
            lines(
                prices.filter(col("source_action").equalTo("periodRetailProductList")),
                "price_date",
                "region_code",
                "market_name",
                "market_type",
                "price_won",
                "unit"))
        .containsExactlyInAnyOrder(
            "2024-10-30|1101|A-대형마트|대형마트|3650.00|1포기",
            "2024-10-30|1101|B-전통시장|전통시장|3210.00|1포기",
            "2024-10-31|1101|A-대형마트|대형마트|3700.00|1포기");
    assertThat(
            lines(
                prices.filter(col("product_cls").equalTo("wholesale")),
                "price_date",
                "region_code",
                "region_name",
                "market_name",
                "market_type",
                "price_won"))
        .containsExactly("2024-10-31|2100|부산|부산반여|all|24800.00");
    assertThat(
            lines(
                prices.filter(col("eco")),
                "region_code",
                "region_name",
                "market_name",
                "price_won",
                "rank_code",
                "item_name"))
        .containsExactlyInAnyOrder("0000|전국||5100.00|07|배추", "1101|서울|A-대형마트|5400.00|07|배추");
    assertThat(prices.filter(col("price_won").isin(3480, 3900, 25100, 4012)).count()).isZero();

    assertThat(
            lines(
                silver(a, KamisSilverTable.PRICE_SUMMARIES),
                "price_date",
                "product_cls",
                "region_code",
                "summary_type",
                "price_won",
                "source_action"))
        .containsExactlyInAnyOrder(
            "2024-10-31|retail|0000|normal_year|4012.00|dailyPriceByCategoryList",
            "2024-10-30|retail|1101|average|3480.00|periodRetailProductList",
            "2024-10-30|retail|1101|normal_year|3900.00|periodRetailProductList",
            "2024-10-31|wholesale|0000|average|25100.00|periodWholesaleProductList");

    // productInfo: rank code lists split, [] an empty list.
    assertThat(
            lines(
                silver(a, KamisSilverTable.ITEMS)
                    .filter(col("item_code").isin("211", "213"))
                    .withColumn("retail_rank_codes", concat_ws(",", col("retail_rank_codes")))
                    .withColumn(
                        "wholesale_rank_codes", concat_ws(",", col("wholesale_rank_codes"))),
                "item_code",
                "kind_code",
                "retail_rank_codes",
                "wholesale_rank_codes",
                "eco_unit"))
        .containsExactlyInAnyOrder(
            "211|01|04,05|04,05|포기", "211|06|04|04,05|null", "213|00|04||null");
    assertThat(silver(a, KamisSilverTable.REGIONS).count()).isEqualTo(19);
    assertThat(
            DeltaIO.read(spark, a.layout().quarantine("kamis", "daily_sales"))
                .filter(col("job").equalTo(PromoteKamisToSilver.NAME))
                .select("reason")
                .first()
                .getString(0))
        .contains("dailySalesList product 301 '수박/1통' (category 400) matches no single item");

    // Batch B (11-01): its 1일전 for 10-31 (3,450) is less direct than the 당일 already in silver,
    // which stays; the unknown label 3개월전 quarantines 양파's row.
    ingest.run(spark, context(root, null, source, "2024-11-01", "2024-11-01"));
    JobContext b = context(root, BATCH_B, null, null, null);
    PromoteKamisToSilver.Outcome second = job.promote(spark, b);
    assertThat(second.quarantined()).isEqualTo(1);
    prices = silver(b, KamisSilverTable.ITEM_PRICES);
    assertThat(lines(cabbage(prices, "2024-10-31"), "price_won", "day_label", "batch_id"))
        .containsExactly("3513.00|당일|" + BATCH_A);
    assertThat(lines(cabbage(prices, "2024-11-01"), "price_won", "day_label", "batch_id"))
        .containsExactly("3600.00|당일|" + BATCH_B);
    assertThat(prices.filter(col("item_code").equalTo("245")).count()).isZero();
    assertThat(
            DeltaIO.read(spark, b.layout().quarantine("kamis", "daily_price_by_category"))
                .filter(col("job").equalTo(PromoteKamisToSilver.NAME))
                .select("reason")
                .first()
                .getString(0))
        .contains("day5 label '3개월전' is not a known day label");
    assertThat(
            lines(
                prices.filter(
                    col("region_code")
                        .equalTo("1101")
                        .and(col("product_cls").equalTo("wholesale"))),
                "price_date",
                "price_won"))
        .containsExactlyInAnyOrder("2024-11-01|12500.00", "2024-10-31|12300.00");
    long total = prices.count();
    assertThat(total).isEqualTo(19 + 3);

    // All of bronze again: nothing changes, no commit anywhere.
    Map<KamisSilverTable, Long> before = versions(b);
    PromoteKamisToSilver.Outcome all = job.promote(spark, context(root, null, null, null, null));
    assertThat(all.toJobResult().rowsOut()).isZero();
    // Nothing beats what silver holds (the stored labels rank as they did when computed).
    assertThat(all.writes().get(KamisSilverTable.ITEM_PRICES).operation()).isEqualTo("SKIPPED");
    assertThat(all.writes().get(KamisSilverTable.PRICE_SUMMARIES).operation()).isEqualTo("SKIPPED");
    assertThat(versions(b)).isEqualTo(before);

    // A batch whose price day lies after its fetch passes bronze but fails silver's hard rule
    // not_after_fetch: exit 3, every silver table keeps its version.
    ingest.run(
        spark, context(root, "future", landing("landing-future"), "2024-12-31", "2024-12-31"));
    RunOutcome failed = JobRunner.execute(spark, job, context(root, "future", null, null, null));
    assertThat(failed.exitCode()).isEqualTo(ExitCode.QUALITY_GATE);
    assertThat(failed.error().orElseThrow()).contains("not_after_fetch");
    assertThat(versions(b)).isEqualTo(before);
    assertThat(silver(b, KamisSilverTable.ITEM_PRICES).count()).isEqualTo(total);
  }
}
