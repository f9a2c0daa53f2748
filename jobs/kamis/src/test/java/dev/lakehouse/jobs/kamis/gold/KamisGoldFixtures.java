package dev.lakehouse.jobs.kamis.gold;

import dev.lakehouse.common.table.TableLayout;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small hand-made KAMIS silver tables for the gold tests, built in code with exactly the silver
 * schemas of {@code jobs/kamis/DESIGN.md} and written as Delta tables at the silver paths.
 *
 * <p>The story (retail; cabbage 배추 211/01 "봄(1포기)", unit 1포기; apple 사과 411/05, unit 10개):
 *
 * <pre>
 * #   date        item    rank eco region        market        price
 * 1   2023-10-31  cabbage 04   -   0000 전국     -             4000
 * 2   2024-09-27  cabbage 04   -   0000          -             3513
 * 3   2024-10-24  cabbage 04   -   0000          -             3200
 * 4   2024-10-30  cabbage 04   -   0000          -             3500
 * 5   2024-10-31  cabbage 04   -   0000          -             3513
 * 6   2024-10-31  cabbage 05   -   0000          -             2900
 * 7   2024-10-31  cabbage 07   eco 0000          -             5270
 * 8   2024-10-31  cabbage 04   -   1101 서울     -             3600
 * 9   2024-10-31  cabbage 04   -   2100 부산     -             3300
 * 10  2024-10-31  cabbage 04   -   2200 대구     -             3900
 * 11  2024-10-31  cabbage 04   -   1101          A-대형마트    4000
 * 12  2024-10-31  cabbage 04   -   1101          B-대형마트    4200
 * 13  2024-10-31  cabbage 04   -   1101          A-전통시장    3000
 * 14  2024-10-31  cabbage 04   -   2100          A-대형마트    3800
 * 15  2024-10-31  cabbage 04   -   2300 인천     A-전통시장    3400
 * 16  2024-10-31  cabbage 07   eco 1101          A-대형마트    6000
 * 17  2024-10-31  cabbage 07   eco 3911 제주     A-대형마트    6500   (no conventional price in 제주)
 * 18-31 apple 04, 0000: 2023-01-10 900, 2023-01-20 1100, the 15th of Feb..Nov 2023 1000 each,
 *       2023-12-15 2200, 2024-01-15 5000 (2023 is a full year, 2024 a partial one)
 * </pre>
 */
final class KamisGoldFixtures {
  static final DataType MONEY = DataTypes.createDecimalType(14, 2);

  static final StructType ITEM_PRICES =
      new StructType()
          .add("price_date", DataTypes.DateType)
          .add("product_cls", DataTypes.StringType)
          .add("category_code", DataTypes.StringType)
          .add("category_name", DataTypes.StringType)
          .add("item_code", DataTypes.StringType)
          .add("item_name", DataTypes.StringType)
          .add("kind_code", DataTypes.StringType)
          .add("kind_name", DataTypes.StringType)
          .add("rank_code", DataTypes.StringType)
          .add("rank_name", DataTypes.StringType)
          .add("eco", DataTypes.BooleanType)
          .add("region_code", DataTypes.StringType)
          .add("region_name", DataTypes.StringType)
          .add("market_name", DataTypes.StringType)
          .add("market_type", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("price_won", MONEY)
          .add("source_action", DataTypes.StringType)
          .add("batch_id", DataTypes.StringType)
          .add("fetched_at", DataTypes.TimestampType);

  static final StructType PRICE_SUMMARIES =
      new StructType()
          .add("price_date", DataTypes.DateType)
          .add("product_cls", DataTypes.StringType)
          .add("item_code", DataTypes.StringType)
          .add("item_name", DataTypes.StringType)
          .add("kind_code", DataTypes.StringType)
          .add("kind_name", DataTypes.StringType)
          .add("rank_code", DataTypes.StringType)
          .add("rank_name", DataTypes.StringType)
          .add("summary_type", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("price_won", MONEY)
          .add("source_action", DataTypes.StringType)
          .add("batch_id", DataTypes.StringType)
          .add("fetched_at", DataTypes.TimestampType);

  static final StructType ITEMS =
      new StructType()
          .add("category_code", DataTypes.StringType)
          .add("category_name", DataTypes.StringType)
          .add("item_code", DataTypes.StringType)
          .add("item_name", DataTypes.StringType)
          .add("kind_code", DataTypes.StringType)
          .add("kind_name", DataTypes.StringType)
          .add("wholesale_unit", DataTypes.StringType)
          .add("wholesale_unit_size", DataTypes.StringType)
          .add("retail_unit", DataTypes.StringType)
          .add("retail_unit_size", DataTypes.StringType)
          .add("eco_unit", DataTypes.StringType)
          .add("eco_unit_size", DataTypes.StringType)
          .add("wholesale_rank_codes", DataTypes.createArrayType(DataTypes.StringType))
          .add("retail_rank_codes", DataTypes.createArrayType(DataTypes.StringType));

  static final StructType REGIONS =
      new StructType()
          .add("region_code", DataTypes.StringType)
          .add("region_name", DataTypes.StringType)
          .add("retail", DataTypes.BooleanType)
          .add("wholesale", DataTypes.BooleanType);

  static final Map<String, String> REGION_NAMES =
      Map.of("0000", "전국", "1101", "서울", "2100", "부산", "2200", "대구", "2300", "인천", "3911", "제주");

  static final Map<String, String> RANK_NAMES = Map.of("04", "상품", "05", "중품", "07", "친환경");

  private static final Timestamp FETCHED = Timestamp.valueOf("2024-11-01 06:00:00");

  private KamisGoldFixtures() {}

  /** One retail price row; {@code market} "" when the row is a region or national average. */
  static Row price(
      String date,
      String item,
      String rank,
      boolean eco,
      String region,
      String market,
      String price) {
    boolean cabbage = item.equals("211");
    String marketType = market.isEmpty() ? "all" : market.substring(market.indexOf('-') + 1);
    return RowFactory.create(
        Date.valueOf(date),
        "retail",
        cabbage ? "200" : "400",
        cabbage ? "채소류" : "과일류",
        item,
        cabbage ? "배추" : "사과",
        cabbage ? "01" : "05",
        cabbage ? "봄(1포기)" : "후지(10개)",
        rank,
        RANK_NAMES.get(rank),
        eco,
        region,
        REGION_NAMES.get(region),
        market,
        marketType,
        cabbage ? "1포기" : "10개",
        new BigDecimal(price),
        market.isEmpty() ? "dailyPriceByCategoryList" : "periodRetailProductList",
        "fixture",
        FETCHED);
  }

  /** The 31 price rows of the story. */
  static List<Row> prices() {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                price("2023-10-31", "211", "04", false, "0000", "", "4000"),
                price("2024-09-27", "211", "04", false, "0000", "", "3513"),
                price("2024-10-24", "211", "04", false, "0000", "", "3200"),
                price("2024-10-30", "211", "04", false, "0000", "", "3500"),
                price("2024-10-31", "211", "04", false, "0000", "", "3513"),
                price("2024-10-31", "211", "05", false, "0000", "", "2900"),
                price("2024-10-31", "211", "07", true, "0000", "", "5270"),
                price("2024-10-31", "211", "04", false, "1101", "", "3600"),
                price("2024-10-31", "211", "04", false, "2100", "", "3300"),
                price("2024-10-31", "211", "04", false, "2200", "", "3900"),
                price("2024-10-31", "211", "04", false, "1101", "A-대형마트", "4000"),
                price("2024-10-31", "211", "04", false, "1101", "B-대형마트", "4200"),
                price("2024-10-31", "211", "04", false, "1101", "A-전통시장", "3000"),
                price("2024-10-31", "211", "04", false, "2100", "A-대형마트", "3800"),
                price("2024-10-31", "211", "04", false, "2300", "A-전통시장", "3400"),
                price("2024-10-31", "211", "07", true, "1101", "A-대형마트", "6000"),
                price("2024-10-31", "211", "07", true, "3911", "A-대형마트", "6500"),
                price("2023-01-10", "411", "04", false, "0000", "", "900"),
                price("2023-01-20", "411", "04", false, "0000", "", "1100")));
    for (int month = 2; month <= 11; month++) {
      rows.add(price(String.format("2023-%02d-15", month), "411", "04", false, "0000", "", "1000"));
    }
    rows.add(price("2023-12-15", "411", "04", false, "0000", "", "2200"));
    rows.add(price("2024-01-15", "411", "04", false, "0000", "", "5000"));
    return rows;
  }

