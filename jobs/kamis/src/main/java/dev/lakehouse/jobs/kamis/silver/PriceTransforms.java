package dev.lakehouse.jobs.kamis.silver;

import static dev.lakehouse.jobs.kamis.silver.KamisCodes.text;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.jobs.kamis.bronze.KamisBronzeTable;
import dev.lakehouse.jobs.kamis.silver.DayLabels.LabelSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Types each price action's bronze rows into the shape of {@link Observations}: per-row columns,
 * the labelled or dated prices as cells, the raw row and its problems. The mapping rules are
 * written down in DESIGN.md ("Silver mapping rules").
 */
final class PriceTransforms {
  private PriceTransforms() {}

  /** Preference between actions when label and fetch time tie: the most specific source first. */
  static final Map<String, Integer> ACTION_RANK =
      Map.of(
          KamisBronzeTable.DAILY_PRICE_BY_CATEGORY.action(), 0,
          KamisBronzeTable.PERIOD_RETAIL_PRICES.action(), 1,
          KamisBronzeTable.PERIOD_WHOLESALE_PRICES.action(), 1,
          KamisBronzeTable.ECO_PRICES.action(), 2,
          KamisBronzeTable.DAILY_SALES.action(), 3);

  static Column actionRank(Column action) {
    Map<String, String> m = new LinkedHashMap<>();
    ACTION_RANK.forEach((k, v) -> m.put(k, String.valueOf(v)));
    return coalesce(
            org.apache.spark.sql.functions.element_at(KamisCodes.mapOf(m), action), lit("9"))
        .cast("int");
  }

  /** Builds the typed projection in the order {@link Observations} expects. */
  private static final class Typed {
    private final Map<String, Column> row = new LinkedHashMap<>();
    private final List<Column> problems = new ArrayList<>();

    Typed put(String name, Column c) {
      row.put(name, c);
      return this;
    }

    Typed problem(Column c) {
      problems.add(c);
      return this;
    }

    Dataset<Row> select(Dataset<Row> source, KamisBronzeTable table, Column cells) {
      row.put("source_action", lit(table.action()));
      row.put("batch_id", col(KamisBronzeTable.BATCH_ID));
      row.put("fetched_at", col(KamisBronzeTable.FETCHED_AT));
      row.put("_action_rank", lit(ACTION_RANK.get(table.action())));
      List<Column> out = new ArrayList<>();
      for (String c : Observations.ROW_COLUMNS) {
        Column v = row.get(c);
        if (v == null) {
          throw new IllegalStateException(table + " transform lacks column " + c);
        }
        out.add(v.as(c));
      }
      // The cells and the joined problems are columns of their own before they are used twice
      // (output and reason), so their expressions are not copied into each use.
      Dataset<Row> staged = source.withColumn("_cells", cells);
      out.add(col("_cells").as(Observations.CELLS));
      out.add(col(Observations.RAW));
      out.add(col(KamisBronzeTable.SOURCE_FILE).as(Observations.SOURCE_FILE));
      out.add(
          Observations.problems(col("_cells"), problems.toArray(Column[]::new)).as("_problems"));
      return staged
          .select(out.toArray(Column[]::new))
          .withColumn(Observations.REASON, Observations.reasonOf(col("_problems")))
          .drop("_problems");
    }
  }

  private static Column empty(Column c, String what) {
    return when(c.isNull(), lit(what + " is empty"));
  }

