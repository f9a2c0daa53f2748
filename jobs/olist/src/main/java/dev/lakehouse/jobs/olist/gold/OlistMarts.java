package dev.lakehouse.jobs.olist.gold;

import static dev.lakehouse.jobs.olist.gold.OrderFacts.flag;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Olist gold marts, built from silver by pure DataFrame functions (no I/O, no actions): the
 * same silver data always gives the same marts. Each mart's grain, columns and definitions are
 * documented on the class that builds it and in {@code jobs/olist/GOLD_MARTS.md}.
 *
 * <table>
 *   <caption>Marts</caption>
 *   <tr><th>mart</th><th>grain</th><th>built by</th></tr>
 *   <tr><td>daily_sales</td><td>order_date × customer_state × category</td>
 *       <td>{@link SalesMarts#dailySales}</td></tr>
 *   <tr><td>delivery_performance</td><td>seller_state × month</td>
 *       <td>{@link SalesMarts#deliveryPerformance}</td></tr>
 *   <tr><td>seller_scorecard</td><td>seller_id</td><td>{@link SalesMarts#sellerScorecard}</td></tr>
 *   <tr><td>customer_rfm</td><td>customer_unique_id</td>
 *       <td>{@link CustomerMarts#customerRfm}</td></tr>
 *   <tr><td>review_vs_delivery</td><td>delay_bucket</td>
 *       <td>{@link ReviewAndPaymentMarts#reviewVsDelivery}</td></tr>
 *   <tr><td>payment_mix</td><td>month × payment_type</td>
 *       <td>{@link ReviewAndPaymentMarts#paymentMix}</td></tr>
 *   <tr><td>monthly_cohorts</td><td>cohort_month × months_since_first</td>
 *       <td>{@link CustomerMarts#monthlyCohorts}</td></tr>
 * </table>
 *
 * <p>Shared definitions: a <em>sale</em> is an order whose status is neither canceled nor
 * unavailable; day counts use calendar days of the wall-clock timestamps; a <em>month</em> is the
 * first day of the purchase month; money is decimal(14,2); doubles are rounded to 4 decimals.
 * Silver rows a mart cannot use are counted by {@link #leftOut}.
 */
public final class OlistMarts {
  public static final String DAILY_SALES = "daily_sales";
  public static final String DELIVERY_PERFORMANCE = "delivery_performance";
  public static final String SELLER_SCORECARD = "seller_scorecard";
  public static final String CUSTOMER_RFM = "customer_rfm";
  public static final String REVIEW_VS_DELIVERY = "review_vs_delivery";
  public static final String PAYMENT_MIX = "payment_mix";
  public static final String MONTHLY_COHORTS = "monthly_cohorts";

  private static final Map<String, Function<OlistSilver, Dataset<Row>>> BUILDERS = builders();

  /** Mart names, in build and publish order. */
  public static final List<String> NAMES = List.copyOf(BUILDERS.keySet());

  /** Which marts each {@link #leftOut} count affects, for the progress line. */
  public static final Map<String, String> LEFT_OUT_EFFECT =
      Map.of(
          "orders_canceled_or_unavailable",
          "not sales: left out of all marts but review_vs_delivery",
          "orders_without_purchase_date",
          "no date: left out of all marts but review_vs_delivery",
          "orders_without_customer",
          "state 'unknown' in daily_sales; left out of customer marts",
          "delivered_orders_without_dates",
          "left out of delivery_performance and seller delivery metrics",
          "delivered_orders_without_items",
          "no seller: left out of delivery_performance",
          "items_without_order",
          "left out of all marts",
          "payments_without_order",
          "left out of payment_mix and customer_rfm",
          "reviews_without_order",
          "left out of review_vs_delivery and seller_scorecard",
          "reviews_without_estimate",
          "no delay bucket: left out of review_vs_delivery");

  private OlistMarts() {}

  private static Map<String, Function<OlistSilver, Dataset<Row>>> builders() {
    Map<String, Function<OlistSilver, Dataset<Row>>> m = new LinkedHashMap<>();
    m.put(DAILY_SALES, SalesMarts::dailySales);
    m.put(DELIVERY_PERFORMANCE, SalesMarts::deliveryPerformance);
    m.put(SELLER_SCORECARD, SalesMarts::sellerScorecard);
    m.put(CUSTOMER_RFM, CustomerMarts::customerRfm);
    m.put(REVIEW_VS_DELIVERY, ReviewAndPaymentMarts::reviewVsDelivery);
    m.put(PAYMENT_MIX, ReviewAndPaymentMarts::paymentMix);
    m.put(MONTHLY_COHORTS, CustomerMarts::monthlyCohorts);
    return Collections.unmodifiableMap(m);
  }

  /** One mart by name. */
  public static Dataset<Row> build(String mart, OlistSilver silver) {
    Function<OlistSilver, Dataset<Row>> f = BUILDERS.get(mart);
    if (f == null) {
      throw new IllegalArgumentException("Unknown Olist mart '" + mart + "'; marts are " + NAMES);
    }
    return f.apply(silver);
  }

  /** Every mart, in {@link #NAMES} order. */
  public static Map<String, Dataset<Row>> buildAll(OlistSilver silver) {
    Map<String, Dataset<Row>> m = new LinkedHashMap<>();
    NAMES.forEach(n -> m.put(n, build(n, silver)));
    return m;
  }

  /**
   * One row counting the silver rows that some marts leave out, by reason (column names say which).
   * Nothing is dropped silently: the job prints these with the marts they affect.
   */
  public static Dataset<Row> leftOut(OlistSilver s) {
    Dataset<Row> orders = OrderFacts.orders(s);
    Dataset<Row> byStatus =
        orders.agg(
            sum(flag(col("is_sale").equalTo(false))).as("orders_canceled_or_unavailable"),
            sum(flag(col("order_date").isNull())).as("orders_without_purchase_date"),
            sum(flag(col("customer_unique_id").isNull())).as("orders_without_customer"),
            sum(flag(
                    col("order_status")
                        .equalTo("delivered")
                        .and(col("delivered_date").isNull().or(col("estimated_date").isNull()))))
                .as("delivered_orders_without_dates"));
    Dataset<Row> delivered = OrderFacts.deliveries(orders).select("order_id");
    Dataset<Row> orderIds = s.orders().select("order_id");
    Dataset<Row> undatedDelivery =
        orders.filter(col("delivered_date").isNotNull().and(col("estimated_date").isNull()));
    return byStatus
        .crossJoin(
            countOf(
                delivered.join(s.orderItems(), "order_id", "left_anti"),
                "delivered_orders_without_items"))
        .crossJoin(
            countOf(s.orderItems().join(orderIds, "order_id", "left_anti"), "items_without_order"))
        .crossJoin(
            countOf(s.payments().join(orderIds, "order_id", "left_anti"), "payments_without_order"))
        .crossJoin(
            countOf(s.reviews().join(orderIds, "order_id", "left_anti"), "reviews_without_order"))
        .crossJoin(
            countOf(
                s.reviews().join(undatedDelivery, "order_id", "left_semi"),
                "reviews_without_estimate"));
  }

  private static Dataset<Row> countOf(Dataset<Row> rows, String name) {
    return rows.agg(count(lit(1)).as(name));
  }

  /** The non-zero counts of a {@link #leftOut} row, one readable line each. */
  public static List<String> describeLeftOut(Row counts) {
    List<String> lines = new ArrayList<>();
    for (String field : counts.schema().fieldNames()) {
      int i = counts.fieldIndex(field);
      long n = counts.isNullAt(i) ? 0 : counts.getLong(i);
      if (n > 0) {
        lines.add(
            String.format(
                Locale.ROOT, "%d %s (%s)", n, field.replace('_', ' '), LEFT_OUT_EFFECT.get(field)));
      }
    }
    return lines;
  }
}