  static List<Row> summaries() {
    return List.of(
        RowFactory.create(
            Date.valueOf("2024-10-31"),
            "retail",
            "211",
            "배추",
            "01",
            "봄(1포기)",
            "04",
            "상품",
            "normal_year",
            "1포기",
            new BigDecimal("3890.00"),
            "dailyPriceByCategoryList",
            "fixture",
            FETCHED),
        RowFactory.create(
            Date.valueOf("2024-10-31"),
            "retail",
            "211",
            "배추",
            "01",
            "봄(1포기)",
            "04",
            "상품",
            "average",
            "1포기",
            new BigDecimal("3733.00"),
            "periodRetailProductList",
            "fixture",
            FETCHED));
  }

  static List<Row> items() {
    // Apple is missing from the code table on purpose: its names then come from the price rows.
    return List.of(
        RowFactory.create(
            "200",
            "채소류",
            "211",
            "배추",
            "01",
            "봄(1포기)",
            "10kg",
            "10",
            "1포기",
            "1",
            "1포기",
            "1",
            Arrays.asList("04", "05"),
            Arrays.asList("04", "05")));
  }

  static List<Row> regions() {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, String> e : REGION_NAMES.entrySet()) {
      rows.add(RowFactory.create(e.getKey(), e.getValue(), true, !e.getKey().equals("3911")));
    }
    return rows;
  }

  /** Writes the four silver tables under {@code layout}, prices being {@code prices}. */
  static void writeSilver(SparkSession spark, TableLayout layout, List<Row> prices) {
    write(spark, layout, KamisSilver.ITEM_PRICES, prices, ITEM_PRICES);
    write(spark, layout, KamisSilver.PRICE_SUMMARIES, summaries(), PRICE_SUMMARIES);
    write(spark, layout, KamisSilver.ITEMS, items(), ITEMS);
    write(spark, layout, KamisSilver.REGIONS, regions(), REGIONS);
  }

  static void writeSilver(SparkSession spark, TableLayout layout) {
    writeSilver(spark, layout, prices());
  }

  /** Rows of all four fixture tables. */
  static long silverRows() {
    return prices().size() + summaries().size() + items().size() + regions().size();
  }

  private static void write(
      SparkSession spark, TableLayout layout, String table, List<Row> rows, StructType schema) {
    Dataset<Row> df = spark.createDataFrame(rows, schema);
    // A plain Delta write: DeltaIO's version and history look-ups add nothing to a fixture.
    df.write().format("delta").mode("overwrite").save(layout.path(KamisSilver.table(table)));
  }
}
