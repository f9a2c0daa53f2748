package dev.lakehouse.common.quality;

import dev.lakehouse.common.table.TableId;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The test shop's orders: schema, rows, and suites written inline. */
final class Fixtures {
  static final TableId ORDERS = TableId.silver("shop", "orders");
  static final TableId CUSTOMERS = TableId.silver("shop", "customers");

  static final StructType ORDERS_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("price", DataTypes.DoubleType)
          .add("zip", DataTypes.StringType)
          .add("ordered_at", DataTypes.TimestampType)
          .add("delivered_at", DataTypes.TimestampType);

  static final StructType CUSTOMERS_SCHEMA =
      new StructType().add("customer_id", DataTypes.StringType).add("city", DataTypes.StringType);

  private Fixtures() {}

  /** A suite for silver.shop.orders with the given check objects. */
  static RuleSuite orders(String checks) {
    return RuleSuiteLoader.parse(suiteText(checks), "test.conf", ORDERS, ORDERS_SCHEMA);
  }

  static String suiteText(String checks) {
    return "suite = silver.shop.orders\nchecks = [\n" + checks + "\n]\n";
  }

  static Timestamp ts(String s) {
    return s == null ? null : Timestamp.valueOf(s);
  }

  /** An order row. */
  static Row order(
      String id, String customer, String status, Double price, String zip, String ordered) {
    return RowFactory.create(
        id,
        customer,
        status,
        price,
        zip,
        ts(ordered),
        "delivered".equals(status) ? ts(ordered) : null);
  }

  static Dataset<Row> frame(SparkSession spark, StructType schema, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), schema);
  }

  /** Good orders: every rule of the fixture suite passes. */
  static Dataset<Row> goodOrders(SparkSession spark, int n) {
    Row[] rows = new Row[n];
    for (int i = 0; i < n; i++) {
      rows[i] =
          order(
              String.format("o%05d", i),
              i % 2 == 0 ? "c1" : "c2",
              i % 3 == 0 ? "shipped" : "delivered",
              10.0 + i,
              String.format("%05d", 10000 + i),
              "2018-10-01 10:00:00");
    }
    return frame(spark, ORDERS_SCHEMA, rows);
  }

  static Dataset<Row> customers(SparkSession spark) {
    return frame(
        spark,
        CUSTOMERS_SCHEMA,
        RowFactory.create("c1", "Sao Paulo"),
        RowFactory.create("c2", "Curitiba"));
  }

  static List<String> names(List<RuleOutcome> outcomes) {
    return outcomes.stream().map(RuleOutcome::rule).toList();
  }
}
