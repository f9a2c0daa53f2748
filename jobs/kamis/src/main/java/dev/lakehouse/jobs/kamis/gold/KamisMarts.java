package dev.lakehouse.jobs.kamis.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The KAMIS gold marts, built from silver by pure DataFrame functions (no I/O, no actions), and the
 * definitions they share. Grain, columns and formulas of every mart are in {@code
 * jobs/kamis/GOLD_MARTS.md}.
 *
 * <table>
 *   <caption>Marts</caption>
 *   <tr><th>mart</th><th>built by</th></tr>
 *   <tr><td>daily_price_board</td><td>{@link PriceMarts#dailyPriceBoard}</td></tr>
 *   <tr><td>price_trends</td><td>{@link PriceMarts#priceTrends}</td></tr>
 *   <tr><td>channel_comparison</td><td>{@link ComparisonMarts#channelComparison}</td></tr>
 *   <tr><td>eco_premium</td><td>{@link ComparisonMarts#ecoPremium}</td></tr>
 *   <tr><td>regional_spread</td><td>{@link ComparisonMarts#regionalSpread}</td></tr>
 *   <tr><td>seasonality</td><td>{@link SeasonalityMart#seasonality}</td></tr>
 * </table>
 *
 * <p>Shared definitions: a <em>series</em> is one silver price line over time ({@link #SERIES}); an
 * <em>item</em> is product class × item × kind × rank × eco ({@link #ITEM}); a <em>region
 * price</em> is {@link #regionDayPrices}. Money is decimal(14,2), averages rounded half-up to the
 * jeon; percentages and indices are decimal(10,2), rounded half-up.
 */
public final class KamisMarts {
  public static final String DAILY_PRICE_BOARD = "daily_price_board";
  public static final String PRICE_TRENDS = "price_trends";
  public static final String CHANNEL_COMPARISON = "channel_comparison";
  public static final String ECO_PREMIUM = "eco_premium";
  public static final String REGIONAL_SPREAD = "regional_spread";
  public static final String SEASONALITY = "seasonality";

  /** Money columns: the silver type of {@code price_won}. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(14, 2);

  /** Percentages and indices (base 100). */
  public static final DecimalType PCT = DataTypes.createDecimalType(10, 2);

  /** The region code silver gives the national average. */
  public static final String NATIONAL = "0000";

  /** One price line over time: the silver key without the date. */
  public static final List<String> SERIES =
      List.of(
          "product_cls",
          "item_code",
          "kind_code",
          "rank_code",
          "eco",
          "region_code",
          "market_name");

  /** What is priced, wherever: product class, item, kind, rank and eco flag. */
  public static final List<String> ITEM =
      List.of("product_cls", "item_code", "kind_code", "rank_code", "eco");

  private static final Map<String, Function<KamisSilver, Dataset<Row>>> BUILDERS = builders();

  /** Mart names, in build and publish order. */
  public static final List<String> NAMES = List.copyOf(BUILDERS.keySet());

  private KamisMarts() {}

  private static Map<String, Function<KamisSilver, Dataset<Row>>> builders() {
    Map<String, Function<KamisSilver, Dataset<Row>>> m = new LinkedHashMap<>();
    m.put(DAILY_PRICE_BOARD, PriceMarts::dailyPriceBoard);
    m.put(PRICE_TRENDS, PriceMarts::priceTrends);
    m.put(CHANNEL_COMPARISON, ComparisonMarts::channelComparison);
    m.put(ECO_PREMIUM, ComparisonMarts::ecoPremium);
    m.put(REGIONAL_SPREAD, ComparisonMarts::regionalSpread);
    m.put(SEASONALITY, SeasonalityMart::seasonality);
    return Collections.unmodifiableMap(m);
  }

  /** One mart by name. */
  public static Dataset<Row> build(String mart, KamisSilver silver) {
    Function<KamisSilver, Dataset<Row>> f = BUILDERS.get(mart);
    if (f == null) {
      throw new IllegalArgumentException("Unknown KAMIS mart '" + mart + "'; marts are " + NAMES);
    }
    return f.apply(silver);
  }

  /** Every mart, in {@link #NAMES} order. */
  public static Map<String, Dataset<Row>> buildAll(KamisSilver silver) {
    Map<String, Dataset<Row>> m = new LinkedHashMap<>();
    NAMES.forEach(n -> m.put(n, build(n, silver)));
    return m;
  }

  // ---- shared column helpers ----

  /** A money value rounded half-up to 2 decimals, as decimal(14,2). */
  static Column money(Column c) {
    return round(c, 2).cast(MONEY);
  }

  /** {@code 100 × part / whole} rounded half-up to 2 decimals; null when whole is 0 or null. */
  static Column pct(Column part, Column whole) {
    return when(whole.notEqual(0), round(part.multiply(100).divide(whole), 2).cast(PCT));
  }

  static Column flag(Column condition) {
    return when(condition, 1L).otherwise(0L);
  }

  static Column[] cols(List<String> names, String... more) {
    return Stream.concat(names.stream(), Stream.of(more)).map(c -> col(c)).toArray(Column[]::new);
  }

  static String[] names(List<String> names, String... more) {
    return Stream.concat(names.stream(), Stream.of(more)).toArray(String[]::new);
  }

  // ---- shared data ----

  /**
   * One price per item, day, region and unit: the region-level row (silver's {@code market_name}
   * {@code ''}: the region's own average, or the national average for region {@value #NATIONAL})
   * when there is one, otherwise the mean of that region's market rows. Columns: {@code
   * price_date}, {@link #ITEM}, {@code region_code, unit, price_won} (decimal(14,2)), {@code
   * markets} (market rows in that region and day), {@code basis} ({@code region} or {@code
   * markets}).
   */
  static Dataset<Row> regionDayPrices(KamisSilver s) {
    Column isMarket = col("market_name").notEqual("");
    Column regionLevel = avg(when(not(isMarket), col("price_won")));
    return s.itemPrices()
        .groupBy(cols(ITEM, "price_date", "region_code", "unit"))
        .agg(
            money(coalesce(regionLevel, avg(when(isMarket, col("price_won"))))).as("price_won"),
            sum(flag(isMarket)).as("markets"),
            when(regionLevel.isNotNull(), "region").otherwise("markets").as("basis"));
  }

  /**
   * Names per item code, kind code and rank code: {@code category_code, category_name, item_name,
   * kind_name} from {@code silver.kamis.items} (the code table) where it has the item and kind,
   * otherwise from the price rows; {@code rank_name} from the price rows. Several spellings in the
   * price rows resolve to the greatest, so a name never splits a series.
   */
  static Dataset<Row> itemNames(KamisSilver s) {
    Dataset<Row> fromPrices =
        s.itemPrices()
            .groupBy("item_code", "kind_code", "rank_code")
            .agg(
                max("category_code").as("p_category_code"),
                max("category_name").as("p_category_name"),
                max("item_name").as("p_item_name"),
                max("kind_name").as("p_kind_name"),
                max("rank_name").as("rank_name"));
    Dataset<Row> fromItems =
        s.items()
            .groupBy("item_code", "kind_code")
            .agg(
                max("category_code").as("i_category_code"),
                max("category_name").as("i_category_name"),
                max("item_name").as("i_item_name"),
                max("kind_name").as("i_kind_name"));
    return fromPrices
        .join(fromItems, names(List.of("item_code", "kind_code")), "left")
        .select(
            col("item_code"),
            col("kind_code"),
            col("rank_code"),
            coalesce(col("i_category_code"), col("p_category_code")).as("category_code"),
            coalesce(col("i_category_name"), col("p_category_name")).as("category_name"),
            coalesce(col("i_item_name"), col("p_item_name")).as("item_name"),
            coalesce(col("i_kind_name"), col("p_kind_name")).as("kind_name"),
            col("rank_name"));
  }

  /** {@link #itemNames} without the rank, for marts that pool ranks. */
  static Dataset<Row> kindNames(KamisSilver s) {
    return itemNames(s)
        .groupBy("item_code", "kind_code")
        .agg(
            max("category_code").as("category_code"),
            max("category_name").as("category_name"),
            max("item_name").as("item_name"),
            max("kind_name").as("kind_name"));
  }

  /** Region names: {@code silver.kamis.regions} where it has the code, else the price rows. */
  static Dataset<Row> regionNames(KamisSilver s) {
    Dataset<Row> fromPrices =
        s.itemPrices().groupBy("region_code").agg(max("region_name").as("p_region_name"));
    Dataset<Row> fromRegions =
        s.regions().groupBy("region_code").agg(max("region_name").as("r_region_name"));
    return fromPrices
        .join(fromRegions, "region_code", "full_outer")
        .select(
            col("region_code"),
            coalesce(col("r_region_name"), col("p_region_name")).as("region_name"));
  }

  /**
   * Silver price rows some marts cannot pair, by reason, for the run's progress lines (nothing is
   * dropped silently; the rows are still on the board and in the trends).
   */
  public static Map<String, Long> leftOut(KamisSilver s) {
    Dataset<Row> rdp = regionDayPrices(s);
    List<String> pairKey = List.of("price_date", "product_cls", "item_code", "kind_code");
    String[] ecoKey = names(pairKey, "region_code", "unit");
    long ecoUnpaired =
        rdp.filter(col("eco"))
            .select(cols(List.of(ecoKey)))
            .distinct()
            .join(rdp.filter(col("eco").equalTo(false)), ecoKey, "left_anti")
            .count();
    String[] dayItem = names(ITEM, "price_date", "unit");
    long nationalOnly =
        rdp.select(cols(List.of(dayItem)))
            .distinct()
            .join(rdp.filter(col("region_code").notEqual(NATIONAL)), dayItem, "left_anti")
            .count();
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(
        "eco region-days without a conventional price of the same unit (no eco_premium row)",
        ecoUnpaired);
    m.put(
        "item-days with no regional price, only the national average (no regional_spread row)",
        nationalOnly);
    return m;
  }

  /** The non-zero {@link #leftOut} counts, one line each. */
  public static List<String> describeLeftOut(Map<String, Long> counts) {
    List<String> lines = new ArrayList<>();
    counts.forEach(
        (what, n) -> {
          if (n > 0) {
            lines.add(n + " " + what);
          }
        });
    return lines;
  }
}
