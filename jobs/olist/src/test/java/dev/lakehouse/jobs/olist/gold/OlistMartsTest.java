package dev.lakehouse.jobs.olist.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each mart on the fixture silver tables of {@link GoldFixtures} against a golden file worked out
 * by hand (the derivation of every row is in the test's comment), plus the rule functions on small
 * frames.
 */
class OlistMartsTest {
  private static final SparkSession SPARK = TestSpark.session();

  private static OlistSilver silver;

  @BeforeAll
  static void readFixtures() {
    TableLayout layout = new TableLayout(GoldFixtures.sharedSilverRoot(SPARK).toString());
    silver = OlistSilver.read(SPARK, layout).persist();
  }

  @AfterAll
  static void release() {
    silver.unpersist();
  }

  @Test
  void dailySales() {
    // Sales exclude o3 (canceled) and o8 (unavailable, no items anyway).
    // 2018-01-10 SP health_beauty: o1 100.00+10.00, o2 80.01+20.00 -> 2 orders, 2 items,
    //   gmv 180.01, freight 30.00, avg 180.01/2 = 90.005 -> 90.01 (half-up).
    // 2018-01-10 SP computers_accessories: o1 50.00+5.00 (same order, second category).
    // 2018-02-10 MG unknown: o4 2 x (30.00+8.00) -> 1 order, 2 items, 60.00, 16.00, 60.00.
    // 2018-03-01 SP health_beauty: o5 (shipped counts as a sale) 45.50+7.25.
    // 2018-03-05 SP computers_accessories: o6 120.00+12.00; 2018-03-20 PR health_beauty: o7.
    Dataset<Row> mart = SalesMarts.dailySales(silver);
    Golden.assertMatches(OlistMarts.DAILY_SALES, mart);
    assertThat(mart.schema().apply("gmv").dataType()).isEqualTo(OrderFacts.MONEY);
    assertThat(mart.schema().apply("avg_order_value").dataType()).isEqualTo(OrderFacts.MONEY);
  }

  @Test
  void deliveryPerformance() {
    // Delivered with dates: o1 (-10d, 5d to deliver, sellers SP+RJ), o2 (+10d, 20d, RJ),
    // o4 (+2d, 8d, RJ), o6 (0d: 10:00 on the estimated day is on time, 7d, SP), o7 (-5d, 5d, SP).
    // RJ Jan: o1, o2 -> 2 delivered, 1 on time, 0.5, delay (-10+10)/2 = 0.0, days (5+20)/2 = 12.5.
    // SP Jan: o1 -> 1, 1, 1.0, -10.0, 5.0.   RJ Feb: o4 -> 1, 0, 0.0, 2.0, 8.0.
    // SP Mar: o6, o7 -> 2, 2, 1.0, (0-5)/2 = -2.5, (7+5)/2 = 6.0.
    Golden.assertMatches(OlistMarts.DELIVERY_PERFORMANCE, SalesMarts.deliveryPerformance(silver));
  }

  @Test
  void sellerScorecard() {
    // s1 SP: sales o1 100.00, o6 120.00, o7 60.00 (o3 canceled left out) -> 3 orders, 3 items,
    //   280.00; reviews 5, 5, 4 -> 4.6667; all 3 on time -> 1.0; days (5+7+5)/3 = 5.6667;
    //   first 01-10, last 03-20; fewer than 20 orders -> good.
    // s2 RJ: o1 50.00, o2 80.01, o4 30.00+30.00, o5 45.50 -> 4 orders, 5 items, 235.51;
    //   reviews 5, 1, 3, 5 -> 3.5; delivered o1 on time, o2 and o4 late -> 1/3 = 0.3333;
    //   days (5+20+8)/3 = 11.0; first 01-10, last 03-01; on time < 0.8 -> watch.
    // s3 MG: no sale -> zeros, nulls, inactive.
    Golden.assertMatches(OlistMarts.SELLER_SCORECARD, SalesMarts.sellerScorecard(silver));
  }

  @Test
  void customerRfm() {
    // Reference date 2018-03-28 (o8, unavailable, still the latest purchase). u5 (only o3,
    // canceled) and u7 (only o8) have no sale and no row.
    // u1: o1 + o6 (two customer_ids), last 03-05 -> 23 days, frequency 2, 165.00 + 132.00.
    // u2: 01-10 -> 77 days, 100.01.  u3: 02-10 -> 46, 76.00.  u4: 03-01 -> 27, 52.75.
    // u6: 03-20 -> 8, 66.00.  n = 5, score = 1 + floor(5 (rank-1) / 4), capped at 5.
    // Recency ranks (oldest first) u2 u3 u4 u1 u6 -> 1 2 3 4 5; money ranks (smallest first)
    // u4 u6 u3 u2 u1 -> 1 2 3 4 5. f = min(frequency, 5).
    // Segments: u1 (4,2,5) champions; u2 (1,1,4) at_risk; u3 (2,1,3) hibernating;
    // u4 (3,1,1) needs_attention; u6 (5,1,2) new.
    Golden.assertMatches(OlistMarts.CUSTOMER_RFM, CustomerMarts.customerRfm(silver));
  }

  @Test
  void reviewVsDelivery() {
    // o1 -10d early >7d (5); o7 -5d early 1-7d (4); o6 0d on time (5); o4 +2d late 1-3d (3);
    // nothing late 4-7d (row kept, 0 reviews); o2 +10d late >7d (1);
    // not delivered: o3 (2), o5 (5), o8 (1) -> avg 8/3, low 2/3, fives 1/3.
    Golden.assertMatches(
        OlistMarts.REVIEW_VS_DELIVERY, ReviewAndPaymentMarts.reviewVsDelivery(silver));
  }

  @Test
  void paymentMix() {
    // Left out: o3 (canceled), o8 (unavailable), o9 (no such order).
    // Jan total 140.00 + 25.00 + 100.01 = 265.01: credit_card 140/265.01 = 0.5283,
    //   voucher 25/265.01 = 0.0943, boleto 100.01/265.01 = 0.3774.
    // Feb: debit_card 76.00 -> 1.0.
    // Mar total 52.75 + 198.00 = 250.75: boleto 0.2104; credit_card o6 (6x 100.00, 1x 32.00)
    //   + o7 (3x 66.00) -> 3 payments, 2 orders, 198.00, installments 10/3 = 3.3333, 0.7896.
    Golden.assertMatches(OlistMarts.PAYMENT_MIX, ReviewAndPaymentMarts.paymentMix(silver));
  }

  @Test
  void monthlyCohorts() {
    // First sale months: u1 Jan (again in Mar), u2 Jan, u3 Feb, u4 Mar, u6 Mar.
    // Jan cohort: 2 customers, month 0 -> 2 (1.0), month 2 -> u1 (0.5). Feb: 1. Mar: 2.
    Golden.assertMatches(OlistMarts.MONTHLY_COHORTS, CustomerMarts.monthlyCohorts(silver));
  }

  @Test
  void leftOutCountsTheRowsMartsCannotUse() {
    Row counts = OlistMarts.leftOut(silver).first();
    assertThat(counts.getLong(counts.fieldIndex("orders_canceled_or_unavailable"))).isEqualTo(2);
    assertThat(counts.getLong(counts.fieldIndex("payments_without_order"))).isEqualTo(1);
    assertThat(OlistMarts.describeLeftOut(counts))
        .containsExactly(
            "2 orders canceled or unavailable (not sales: left out of all marts but"
                + " review_vs_delivery)",
            "1 payments without order (left out of payment_mix and customer_rfm)");
  }

  @Test
  void sellerTierRules() {
    StructType schema =
        new StructType()
            .add("orders", DataTypes.LongType)
            .add("review", DataTypes.DoubleType)
            .add("on_time", DataTypes.DoubleType)
            .add("expected", DataTypes.StringType);
    Dataset<Row> cases =
        SPARK.createDataFrame(
            Arrays.asList(
                RowFactory.create(0L, null, null, "inactive"),
                RowFactory.create(50L, 4.9, 0.79, "watch"),
                RowFactory.create(50L, 3.4, 1.0, "watch"),
                RowFactory.create(20L, 4.5, 0.95, "top"),
                RowFactory.create(19L, 5.0, 1.0, "good"),
                RowFactory.create(50L, 4.49, 1.0, "good"),
                RowFactory.create(50L, null, 1.0, "good"),
                RowFactory.create(3L, 3.5, null, "good")),
            schema);
    List<Row> wrong =
        cases
            .withColumn("tier", SalesMarts.sellerTier(col("orders"), col("review"), col("on_time")))
            .filter(col("tier").notEqual(col("expected")))
            .collectAsList();
    assertThat(wrong).isEmpty();
  }

  @Test
  void rfmScoresAreTieStableQuintiles() {
    // Ten customers, values 1..8 with two ties; ranks 1,2,2,4,...: tied values share a score.
    StructType schema = new StructType().add("v", DataTypes.IntegerType);
    List<Row> values =
        Arrays.asList(1, 2, 2, 3, 4, 5, 6, 6, 7, 8).stream()
            .map(v -> RowFactory.create(v))
            .toList();
    List<Row> scored =
        SPARK
            .createDataFrame(values, schema)
            .withColumn(
                "score", CustomerMarts.quintile(rank().over(Window.orderBy(col("v"))), lit(10L)))
            .orderBy("v")
            .collectAsList();
    // rank-1 = 0,1,1,3,4,5,6,6,8,9 -> 1 + floor(5 (rank-1) / 9) = 1,1,1,2,3,3,4,4,5,6->5.
    assertThat(scored).extracting(r -> r.getInt(1)).containsExactly(1, 1, 1, 2, 3, 3, 4, 4, 5, 5);
    assertThat(
            SPARK
                .range(1)
                .select(CustomerMarts.quintile(lit(1), lit(1L)).as("s"))
                .first()
                .getInt(0))
        .isEqualTo(1);
  }

  @Test
  void rfmSegmentRules() {
    StructType schema =
        new StructType()
            .add("r", DataTypes.IntegerType)
            .add("f", DataTypes.IntegerType)
            .add("m", DataTypes.IntegerType)
            .add("expected", DataTypes.StringType);
    Dataset<Row> cases =
        SPARK.createDataFrame(
            Arrays.asList(
                RowFactory.create(5, 3, 5, "champions"),
                RowFactory.create(4, 2, 3, "loyal"),
                RowFactory.create(3, 5, 5, "loyal"),
                RowFactory.create(2, 2, 1, "at_risk"),
                RowFactory.create(1, 1, 5, "at_risk"),
                RowFactory.create(5, 1, 5, "new"),
                RowFactory.create(3, 1, 5, "needs_attention"),
                RowFactory.create(2, 1, 3, "hibernating")),
            schema);
    List<Row> wrong =
        cases
            .withColumn("segment", CustomerMarts.rfmSegment(col("r"), col("f"), col("m")))
            .filter(col("segment").notEqual(col("expected")))
            .collectAsList();
    assertThat(wrong).isEmpty();
  }

  @Test
  void delayBucketBoundaries() {
    StructType schema =
        new StructType()
            .add("delivered", DataTypes.BooleanType)
            .add("delay", DataTypes.IntegerType)
            .add("expected", DataTypes.IntegerType);
    Dataset<Row> cases =
        SPARK.createDataFrame(
            Arrays.asList(
                RowFactory.create(true, -8, 1),
                RowFactory.create(true, -7, 2),
                RowFactory.create(true, -1, 2),
                RowFactory.create(true, 0, 3),
                RowFactory.create(true, 1, 4),
                RowFactory.create(true, 3, 4),
                RowFactory.create(true, 4, 5),
                RowFactory.create(true, 7, 5),
                RowFactory.create(true, 8, 6),
                RowFactory.create(false, null, 7),
                RowFactory.create(true, null, null)),
            schema);
    List<Row> wrong =
        cases
            .withColumn(
                "bucket",
                ReviewAndPaymentMarts.bucketOrder(when(col("delivered"), lit("x")), col("delay")))
            .filter(col("bucket").eqNullSafe(col("expected")).equalTo(false))
            .collectAsList();
    assertThat(wrong).isEmpty();
  }
}
