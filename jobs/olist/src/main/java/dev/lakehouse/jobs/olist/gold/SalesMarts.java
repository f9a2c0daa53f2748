package dev.lakehouse.jobs.olist.gold;

import static dev.lakehouse.jobs.olist.gold.OrderFacts.UNKNOWN;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.flag;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.money;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.ratio;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.round4;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sales and fulfilment marts: {@code daily_sales}, {@code delivery_performance}, {@code
 * seller_scorecard}. A sale is an order whose status is neither canceled nor unavailable.
 *
 * <h2>daily_sales</h2>
 *
 * Grain: order_date × customer_state × category. Columns: {@code order_date} date (purchase day),
 * {@code customer_state}, {@code category} (English category; "unknown" when the product has none
 * or is not in silver), {@code orders} (distinct orders with at least one item in the group),
 * {@code items}, {@code gmv} decimal(14,2) (sum of item prices), {@code freight} decimal(14,2) (sum
 * of item freight), {@code avg_order_value} decimal(14,2) (gmv / orders, half-up). Canceled and
 * unavailable orders are left out. An order with items in two categories counts once in each, so
 * {@code orders} does not add up across categories; {@code gmv} does.
 *
 * <h2>delivery_performance</h2>
 *
 * Grain: seller_state × month. Columns: {@code seller_state}, {@code month} date (first day of the
 * purchase month), {@code delivered_orders}, {@code on_time_orders} (delivered on or before the
 * estimated day), {@code on_time_rate}, {@code avg_delay_days} (delivered minus estimated day;
 * negative = early), {@code avg_delivery_days} (delivered minus purchase day). Only orders with
 * status delivered that have delivered and estimated dates. An order with items from sellers in two
 * states counts once in each state.
 *
 * <h2>seller_scorecard</h2>
 *
 * Grain: seller_id (every silver seller, plus any seller that sold but is missing from silver, with
 * state "unknown"). Columns: {@code seller_state}, {@code orders}, {@code items}, {@code gmv}
 * decimal(14,2) (over the seller's sales; 0 when none), {@code avg_review_score} (reviews of the
 * orders the seller sold in; an order's review counts for each of its sellers), {@code
 * on_time_rate} and {@code avg_delivery_days} (over the seller's delivered orders, as in
 * delivery_performance), {@code first_sale_date}, {@code last_sale_date}, {@code tier} (see {@link
 * #sellerTier}).
 */
public final class SalesMarts {
  /** A seller with fewer on-time deliveries than this is on the watch list. */
  public static final double WATCH_BELOW_ON_TIME = 0.80;

  /** A seller whose average review is below this is on the watch list. */
  public static final double WATCH_BELOW_REVIEW = 3.5;

  /** Top sellers: at least this many orders... */
  public static final long TOP_MIN_ORDERS = 20;

  /** ...an average review of at least this... */
  public static final double TOP_MIN_REVIEW = 4.5;

  /** ...and at least this share delivered on time. */
  public static final double TOP_MIN_ON_TIME = 0.95;

  private SalesMarts() {}

  /** The {@code daily_sales} mart (see the class documentation). */
  public static Dataset<Row> dailySales(OlistSilver s) {
    Dataset<Row> items = OrderFacts.saleItems(s, OrderFacts.sales(OrderFacts.orders(s)));
    return items
        .groupBy("order_date", "customer_state", "category")
        .agg(
            countDistinct("order_id").as("orders"),
            count(lit(1)).as("items"),
            sum("price").as("gmv_sum"),
            sum("freight_value").as("freight_sum"))
        .select(
            col("order_date"),
            col("customer_state"),
            col("category"),
            col("orders"),
            col("items"),
            money(col("gmv_sum")).as("gmv"),
            money(col("freight_sum")).as("freight"),
            money(round(col("gmv_sum").divide(col("orders")), 2)).as("avg_order_value"));
  }

  /** The {@code delivery_performance} mart (see the class documentation). */
  public static Dataset<Row> deliveryPerformance(OlistSilver s) {
    Dataset<Row> deliveries = OrderFacts.deliveries(OrderFacts.orders(s));
    return deliveries
        .join(OrderFacts.orderSellerStates(s), "order_id")
        .groupBy(col("seller_state"), col("order_month").as("month"))
        .agg(
            count(lit(1)).as("delivered_orders"),
            sum(flag(col("on_time"))).as("on_time_orders"),
            avg("delay_days").as("delay"),
            avg("delivery_days").as("delivery"))
        .select(
            col("seller_state"),
            col("month"),
            col("delivered_orders"),
            col("on_time_orders"),
            ratio(col("on_time_orders"), col("delivered_orders")).as("on_time_rate"),
            round4(col("delay")).as("avg_delay_days"),
            round4(col("delivery")).as("avg_delivery_days"));
  }

  /** The {@code seller_scorecard} mart (see the class documentation). */
  public static Dataset<Row> sellerScorecard(OlistSilver s) {
    Dataset<Row> orders = OrderFacts.orders(s);
    Dataset<Row> items = OrderFacts.saleItems(s, OrderFacts.sales(orders));
    Dataset<Row> sales =
        items
            .groupBy("seller_id")
            .agg(
                countDistinct("order_id").as("orders"),
                count(lit(1)).as("items"),
                sum("price").as("gmv_sum"),
                min("order_date").as("first_sale_date"),
                max("order_date").as("last_sale_date"));
    Dataset<Row> sellerOrders = items.select("seller_id", "order_id").distinct();
    Dataset<Row> reviews =
        sellerOrders
            .join(s.reviews().select("order_id", "score"), "order_id")
            .groupBy("seller_id")
            .agg(avg("score").as("review"));
    Dataset<Row> deliveries =
        sellerOrders
            .join(
                OrderFacts.deliveries(orders).select("order_id", "on_time", "delivery_days"),
                "order_id")
            .groupBy("seller_id")
            .agg(
                count(lit(1)).as("delivered"),
                sum(flag(col("on_time"))).as("on_time_count"),
                avg("delivery_days").as("delivery"));
    Dataset<Row> sellers = s.sellers().select(col("seller_id"), col("state").as("sel_state"));
    return sellers
        .join(sales, "seller_id", "full_outer")
        .join(reviews, "seller_id", "left")
        .join(deliveries, "seller_id", "left")
        .select(
            col("seller_id"),
            coalesce(col("sel_state"), lit(UNKNOWN)).as("seller_state"),
            coalesce(col("orders"), lit(0L)).as("orders"),
            coalesce(col("items"), lit(0L)).as("items"),
            money(coalesce(col("gmv_sum"), lit(0))).as("gmv"),
            round4(col("review")).as("avg_review_score"),
            ratio(col("on_time_count"), col("delivered")).as("on_time_rate"),
            round4(col("delivery")).as("avg_delivery_days"),
            col("first_sale_date"),
            col("last_sale_date"))
        .withColumn(
            "tier", sellerTier(col("orders"), col("avg_review_score"), col("on_time_rate")));
  }

  /**
   * The seller tier, first rule that matches:
   *
   * <ol>
   *   <li>{@code inactive}: no sale;
   *   <li>{@code watch}: on-time rate below {@value #WATCH_BELOW_ON_TIME} or average review below
   *       {@value #WATCH_BELOW_REVIEW};
   *   <li>{@code top}: at least {@value #TOP_MIN_ORDERS} orders, average review at least {@value
   *       #TOP_MIN_REVIEW} and on-time rate at least {@value #TOP_MIN_ON_TIME};
   *   <li>{@code good}: everything else.
   * </ol>
   *
   * A metric that is null (no review, no delivery yet) never puts a seller on the watch list and
   * never makes it top.
   */
  public static Column sellerTier(Column orders, Column avgReview, Column onTimeRate) {
    return when(orders.equalTo(0), "inactive")
        .when(onTimeRate.lt(WATCH_BELOW_ON_TIME).or(avgReview.lt(WATCH_BELOW_REVIEW)), "watch")
        .when(
            orders
                .geq(TOP_MIN_ORDERS)
                .and(avgReview.geq(TOP_MIN_REVIEW))
                .and(onTimeRate.geq(TOP_MIN_ON_TIME)),
            "top")
        .otherwise("good");
  }
}
