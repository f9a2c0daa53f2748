package dev.lakehouse.jobs.olist.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The seven silver tables the gold marts are built from, each narrowed to the columns gold uses
 * (silver metadata columns such as {@code _batch_id} are not carried into gold).
 *
 * <p>Reading checks that every table exists and has the columns of the silver contract, so a
 * missing or drifted silver table fails the run before any mart is computed.
 */
public record OlistSilver(
    Dataset<Row> orders,
    Dataset<Row> orderItems,
    Dataset<Row> payments,
    Dataset<Row> reviews,
    Dataset<Row> customers,
    Dataset<Row> sellers,
    Dataset<Row> products) {

  /** The columns gold reads from each silver table (the silver contract, metadata left out). */
  public static final Map<SourceFile, List<String>> COLUMNS = columns();

  private static Map<SourceFile, List<String>> columns() {
    Map<SourceFile, List<String>> m = new LinkedHashMap<>();
    m.put(
        OlistTables.ORDERS,
        List.of(
            "order_id",
            "customer_id",
            "order_status",
            "purchased_at",
            "delivered_customer_at",
            "estimated_delivery_at"));
    m.put(
        OlistTables.ORDER_ITEMS,
        List.of("order_id", "order_item_id", "product_id", "seller_id", "price", "freight_value"));
    m.put(
        OlistTables.PAYMENTS,
        List.of("order_id", "payment_sequential", "payment_type", "installments", "value"));
    m.put(OlistTables.REVIEWS, List.of("review_id", "order_id", "score"));
    m.put(OlistTables.CUSTOMERS, List.of("customer_id", "customer_unique_id", "state"));
    m.put(OlistTables.SELLERS, List.of("seller_id", "state"));
    m.put(OlistTables.PRODUCTS, List.of("product_id", "category_name_english"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Reads the silver tables under {@code layout}.
   *
   * @throws LakehouseException (exit 2) when a table is missing or lacks a contract column
   */
  public static OlistSilver read(SparkSession spark, TableLayout layout) {
    List<Dataset<Row>> t = new ArrayList<>();
    for (Map.Entry<SourceFile, List<String>> e : COLUMNS.entrySet()) {
      TableId id = e.getKey().silver();
      String path = layout.path(id);
      if (!DeltaIO.exists(spark, path)) {
        throw missingTable(id, path);
      }
      Dataset<Row> df = DeltaIO.read(spark, path);
      List<String> missing =
          e.getValue().stream().filter(c -> !Arrays.asList(df.columns()).contains(c)).toList();
      if (!missing.isEmpty()) {
        throw missingColumns(id, path, missing);
      }
      t.add(df.select(e.getValue().stream().map(c -> col(c)).toArray(Column[]::new)));
    }
    return new OlistSilver(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), t.get(6));
  }

  /** The tables in the order of {@link #COLUMNS}. */
  public List<Dataset<Row>> tables() {
    return List.of(orders, orderItems, payments, reviews, customers, sellers, products);
  }

  /**
   * Caches every table: each is read by several marts, and the counts taken at the start must
   * describe exactly the data the marts are built from.
   */
  public OlistSilver persist() {
    tables().forEach(df -> df.persist(StorageLevel.MEMORY_AND_DISK()));
    return this;
  }

  public void unpersist() {
    tables().forEach(Dataset::unpersist);
  }

  /** Row counts by table name, in the order of {@link #COLUMNS}; one Spark job for all seven. */
  public Map<String, Long> counts() {
    List<String> names = COLUMNS.keySet().stream().map(SourceFile::table).toList();
    List<Dataset<Row>> t = tables();
    Dataset<Row> all = null;
    for (int i = 0; i < t.size(); i++) {
      Dataset<Row> one = t.get(i).agg(count(lit(1)).as("rows")).withColumn("i", lit(i));
      all = all == null ? one : all.union(one);
    }
    Map<String, Long> m = new LinkedHashMap<>();
    names.forEach(n -> m.put(n, 0L));
    for (Row r : all.collectAsList()) {
      m.put(names.get(r.getInt(1)), r.getLong(0));
    }
    return m;
  }

  private static LakehouseException missingTable(TableId id, String path) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Silver table "
            + id
            + " does not exist at "
            + path
            + ". The gold marts are built from silver: run the Olist bronze and silver jobs first"
            + " (bin/lakehouse run olist runs the whole pipeline).");
  }

  private static LakehouseException missingColumns(TableId id, String path, List<String> missing) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Silver table "
            + id
            + " at "
            + path
            + " lacks the columns "
            + missing
            + " of the silver contract. It was written by an older or different silver job:"
            + " re-run the Olist silver job.");
  }
}