  /** dailyPriceByCategoryList: seven labelled prices per row; 일평년 is a summary. */
  static Dataset<Row> dailyByCategory(Dataset<Row> bronze) {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      labels.add("day" + i);
    }
    // The base day and the labels as columns of their own: the cells refer to them many times.
    Dataset<Row> b =
        DayLabels.withLabels(
            bronze
                .withColumn(Observations.RAW, Observations.raw(bronze))
                .withColumn("_base", KamisCodes.isoDay(col("p_regday"))),
            LabelSet.CATEGORY,
            labels);
    Column base = col("_base");
    Column cls = KamisCodes.productCls(col("p_product_cls_code"));
    Column category = text("p_item_category_code");
    Column region = coalesce(text("p_country_code"), lit(KamisCodes.NATIONAL_CODE));
    Column regionName = KamisCodes.regionNameByCode(region);
    Column rankCode = text("rank_code");
    List<Column> cells = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      cells.add(DayLabels.cell("day" + i, "dpr" + i, base, LabelSet.CATEGORY));
    }
    return new Typed()
        .put("product_cls", cls)
        .put("category_code", category)
        .put("category_name", KamisCodes.categoryName(category))
        .put("item_code", text("item_code"))
        .put("item_name", text("item_name"))
        .put("kind_code", text("kind_code"))
        .put("kind_name", text("kind_name"))
        .put("rank_code", rankCode)
        .put("rank_name", coalesce(text("rank"), KamisCodes.rankName(rankCode)))
        .put("eco", lit(false))
        .put("region_code", region)
        .put("region_name", regionName)
        .put("market_name", lit(""))
        .put("market_type", lit("all"))
        .put("unit", text("unit"))
        .problem(empty(text("item_code"), "item_code"))
        .problem(empty(text("kind_code"), "kind_code"))
        .problem(empty(rankCode, "rank_code"))
        .problem(empty(category, "p_item_category_code"))
        .problem(
            when(
                cls.isNull(),
                concat(
                    lit("p_product_cls_code '"),
                    coalesce(col("p_product_cls_code"), lit("null")),
                    lit("' is not 01 or 02"))))
        .problem(
            when(
                base.isNull(),
                concat(
                    lit("p_regday '"),
                    coalesce(col("p_regday"), lit("null")),
                    lit("' is not a day"))))
        .problem(
            when(
                regionName.isNull(),
                concat(lit("p_country_code '"), region, lit("' is not a known region"))))
        .select(b, KamisBronzeTable.DAILY_PRICE_BY_CATEGORY, array(cells.toArray(Column[]::new)));
  }

  /**
   * dailySalesList: four labelled prices relative to the row's own {@code lastest_day}. The row
   * names a product ({@code 쌀/20kg}), not an item code: it is mapped to productInfo by category,
   * item name (before {@code /}) and kind name (after it); when exactly one kind matches the name
   * that kind, else when the item has exactly one kind that one. The rank is the best grade (lowest
   * code) productInfo lists for the channel. A product that maps to no single item/kind/rank is a
   * bad row (quarantined with the reason), never guessed.
   */
  static Dataset<Row> dailySales(Dataset<Row> bronze, Dataset<Row> lookup) {
    Dataset<Row> b =
        bronze
            .withColumn(Observations.RAW, Observations.raw(bronze))
            .withColumn("_name", coalesce(text("productName"), text("item_name")))
            .withColumn("_item_part", trim(substring_index(col("_name"), "/", 1)))
            .withColumn(
                "_kind_part",
                when(
                    col("_name").contains("/"),
                    trim(regexp_extract(col("_name"), "^[^/]*/(.*)$", 1))))
            .withColumn("_cls", KamisCodes.productCls(col("product_cls_code")))
            .withColumn("_cat", text("category_code"))
            .withColumn("_base", KamisCodes.isoDay(col("lastest_day")));
    b = DayLabels.withLabels(b, LabelSet.SALES, List.of("day1", "day2", "day3", "day4"));
    Column exact = col("l_kind_name").equalTo(col("_kind_part"));
    Column bestRank =
        when(col("_cls").equalTo("wholesale"), array_min(col("l_wholesale_rank_codes")))
            .otherwise(array_min(col("l_retail_rank_codes")));
    Column choice =
        struct(
            col("l_item_code").as("item_code"),
            col("l_item_name").as("item_name"),
            col("l_kind_code").as("kind_code"),
            col("l_kind_name").as("kind_name"),
            bestRank.as("rank_code"));
    Dataset<Row> mapping =
        b.select("_cat", "_item_part", "_kind_part", "_cls")
            .distinct()
            .join(
                prefixed(lookup),
                col("l_category_code")
                    .equalTo(col("_cat"))
                    .and(col("l_item_name").equalTo(col("_item_part"))),
                "left")
            .groupBy("_cat", "_item_part", "_kind_part", "_cls")
            .agg(
                count(col("l_item_code")).as("_n"),
                count(when(exact, lit(1))).as("_n_exact"),
                max(when(exact, choice)).as("_exact"),
                max(choice).as("_any"))
            .select(
                col("_cat").as("m_cat"),
                col("_item_part").as("m_item_part"),
                col("_kind_part").as("m_kind_part"),
                col("_cls").as("m_cls"),
                when(col("_n_exact").equalTo(1), col("_exact"))
                    .when(col("_n").equalTo(1), col("_any"))
                    .as("_m"));
    Dataset<Row> joined =
        b.join(
            mapping,
            col("_cat")
                .eqNullSafe(col("m_cat"))
                .and(col("_item_part").eqNullSafe(col("m_item_part")))
                .and(col("_kind_part").eqNullSafe(col("m_kind_part")))
                .and(col("_cls").eqNullSafe(col("m_cls"))),
            "left");
    Column base = col("_base");
    Column rankCode = col("_m.rank_code");
    List<Column> cells = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      cells.add(DayLabels.cell("day" + i, "dpr" + i, base, LabelSet.SALES));
    }
    Column product =
        concat(
            lit("dailySalesList product "),
            coalesce(col("productno"), lit("?")),
            lit(" '"),
            coalesce(col("_name"), lit("")),
            lit("' (category "),
            coalesce(col("_cat"), lit("?")),
            lit(")"));
    return new Typed()
        .put("product_cls", col("_cls"))
        .put("category_code", col("_cat"))
        .put("category_name", coalesce(text("category_name"), KamisCodes.categoryName(col("_cat"))))
        .put("item_code", col("_m.item_code"))
        .put("item_name", col("_m.item_name"))
        .put("kind_code", col("_m.kind_code"))
        .put("kind_name", col("_m.kind_name"))
        .put("rank_code", rankCode)
        .put("rank_name", KamisCodes.rankName(rankCode))
        .put("eco", lit(false))
        .put("region_code", lit(KamisCodes.NATIONAL_CODE))
        .put("region_name", lit(KamisCodes.NATIONAL_NAME))
        .put("market_name", lit(""))
        .put("market_type", lit("all"))
        .put("unit", text("unit"))
        .problem(
            when(
                col("_cls").isNull(),
                concat(
                    lit("product_cls_code '"),
                    coalesce(col("product_cls_code"), lit("null")),
                    lit("' is not 01 or 02"))))
        .problem(
            when(
                base.isNull(),
                concat(
                    lit("lastest_day '"),
                    coalesce(col("lastest_day"), lit("null")),
                    lit("' is not a day"))))
        .problem(
            when(
                col("_cls").isNotNull().and(col("_m").isNull()),
                concat(product, lit(" matches no single item and kind of productInfo"))))
        .problem(
            when(
                col("_m").isNotNull().and(rankCode.isNull()),
                concat(product, lit(" has no rank code in productInfo for its channel"))))
        .select(joined, KamisBronzeTable.DAILY_SALES, array(cells.toArray(Column[]::new)));
  }

  /** The catalogue's columns prefixed {@code l_}, for joins without name clashes. */
  static Dataset<Row> prefixed(Dataset<Row> lookup) {
    List<Column> cs = new ArrayList<>();
    for (String c : ItemCatalog.COLUMNS) {
      cs.add(col(c).as("l_" + c));
    }
    return lookup.select(cs.toArray(Column[]::new));
  }

  /**
   * periodRetailProductList / periodWholesaleProductList: one dated price per row ({@code yyyy} +
   * {@code regday} MM/dd); 평균/평년 rows are summaries; codes from the request, region from the region
   * name.
   */
  static Dataset<Row> period(Dataset<Row> bronze, KamisBronzeTable table, Dataset<Row> lookup) {
    boolean retail = table == KamisBronzeTable.PERIOD_RETAIL_PRICES;
    Dataset<Row> b = codesAndLookup(bronze, lookup);
    Column county = text("countyname");
    Column summary = county.isin("평균", "평년");
    Column date =
        KamisCodes.day(
            concat(text("yyyy"), lit("-"), regexp_replace(text("regday"), "/", "-")),
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "yyyy-MM-dd");
    Column requestRegion =
        coalesce(text("p_countrycode"), text("p_countycode"), lit(KamisCodes.NATIONAL_CODE));
    Column region = when(summary, requestRegion).otherwise(KamisCodes.regionCodeByName(county));
    Column regionName = when(summary, KamisCodes.regionNameByCode(requestRegion)).otherwise(county);
    Column market = coalesce(text("marketname"), lit(""));
    Column cell =
        struct(
            lit(null).cast("string").as("day_label"),
            lit(0).as("_label_rank"),
            date.as("price_date"),
            when(county.equalTo("평균"), lit("average"))
                .when(county.equalTo("평년"), lit("normal_year"))
                .as("summary_type"),
            KamisCodes.price(col("price")).as("price_won"),
            KamisCodes.priceProblem(col("price"), "price").as("problem"));
    return common(new Typed(), "_ic", "_kc", "_rc", "_cat")
        .put("product_cls", lit(retail ? "retail" : "wholesale"))
        .put("item_name", coalesce(text("itemname"), col("l_item_name")))
        .put("kind_name", coalesce(text("kindname"), col("l_kind_name")))
        .put("eco", lit(false))
        .put("region_code", region)
        .put("region_name", regionName)
        .put("market_name", market)
        .put("market_type", KamisCodes.marketType(market))
        .put("unit", ItemCatalog.unit(retail ? "retail" : "wholesale"))
        .problem(
            when(
                date.isNull(),
                concat(
                    lit("yyyy '"),
                    coalesce(col("yyyy"), lit("null")),
                    lit("' and regday '"),
                    coalesce(col("regday"), lit("null")),
                    lit("' are not a day"))))
        .problem(empty(county, "countyname"))
        .problem(
            when(
                county.isNotNull().and(region.isNull().or(regionName.isNull())),
                concat(lit("region '"), coalesce(county, lit("")), lit("' is not a known region"))))
        .select(b, table, array(cell));
  }

  /** EcoPriceList: one price per row on its ISO regday; 평균 is the national row. */
  static Dataset<Row> eco(Dataset<Row> bronze, Dataset<Row> lookup) {
    Dataset<Row> b = codesAndLookup(bronze, lookup);
    Column county = text("countyname");
    Column national = county.equalTo("평균");
    Column region =
        when(national, lit(KamisCodes.NATIONAL_CODE))
            .otherwise(KamisCodes.regionCodeByName(county));
    Column market = coalesce(text("marketname"), lit(""));
    Column date = KamisCodes.isoDay(col("regday"));
    Column cell =
        struct(
            lit(null).cast("string").as("day_label"),
            lit(0).as("_label_rank"),
            date.as("price_date"),
            lit(null).cast("string").as("summary_type"),
            KamisCodes.price(col("price")).as("price_won"),
            KamisCodes.priceProblem(col("price"), "price").as("problem"));
    return common(new Typed(), "_ic", "_kc", "_rc", "_cat")
        .put("product_cls", lit("retail"))
        .put("item_name", col("l_item_name"))
        .put("kind_name", col("l_kind_name"))
        .put("eco", lit(true))
        .put("region_code", region)
        .put("region_name", when(national, lit(KamisCodes.NATIONAL_NAME)).otherwise(county))
        .put("market_name", market)
        .put("market_type", KamisCodes.marketType(market))
        .put("unit", coalesce(text("unit"), ItemCatalog.unit("eco")))
        .problem(
            when(
                date.isNull(),
                concat(
                    lit("regday '"), coalesce(col("regday"), lit("null")), lit("' is not a day"))))
        .problem(empty(county, "countyname"))
        .problem(
            when(
                county.isNotNull().and(region.isNull()),
                concat(lit("region '"), county, lit("' is not a known region"))))
        .select(b, KamisBronzeTable.ECO_PRICES, array(cell));
  }

  /** Request codes as columns, the raw row, and the catalogue joined by item and kind. */
  private static Dataset<Row> codesAndLookup(Dataset<Row> bronze, Dataset<Row> lookup) {
    Dataset<Row> b =
        bronze
            .withColumn(Observations.RAW, Observations.raw(bronze))
            .withColumn("_ic", text("p_itemcode"))
            .withColumn("_kc", text("p_kindcode"))
            .withColumn("_rc", text("p_productrankcode"))
            .withColumn("_cat", text("p_itemcategorycode"));
    return b.join(
        prefixed(lookup),
        col("l_item_code").equalTo(col("_ic")).and(col("l_kind_code").equalTo(col("_kc"))),
        "left");
  }

  /** The request-coded columns shared by period and eco rows. */
  private static Typed common(Typed t, String ic, String kc, String rc, String cat) {
    return t.put("category_code", col(cat))
        .put("category_name", KamisCodes.categoryName(col(cat)))
        .put("item_code", col(ic))
        .put("kind_code", col(kc))
        .put("rank_code", col(rc))
        .put("rank_name", KamisCodes.rankName(col(rc)))
        .problem(empty(col(ic), "p_itemcode"))
        .problem(empty(col(kc), "p_kindcode"))
        .problem(empty(col(rc), "p_productrankcode"))
        .problem(empty(col(cat), "p_itemcategorycode"));
  }
}
