package dev.lakehouse.jobs.kamis.gold;

import static dev.lakehouse.jobs.kamis.gold.KamisMarts.SERIES;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.cols;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.money;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.names;
import static dev.lakehouse.jobs.kamis.gold.KamisMarts.pct;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Marts over single price series: {@code daily_price_board} (a price against earlier ones) and
 * {@code price_trends} (moving averages). Both have one row per silver {@code item_prices} row, so
 * every silver price is on the board: the national average rows ({@code region_code 0000}, no
 * market) are the headline board, region rows and market rows are there too for drill-down.
 */
public final class PriceMarts {
  /**
   * A look-back of the board: the target date is {@code price_date} moved back by the period, and
   * the price compared with is the series' latest observation on or before the target and at most
   * {@code toleranceDays} before it (KAMIS has no prices on weekends and holidays, so "a week
   * before" a Monday after a holiday may be the Friday before that).
   *
   * @param name column prefix ({@code day}, {@code week}, {@code month}, {@code year})
   * @param target the target date from {@code price_date}
   * @param toleranceDays how far before the target an observation may be
   */
  public record Lookback(String name, UnaryOperator<Column> target, int toleranceDays) {}

  /** The four look-backs of the board. */
  public static final List<Lookback> LOOKBACKS =
      List.of(
          new Lookback("day", d -> date_sub(d, 1), 4),
          new Lookback("week", d -> date_sub(d, 7), 3),
          new Lookback("month", d -> add_months(d, -1), 7),
          new Lookback("year", d -> add_months(d, -12), 7));

  /** Moving-average windows of {@code price_trends}, in calendar days including the row's day. */
  public static final int SHORT_WINDOW_DAYS = 7;

  public static final int LONG_WINDOW_DAYS = 28;

  private PriceMarts() {}

  private static Dataset<Row> series(KamisSilver s) {
    return s.itemPrices().select(cols(SERIES, "price_date", "unit", "price_won"));
  }

  /**
   * The {@code daily_price_board} mart: each silver price with, for each {@link #LOOKBACKS
   * look-back}, the earlier date and price compared with, the change in won and percent (of the
   * earlier price) and the direction ({@code up}, {@code down}, {@code same}, or {@code unknown}
   * when the series has no observation in the look-back's window).
   */
  public static Dataset<Row> dailyPriceBoard(KamisSilver s) {
    Dataset<Row> base = series(s);
    Dataset<Row> board = base;
    List<Column> out = new ArrayList<>(List.of(cols(SERIES, "price_date", "unit", "price_won")));
    List<String> measures = new ArrayList<>();
    for (Lookback lb : LOOKBACKS) {
      String date = "prev_" + lb.name() + "_date";
      String price = "prev_" + lb.name() + "_won";
      board = board.join(previous(base, lb, date, price), names(SERIES, "price_date"), "left");
      Column change = col("price_won").minus(col(price));
      for (String m :
          List.of(
              "prev_%s_date", "prev_%s_won", "change_%s_won", "change_%s_pct", "direction_%s")) {
        measures.add(String.format(java.util.Locale.ROOT, m, lb.name()));
      }
      out.add(col(date));
      out.add(col(price));
      out.add(change.cast(KamisMarts.MONEY).as("change_" + lb.name() + "_won"));
      out.add(pct(change, col(price)).as("change_" + lb.name() + "_pct"));
      out.add(
          when(col(price).isNull(), "unknown")
              .when(change.gt(0), "up")
              .when(change.lt(0), "down")
              .otherwise("same")
              .as("direction_" + lb.name()));
    }
    Dataset<Row> priced = board.select(out.toArray(Column[]::new));
    return withNames(s, priced).select(boardColumns(measures));
  }

  /** The latest observation of the same series inside a look-back window, per series and day. */
  private static Dataset<Row> previous(Dataset<Row> base, Lookback lb, String date, String price) {
    Dataset<Row> rows =
        base.select(cols(SERIES, "price_date"))
            .withColumn("target", lb.target().apply(col("price_date")));
    Dataset<Row> history =
        base.select(
            concat(cols(SERIES), col("price_date").as("h_date"), col("price_won").as("h_price")));
    return rows.join(history, names(SERIES))
        .where(
            col("h_date")
                .leq(col("target"))
                .and(col("h_date").geq(date_sub(col("target"), lb.toleranceDays()))))
        .groupBy(cols(SERIES, "price_date"))
        // The greatest (date, price) struct is the latest date in the window: one per series.
        .agg(max(struct(col("h_date"), col("h_price"))).as("h"))
        .select(
            concat(
                cols(SERIES, "price_date"), col("h.h_date").as(date), col("h.h_price").as(price)));
  }

  private static Column[] concat(Column[] a, Column... b) {
    Column[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static Column[] boardColumns(List<String> measures) {
    List<Column> c = new ArrayList<>();
    for (String n :
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
            "unit",
            "price_won")) {
      c.add(col(n));
    }
    measures.forEach(m -> c.add(col(m)));
    return c.toArray(Column[]::new);
  }

  /** Adds item, kind, rank, category and region names to rows keyed by codes. */
  static Dataset<Row> withNames(KamisSilver s, Dataset<Row> rows) {
    return rows.join(
            KamisMarts.itemNames(s), names(List.of("item_code", "kind_code", "rank_code")), "left")
        .join(KamisMarts.regionNames(s), "region_code", "left");
  }

  /**
   * The {@code price_trends} mart: each silver price with the mean price of its series over the
   * last {@value #SHORT_WINDOW_DAYS} and {@value #LONG_WINDOW_DAYS} calendar days ending on its day
   * (a range window over the day number, so missing days shrink the window's observation count
   * instead of reaching further back), and the number of observations in each window.
   */
  public static Dataset<Row> priceTrends(KamisSilver s) {
    WindowSpec bySeries = Window.partitionBy(cols(SERIES)).orderBy(col("day_number"));
    WindowSpec shortW = bySeries.rangeBetween(-(SHORT_WINDOW_DAYS - 1), 0);
    WindowSpec longW = bySeries.rangeBetween(-(LONG_WINDOW_DAYS - 1), 0);
    Dataset<Row> trends =
        series(s)
            .withColumn("day_number", unix_date(col("price_date")))
            .select(
                concat(
                    cols(SERIES, "price_date", "unit", "price_won"),
                    money(avg("price_won").over(shortW)).as("ma7_won"),
                    count(lit(1)).over(shortW).as("ma7_observations"),
                    money(avg("price_won").over(longW)).as("ma28_won"),
                    count(lit(1)).over(longW).as("ma28_observations")));
    return withNames(s, trends)
        .select(
            boardColumns(List.of("ma7_won", "ma7_observations", "ma28_won", "ma28_observations")));
  }
}
