package dev.lakehouse.jobs.olist.gold;

import static dev.lakehouse.jobs.olist.gold.OrderFacts.money;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.ratio;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Customer marts: {@code customer_rfm} and {@code monthly_cohorts}. A customer is a {@code
 * customer_unique_id} (Olist gives every order a new {@code customer_id}); only sales count
 * (canceled and unavailable orders are left out), and orders whose customer is not in silver cannot
 * be attributed and are left out too.
 *
 * <h2>customer_rfm</h2>
 *
 * Grain: customer_unique_id (customers with at least one sale). Columns: {@code
 * last_purchase_date}, {@code recency_days} int (reference date minus last purchase day; the
 * reference date is the latest purchase day of any silver order, so a re-run on the same data gives
 * the same result whatever the wall clock says), {@code frequency} (distinct orders), {@code
 * monetary} decimal(14,2) (sum of the payment values of those orders; an order without payments
 * adds 0), {@code r_score}, {@code f_score}, {@code m_score} int 1-5, {@code segment}.
 *
 * <p>Scores: {@code r_score} and {@code m_score} are rank quintiles over all customers (see {@link
 * #quintile}): more recent is better for r, more money for m. Ties get the same rank and so the
 * same score, whatever the row order. {@code f_score} is {@code min(frequency, 5)}: nearly all
 * Olist customers buy once, so frequency quintiles would give equal buyers different scores.
 * Segments: see {@link #rfmSegment}.
 *
 * <h2>monthly_cohorts</h2>
 *
 * Grain: cohort_month × months_since_first. Columns: {@code cohort_month} date (first day of the
 * month of the customer's first sale), {@code months_since_first} int (0 = the cohort month),
 * {@code customers} (distinct customers of the cohort with a sale in that month), {@code
 * cohort_size} (customers of the cohort), {@code retention_rate} (customers / cohort_size). Only
 * months in which a cohort had an active customer have a row.
 */
public final class CustomerMarts {
  private CustomerMarts() {}

  /** The {@code customer_rfm} mart (see the class documentation). */
  public static Dataset<Row> customerRfm(OlistSilver s) {
    Dataset<Row> orders = OrderFacts.orders(s);
    Dataset<Row> reference = orders.agg(max("order_date").as("reference_date"));
    Dataset<Row> paid = s.payments().groupBy("order_id").agg(sum("value").as("paid"));
    Dataset<Row> customers =
        OrderFacts.sales(orders)
            .filter(col("customer_unique_id").isNotNull())
            .join(paid, "order_id", "left")
            .groupBy("customer_unique_id")
            .agg(
                max("order_date").as("last_purchase_date"),
                countDistinct("order_id").as("frequency"),
                sum(coalesce(col("paid"), lit(0))).as("paid_sum"))
            .crossJoin(reference)
            .withColumn("recency_days", datediff(col("reference_date"), col("last_purchase_date")))
            .withColumn("monetary", money(col("paid_sum")));
    Dataset<Row> population = customers.agg(count(lit(1)).as("population"));
    // One ranking over the whole population has to see every customer in one partition; fine
    // for Olist (about 96k customers).
    Column n = col("population");
    return customers
        .crossJoin(population)
        .withColumn("r_score", quintile(rank().over(Window.orderBy(col("recency_days").desc())), n))
        .withColumn("f_score", least(col("frequency"), lit(5)).cast(DataTypes.IntegerType))
        .withColumn("m_score", quintile(rank().over(Window.orderBy(col("monetary").asc())), n))
        .withColumn("segment", rfmSegment(col("r_score"), col("f_score"), col("m_score")))
        .select(
            "customer_unique_id",
            "last_purchase_date",
            "recency_days",
            "frequency",
            "monetary",
            "r_score",
            "f_score",
            "m_score",
            "segment");
  }

  /**
   * A 1-5 score from a rank (1 = worst) among {@code n} rows: {@code 1 + floor(5 * (rank - 1) / (n
   * - 1))}, capped at 5, i.e. the percent rank cut into fifths ([0, 0.2) → 1, …, [0.8, 1] → 5).
   * Equal values share a rank, so they share a score. A population of one scores 1.
   */
  public static Column quintile(Column rank, Column n) {
    Column score =
        lit(1).plus(floor(rank.minus(1).multiply(5).divide(n.minus(1).cast(DataTypes.DoubleType))));
    return when(n.leq(1), lit(1)).otherwise(least(score, lit(5))).cast(DataTypes.IntegerType);
  }

  /**
   * The RFM segment, first rule that matches:
   *
   * <ol>
   *   <li>{@code champions}: r ≥ 4, f ≥ 2, m ≥ 4 (recent, repeat, big spenders);
   *   <li>{@code loyal}: f ≥ 2, r ≥ 3 (repeat buyers, not gone quiet);
   *   <li>{@code at_risk}: r ≤ 2 and (f ≥ 2 or m ≥ 4) (valuable customers gone quiet);
   *   <li>{@code new}: f = 1, r ≥ 4 (one recent purchase);
   *   <li>{@code needs_attention}: r = 3 (one purchase, middling recency);
   *   <li>{@code hibernating}: everything else (one old, small purchase).
   * </ol>
   */
  public static Column rfmSegment(Column r, Column f, Column m) {
    return when(r.geq(4).and(f.geq(2)).and(m.geq(4)), "champions")
        .when(f.geq(2).and(r.geq(3)), "loyal")
        .when(r.leq(2).and(f.geq(2).or(m.geq(4))), "at_risk")
        .when(f.equalTo(1).and(r.geq(4)), "new")
        .when(r.equalTo(3), "needs_attention")
        .otherwise("hibernating");
  }

  /** The {@code monthly_cohorts} mart (see the class documentation). */
  public static Dataset<Row> monthlyCohorts(OlistSilver s) {
    Dataset<Row> active =
        OrderFacts.sales(OrderFacts.orders(s))
            .filter(col("customer_unique_id").isNotNull())
            .select("customer_unique_id", "order_month")
            .distinct();
    Dataset<Row> first =
        active.groupBy("customer_unique_id").agg(min("order_month").as("cohort_month"));
    Dataset<Row> sizes = first.groupBy("cohort_month").agg(count(lit(1)).as("cohort_size"));
    Column monthsSince =
        year(col("order_month"))
            .minus(year(col("cohort_month")))
            .multiply(12)
            .plus(month(col("order_month")))
            .minus(month(col("cohort_month")));
    return active
        .join(first, "customer_unique_id")
        .groupBy(col("cohort_month"), monthsSince.as("months_since_first"))
        .agg(count(lit(1)).as("customers"))
        .join(sizes, "cohort_month")
        .select(
            col("cohort_month"),
            col("months_since_first").cast(DataTypes.IntegerType).as("months_since_first"),
            col("customers"),
            col("cohort_size"),
            ratio(col("customers"), col("cohort_size")).as("retention_rate"));
  }
}
