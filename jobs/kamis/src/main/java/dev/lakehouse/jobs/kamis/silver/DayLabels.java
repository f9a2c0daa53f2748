package dev.lakehouse.jobs.kamis.silver;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Maps KAMIS's labelled price pairs ({@code dayN}/{@code dprN}) to dated prices by their label,
 * never by position: a response whose labels come in another order still puts each price on the day
 * its label names.
 *
 * <p>Labels ({@link #rank} orders them from the most direct observation): {@code 당일} or {@code 당일
 * (MM/dd)} the base day (rank 0), {@code 1일전} one day before (1), {@code 1주일전} 7 days (7), {@code
 * 2주일전} 14 days (14), {@code 1개월전} one calendar month (31), {@code 1년전} one calendar year (366),
 * {@code 일평년} the normal-year price of the base day (a summary, rank 0). Any other label makes the
 * row bad.
 */
final class DayLabels {
  private DayLabels() {}

  static final String TODAY = "당일";
  static final String NORMAL_YEAR = "일평년";

  /** Which labels an action uses. */
  enum LabelSet {
    /** dailyPriceByCategoryList: all seven. */
    CATEGORY,
    /** dailySalesList: 당일, 1일전, 1개월전, 1년전. */
    SALES
  }

  private static final String TODAY_SHAPE = "^당일( ?\\([0-9]{2}/[0-9]{2}\\))?$";

  static String rawColumn(String labelCol) {
    return "_" + labelCol + "_raw";
  }

  static String labelColumn(String labelCol) {
    return "_" + labelCol + "_label";
  }

  static String normColumn(String labelCol) {
    return "_" + labelCol + "_norm";
  }

  /**
   * Adds, per label column, its text ({@code _<col>_raw}), its whitespace-normalised form ({@code
   * _<col>_label}) and the normalised label ({@code _<col>_norm}, null when unknown), which {@link
   * #cell} reads. Call it on the rows before building their cells.
   */
  static Dataset<Row> withLabels(Dataset<Row> rows, LabelSet set, List<String> labelCols) {
    boolean category = set == LabelSet.CATEGORY;
    Dataset<Row> out = rows;
    for (String labelCol : labelCols) {
      out = out.withColumn(rawColumn(labelCol), KamisCodes.text(labelCol));
      out =
          out.withColumn(
              labelColumn(labelCol), regexp_replace(col(rawColumn(labelCol)), "\\s+", " "));
      Column label = col(labelColumn(labelCol));
      out =
          out.withColumn(
              normColumn(labelCol),
              when(label.rlike(TODAY_SHAPE), lit(TODAY))
                  .when(label.isin(labels(category)), label)
                  .otherwise(lit(null).cast("string")));
    }
    return out;
  }

  /**
   * One labelled price as a struct {@code day_label, _label_rank, price_date, summary_type,
   * price_won, problem}: the label normalised ({@code 당일 (10/31)} → {@code 당일}), the day it names
   * from {@code base}, {@code normal_year} for 일평년, the price (null when empty), and what is wrong
   * (null when nothing).
   */
  static Column cell(String labelCol, String priceCol, Column base, LabelSet set) {
    // Columns withLabels added: each expression below refers to them by name, so the plan holds
    // the label's parsing once per row instead of once per use (the uses nest: a copy of the label
    // per branch made plans of megabytes that Spark spent most of a promotion optimising).
    Column raw = col(rawColumn(labelCol));
    Column label = col(labelColumn(labelCol));
    Column today = label.rlike(TODAY_SHAPE);
    Column todayDate = regexp_extract(label, "\\(([0-9]{2}/[0-9]{2})\\)", 1);
    Column norm = col(normColumn(labelCol));
    Column rank =
        when(norm.equalTo(TODAY), lit(0))
            .when(norm.equalTo("1일전"), lit(1))
            .when(norm.equalTo("1주일전"), lit(7))
            .when(norm.equalTo("2주일전"), lit(14))
            .when(norm.equalTo("1개월전"), lit(31))
            .when(norm.equalTo("1년전"), lit(366))
            .when(norm.equalTo(NORMAL_YEAR), lit(0));
    Column date =
        when(norm.equalTo(TODAY).or(norm.equalTo(NORMAL_YEAR)), base)
            .when(norm.equalTo("1일전"), date_sub(base, 1))
            .when(norm.equalTo("1주일전"), date_sub(base, 7))
            .when(norm.equalTo("2주일전"), date_sub(base, 14))
            .when(norm.equalTo("1개월전"), add_months(base, -1))
            .when(norm.equalTo("1년전"), add_months(base, -12));
    Column price = KamisCodes.price(col(priceCol));
    Column problem =
        when(
                raw.isNotNull().and(norm.isNull()),
                concat(lit(labelCol + " label '"), raw, lit("' is not a known day label")))
            .when(
                raw.isNull().and(price.isNotNull()),
                lit(priceCol + " has a price but " + labelCol + " no day label"))
            .when(
                today
                    .and(todayDate.notEqual(""))
                    .and(todayDate.notEqual(date_format(base, "MM/dd"))),
                concat(
                    lit(labelCol + " label '"),
                    raw,
                    lit("' does not match the day "),
                    date_format(base, "yyyy-MM-dd")))
            .when(norm.isNotNull().and(base.isNull()), lit("no valid base day for " + labelCol))
            .otherwise(KamisCodes.priceProblem(col(priceCol), priceCol));
    return struct(
        norm.as("day_label"),
        rank.as("_label_rank"),
        date.as("price_date"),
        when(norm.equalTo(NORMAL_YEAR), lit("normal_year")).as("summary_type"),
        price.as("price_won"),
        problem.as("problem"));
  }

  private static Object[] labels(boolean category) {
    return category
        ? new Object[] {"1일전", "1주일전", "2주일전", "1개월전", "1년전", NORMAL_YEAR}
        : new Object[] {"1일전", "1개월전", "1년전"};
  }

  /**
   * The preference rank of a stored label, the same as {@link #cell} gives (null, a dated row, and
   * 일평년 rank as 당일).
   */
  static Column rank(Column dayLabel) {
    return when(
            dayLabel.isNull().or(dayLabel.equalTo(TODAY)).or(dayLabel.equalTo(NORMAL_YEAR)), lit(0))
        .when(dayLabel.equalTo("1일전"), lit(1))
        .when(dayLabel.equalTo("1주일전"), lit(7))
        .when(dayLabel.equalTo("2주일전"), lit(14))
        .when(dayLabel.equalTo("1개월전"), lit(31))
        .when(dayLabel.equalTo("1년전"), lit(366))
        .otherwise(lit(1000));
  }
}
