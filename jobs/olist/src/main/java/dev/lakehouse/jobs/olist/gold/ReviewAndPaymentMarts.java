package dev.lakehouse.jobs.olist.gold;

import static dev.lakehouse.jobs.olist.gold.OrderFacts.flag;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.money;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.ratio;
import static dev.lakehouse.jobs.olist.gold.OrderFacts.round4;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Review and payment marts: {@code review_vs_delivery} and {@code payment_mix}.
 *
 * <h2>review_vs_delivery</h2>
 *
 * Grain: delay_bucket (always the seven buckets of {@link #BUCKETS}, a bucket without reviews has
 * {@code reviews} 0 and null shares). Columns: {@code delay_bucket}, {@code bucket_order} int (sort
 * key, 1-7), {@code reviews} (review rows), {@code avg_score}, {@code share_low_scores} (share of
 * scores 1-2), {@code share_score_5}; shares are over reviews that have a score. A review falls in
 * a bucket by its order's delivered day minus estimated day; "not delivered" means the order has no
 * delivered date, whatever its status. Every review counts, whatever the order status. Reviews of
 * orders missing from silver, and of delivered orders without an estimated date, have no bucket and
 * are left out (the job reports how many).
 *
 * <h2>payment_mix</h2>
 *
 * Grain: month × payment_type. Columns: {@code month} date (first day of the purchase month),
 * {@code payment_type}, {@code payments} (payment rows), {@code orders} (distinct orders), {@code
 * total_value} decimal(14,2), {@code avg_installments}, {@code share_of_value} (total_value / that
 * month's total over all types). Payments of canceled and unavailable orders, and of orders missing
 * from silver, are left out.
 */
public final class ReviewAndPaymentMarts {
  /** A delay bucket: its sort key and label. */
  public record Bucket(int order, String label) {}

  /** The delay buckets, in order. */
  public static final List<Bucket> BUCKETS =
      List.of(
          new Bucket(1, "early >7d"),
          new Bucket(2, "early 1-7d"),
          new Bucket(3, "on time"),
          new Bucket(4, "late 1-3d"),
          new Bucket(5, "late 4-7d"),
          new Bucket(6, "late >7d"),
          new Bucket(7, "not delivered"));

  private ReviewAndPaymentMarts() {}

  /**
   * The bucket order of a delivery: 7 when {@code deliveredDate} is null, else by {@code delayDays}
   * (delivered minus estimated day): &lt; -7 → 1, -7..-1 → 2, 0 → 3, 1..3 → 4, 4..7 → 5, &gt; 7 →
   * 6; null when delivered but the delay is unknown.
   */
  public static Column bucketOrder(Column deliveredDate, Column delayDays) {
    return when(deliveredDate.isNull(), 7)
        .when(delayDays.lt(-7), 1)
        .when(delayDays.lt(0), 2)
        .when(delayDays.equalTo(0), 3)
        .when(delayDays.leq(3), 4)
        .when(delayDays.leq(7), 5)
        .when(delayDays.gt(7), 6);
  }

  /** The {@code review_vs_delivery} mart (see the class documentation). */
  public static Dataset<Row> reviewVsDelivery(OlistSilver s) {
    Dataset<Row> orders =
        OrderFacts.orders(s).select("order_id", "delivered_date", "estimated_date");
    Dataset<Row> stats =
        s.reviews()
            .select("order_id", "score")
            .join(orders, "order_id")
            .withColumn(
                "bucket_order",
                bucketOrder(
                    col("delivered_date"), datediff(col("delivered_date"), col("estimated_date"))))
            .filter(col("bucket_order").isNotNull())
            .groupBy("bucket_order")
            .agg(
                count(lit(1)).as("review_rows"),
                count("score").as("scored"),
                avg("score").as("score_avg"),
                sum(flag(col("score").between(1, 2))).as("low"),
                sum(flag(col("score").equalTo(5))).as("fives"));
    StructType bucketSchema =
        new StructType()
            .add("bucket_order", DataTypes.IntegerType, false)
            .add("delay_bucket", DataTypes.StringType, false);
    Dataset<Row> buckets =
        s.reviews()
            .sparkSession()
            .createDataFrame(
                BUCKETS.stream().map(b -> RowFactory.create(b.order(), b.label())).toList(),
                bucketSchema);
    return buckets
        .join(stats, "bucket_order", "left")
        .select(
            col("delay_bucket"),
            col("bucket_order"),
            coalesce(col("review_rows"), lit(0L)).as("reviews"),
            round4(col("score_avg")).as("avg_score"),
            ratio(col("low"), col("scored")).as("share_low_scores"),
            ratio(col("fives"), col("scored")).as("share_score_5"));
  }

  /** The {@code payment_mix} mart (see the class documentation). */
  public static Dataset<Row> paymentMix(OlistSilver s) {
    Dataset<Row> sales =
        OrderFacts.sales(OrderFacts.orders(s)).select(col("order_id"), col("order_month"));
    return s.payments()
        .join(sales, "order_id")
        .groupBy(col("order_month").as("month"), col("payment_type"))
        .agg(
            count(lit(1)).as("payments"),
            countDistinct("order_id").as("orders"),
            sum("value").as("value_sum"),
            avg("installments").as("installments_avg"))
        .withColumn("month_sum", sum("value_sum").over(Window.partitionBy("month")))
        .select(
            col("month"),
            col("payment_type"),
            col("payments"),
            col("orders"),
            money(col("value_sum")).as("total_value"),
            round4(col("installments_avg")).as("avg_installments"),
            ratio(col("value_sum"), col("month_sum")).as("share_of_value"));
  }
}
