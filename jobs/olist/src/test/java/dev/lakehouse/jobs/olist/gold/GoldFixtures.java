package dev.lakehouse.jobs.olist.gold;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small hand-made silver tables for the gold tests: CSV files under {@code
 * src/test/resources/olist/gold/silver/}, read with the exact silver schemas of the contract and
 * written as silver Delta tables under a test root.
 *
 * <p>The story they tell (Jan-Mar 2018, reference date 2018-03-28 = latest purchase, o8):
 *
 * <pre>
 * order status      customer    items: product/seller price+freight   delivered vs estimated day
 * o1    delivered   c1 u1 SP    p1/s1(SP) 100.00+10, p2/s2(RJ) 50+5    01-15 vs 01-25: 10d early
 * o2    delivered   c2 u2 SP    p1/s2 80.01+20                         01-30 vs 01-20: 10d late
 * o3    canceled    c6 u5 RJ    p2/s1 200.00+15                        none
 * o4    delivered   c4 u3 MG    2 x p3/s2 30.00+8 (category unknown)   02-18 vs 02-16: 2d late
 * o5    shipped     c5 u4 SP    p1/s2 45.50+7.25                       none
 * o6    delivered   c3 u1 SP    p2/s1 120.00+12                        03-12 10:00 vs 03-12: 0d
 * o7    delivered   c7 u6 PR    p1/s1 60.00+6                          03-25 vs 03-30: 5d early
 * o8    unavailable c8 u7 SP    none                                   none
 * </pre>
 *
 * Payments: o1 credit_card 3x 140.00 + voucher 25.00; o2 boleto 100.01; o3 credit_card 215.00; o4
 * debit_card 76.00; o5 boleto 52.75; o6 credit_card 6x 100.00 + credit_card 1x 32.00; o7
 * credit_card 3x 66.00; o8 credit_card 30.00; o9 boleto 10.00 (no such order). Reviews: o1 5, o2 1,
 * o3 2, o4 3, o5 5, o6 5, o7 4 (same review_id as o4's), o8 1. Seller s3 (MG) never sold.
 */
final class GoldFixtures {
  static final DataType MONEY = DataTypes.createDecimalType(12, 2);

  /** The silver contract's business columns (CONTEXT.md), metadata added on write. */
  static final Map<String, StructType> SILVER = schemas();

  /** Rows in the fixture tables, for rows-in assertions. */
  static final long SILVER_ROWS = 8 + 9 + 11 + 8 + 8 + 3 + 3;

  private GoldFixtures() {}

  private static Map<String, StructType> schemas() {
    Map<String, StructType> m = new LinkedHashMap<>();
    m.put(
        OlistTables.ORDERS.table(),
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("order_status", DataTypes.StringType)
            .add("purchased_at", DataTypes.TimestampType)
            .add("approved_at", DataTypes.TimestampType)
            .add("delivered_carrier_at", DataTypes.TimestampType)
            .add("delivered_customer_at", DataTypes.TimestampType)
            .add("estimated_delivery_at", DataTypes.TimestampType));
    m.put(
        OlistTables.ORDER_ITEMS.table(),
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("order_item_id", DataTypes.IntegerType)
            .add("product_id", DataTypes.StringType)
            .add("seller_id", DataTypes.StringType)
            .add("shipping_limit_at", DataTypes.TimestampType)
            .add("price", MONEY)
            .add("freight_value", MONEY));
    m.put(
        OlistTables.PAYMENTS.table(),
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("payment_sequential", DataTypes.IntegerType)
            .add("payment_type", DataTypes.StringType)
            .add("installments", DataTypes.IntegerType)
            .add("value", MONEY));
    m.put(
        OlistTables.REVIEWS.table(),
        new StructType()
            .add("review_id", DataTypes.StringType)
            .add("order_id", DataTypes.StringType)
            .add("score", DataTypes.IntegerType)
            .add("comment_title", DataTypes.StringType)
            .add("comment_message", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add("answered_at", DataTypes.TimestampType));
    m.put(
        OlistTables.CUSTOMERS.table(),
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("customer_unique_id", DataTypes.StringType)
            .add("zip_code_prefix", DataTypes.StringType)
            .add("city", DataTypes.StringType)
            .add("state", DataTypes.StringType));
    m.put(
        OlistTables.SELLERS.table(),
        new StructType()
            .add("seller_id", DataTypes.StringType)
            .add("zip_code_prefix", DataTypes.StringType)
            .add("city", DataTypes.StringType)
            .add("state", DataTypes.StringType));
    StructType products =
        new StructType()
            .add("product_id", DataTypes.StringType)
            .add("category_name", DataTypes.StringType)
            .add("category_name_english", DataTypes.StringType);
    for (String c :
        new String[] {
          "name_length",
          "description_length",
          "photos_qty",
          "weight_g",
          "length_cm",
          "height_cm",
          "width_cm"
        }) {
      products = products.add(c, DataTypes.IntegerType);
    }
    m.put(OlistTables.PRODUCTS.table(), products);
    return m;
  }

  /** Reads one fixture CSV with its silver schema (no metadata columns). */
  static Dataset<Row> read(SparkSession spark, String table) {
    return spark
        .read()
        .option("header", "true")
        .option("mode", "FAILFAST")
        .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
        .schema(SILVER.get(table))
        .csv(resource("olist/gold/silver/" + table + ".csv"));
  }

  private static Path shared;

  /**
   * A lakehouse root holding the fixture silver tables, written once per test JVM: Delta writes are
   * the slow part of these tests. Treat it as read-only; {@link #copySilverTo} gives a test its own
   * copy.
   */
  static synchronized Path sharedSilverRoot(SparkSession spark) {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory("olist-gold-silver");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
        writeSilver(spark, new TableLayout(root.toString()));
        shared = root;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Copies the fixture silver tables (Delta tables are relocatable folders) under {@code root}. */
  static void copySilverTo(SparkSession spark, Path root) {
    Path from = sharedSilverRoot(spark);
    try (Stream<Path> files = Files.walk(from.resolve("silver"))) {
      for (Path f : files.toList()) {
        Path to = root.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A leftover temp folder is harmless.
    }
  }

  /** Writes every fixture table as {@code silver.olist.<table>} under {@code layout}. */
  static void writeSilver(SparkSession spark, TableLayout layout) {
    for (String table : SILVER.keySet()) {
      Dataset<Row> df =
          read(spark, table)
              .withColumn("_batch_id", lit("fixture"))
              .withColumn("_updated_at", to_timestamp(lit("2018-10-17 00:00:00")));
      TableId id = TableId.silver(OlistTables.DOMAIN, table);
      // A plain Delta write: DeltaIO's version and history look-ups add nothing to a fixture.
      df.write().format("delta").mode("overwrite").save(layout.path(id));
    }
  }

  static String resource(String name) {
    URL url = GoldFixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("Test resource " + name + " is not on the class path");
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
