package dev.lakehouse.jobs.olist.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The order-level facts several marts share, so that "a sale", "a delivery" and "on time" mean the
 * same thing in every mart. Pure DataFrame functions over {@link OlistSilver}.
 *
 * <p>All day arithmetic is on calendar dates ({@code to_date} of the wall-clock timestamps): an
 * order delivered at 10:00 on its estimated day is on time.
 */
final class OrderFacts {
  /** Statuses of orders that never became a sale; every sales mart leaves them out. */
  static final String[] NOT_SOLD = {"canceled", "unavailable"};

  /** Stands in for a dimension value (state, category) that silver does not have. */
  static final String UNKNOWN = "unknown";

  /** Money columns of the marts. */
  static final DecimalType MONEY = DataTypes.createDecimalType(14, 2);

  private OrderFacts() {}

  /**
   * One row per silver order: {@code order_id, customer_id, customer_unique_id} (null when the
   * customer is not in silver), {@code customer_state} ("unknown" then), {@code order_status,
   * is_sale, order_date, order_month, delivered_date, estimated_date}.
   */
  static Dataset<Row> orders(OlistSilver s) {
    Dataset<Row> customers =
        s.customers()
            .select(col("customer_id"), col("customer_unique_id"), col("state").as("cust_state"));
    Column orderDate = to_date(col("purchased_at"));
    return s.orders()
        .join(customers, "customer_id", "left")
        .select(
            col("order_id"),
            col("customer_id"),
            col("customer_unique_id"),
            coalesce(col("cust_state"), lit(UNKNOWN)).as("customer_state"),
            col("order_status"),
            coalesce(not(col("order_status").isin((Object[]) NOT_SOLD)), lit(true)).as("is_sale"),
            orderDate.as("order_date"),
            trunc(orderDate, "month").as("order_month"),
            to_date(col("delivered_customer_at")).as("delivered_date"),
            to_date(col("estimated_delivery_at")).as("estimated_date"));
  }

  /** Orders that count as sales: not canceled or unavailable, and with a purchase date. */
  static Dataset<Row> sales(Dataset<Row> orders) {
    return orders.filter(col("is_sale").and(col("order_date").isNotNull()));
  }

  /**
   * The items of {@code sales} with their order's facts, {@code category} (English name) and {@code
   * seller_state}; a product or seller missing from silver becomes "unknown".
   */
  static Dataset<Row> saleItems(OlistSilver s, Dataset<Row> sales) {
    Dataset<Row> products =
        s.products().select(col("product_id"), col("category_name_english").as("cat"));
    Dataset<Row> sellers = s.sellers().select(col("seller_id"), col("state").as("sel_state"));
    return s.orderItems()
        .select("order_id", "order_item_id", "product_id", "seller_id", "price", "freight_value")
        .join(sales, "order_id")
        .join(products, "product_id", "left")
        .join(sellers, "seller_id", "left")
        .withColumn("category", coalesce(col("cat"), lit(UNKNOWN)))
        .withColumn("seller_state", coalesce(col("sel_state"), lit(UNKNOWN)))
        .drop("cat", "sel_state");
  }

  /**
   * Delivered orders that have purchase, delivered and estimated dates, with {@code delay_days}
   * (delivered minus estimated; negative = early), {@code delivery_days} (delivered minus
   * purchased) and {@code on_time} (delivered on or before the estimated day).
   */
  static Dataset<Row> deliveries(Dataset<Row> orders) {
    return orders
        .filter(
            col("order_status")
                .equalTo("delivered")
                .and(col("order_date").isNotNull())
                .and(col("delivered_date").isNotNull())
                .and(col("estimated_date").isNotNull()))
        .withColumn("delay_days", datediff(col("delivered_date"), col("estimated_date")))
        .withColumn("delivery_days", datediff(col("delivered_date"), col("order_date")))
        .withColumn("on_time", col("delay_days").leq(0));
  }

  /** The seller states of each order's items: one row per (order_id, seller_state). */
  static Dataset<Row> orderSellerStates(OlistSilver s) {
    Dataset<Row> sellers = s.sellers().select(col("seller_id"), col("state").as("sel_state"));
    return s.orderItems()
        .select("order_id", "seller_id")
        .join(sellers, "seller_id", "left")
        .select(col("order_id"), coalesce(col("sel_state"), lit(UNKNOWN)).as("seller_state"))
        .distinct();
  }

  /** Doubles are rounded to 4 decimals so outputs compare stably across runs and engines. */
  static Column round4(Column c) {
    return round(c.cast(DataTypes.DoubleType), 4);
  }

  /** {@code num / den} rounded to 4 decimals; null when {@code den} is 0 or null. */
  static Column ratio(Column num, Column den) {
    return when(
        den.gt(0), round4(num.cast(DataTypes.DoubleType).divide(den.cast(DataTypes.DoubleType))));
  }

  static Column money(Column c) {
    return c.cast(MONEY);
  }

  /** 1 when {@code condition} holds, else 0: summed, it counts the rows that match. */
  static Column flag(Column condition) {
    return when(condition, 1).otherwise(0);
  }
}
