package dev.lakehouse.launcher.bench;

import dev.lakehouse.jobs.olist.OlistTables;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB baseline: the same bronze-to-silver typing, validation and de-duplication the Spark
 * jobs do (BronzeTyper, OlistSilverTransforms) and the same {@code daily_sales} and {@code
 * payment_mix} marts (SalesMarts, ReviewAndPaymentMarts), as SQL in an in-process DuckDB over the
 * same CSV files. It builds only what those two marts need (silver customers, orders, order_items,
 * payments, products, category_translation), with no quality gates and no table format: the figure
 * is what the plain transformations cost in a single-node engine.
 *
 * <p>The SQL mirrors the Spark code rule by rule: a row is kept only when every typed column of its
 * table is well-formed (the Spark jobs quarantine the others), a key keeps one row, a product
 * without translation keeps its Portuguese name, an order whose customer is missing is in state
 * "unknown".
 */
final class DuckDbBaseline {
  // The patterns of BronzeTyper, in RE2 syntax (DuckDB's regex engine).
  private static final String BLANKS = "'^[\\s\\x{00A0}\\x{FEFF}]+|[\\s\\x{00A0}\\x{FEFF}]+$'";
  private static final String INT = "'^[+-]?\\d{1,9}(\\.0+)?$'";
  private static final String MONEY = "'^[+-]?\\d{1,10}(\\.\\d{1,2}0*)?$'";
  private static final String ZIP = "'^\\d{1,5}(\\.0+)?$'";
  private static final String STATE = "'^[A-Z]{2}$'";
  private static final String TS = "'^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$'";

  /** What the baseline produced, and how long it took. */
  record Result(double seconds, GoldCheck check) {}

  /** Row counts and totals of the two marts, as both engines report them. */
  record GoldCheck(
      long dailyRows,
      long dailyItems,
      BigDecimal dailyGmv,
      BigDecimal dailyFreight,
      long mixRows,
      long mixPayments,
      BigDecimal mixValue) {

    /** The differences from {@code other}, empty when both agree. */
    List<String> differences(GoldCheck other) {
      List<String> d = new ArrayList<>();
      diff(d, "daily_sales rows", dailyRows, other.dailyRows);
      diff(d, "daily_sales items", dailyItems, other.dailyItems);
      diff(d, "daily_sales gmv", dailyGmv, other.dailyGmv);
      diff(d, "daily_sales freight", dailyFreight, other.dailyFreight);
      diff(d, "payment_mix rows", mixRows, other.mixRows);
      diff(d, "payment_mix payments", mixPayments, other.mixPayments);
      diff(d, "payment_mix total_value", mixValue, other.mixValue);
      return d;
    }

    private static void diff(List<String> d, String what, long a, long b) {
      if (a != b) {
        d.add(what + " " + a + " vs " + b);
      }
    }

    private static void diff(List<String> d, String what, BigDecimal a, BigDecimal b) {
      if (a.compareTo(b) != 0) {
        d.add(what + " " + a.toPlainString() + " vs " + b.toPlainString());
      }
    }
  }

  private DuckDbBaseline() {}

  /** Loads DuckDB's native library, so the first timed run does not pay for it. */
  static void warmUp() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  /** Runs the baseline over the CSV files in {@code landing} (an in-memory database). */
  static Result run(Path landing) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (String sql : statements(landing)) {
        s.execute(sql);
      }
      GoldCheck check = check(s);
      return new Result((System.nanoTime() - start) / 1e9, check);
    }
  }

  static List<String> statements(Path landing) {
    List<String> sql = new ArrayList<>();
    sql.add(
        "CREATE MACRO clean(x) AS CASE WHEN length(regexp_replace(x, "
            + BLANKS
            + ", '', 'g')) > 0 THEN regexp_replace(x, "
            + BLANKS
            + ", '', 'g') END");
    // "Bad" = present and malformed: such a row is quarantined by the Spark job.
    sql.add("CREATE MACRO bad_int(v) AS v IS NOT NULL AND NOT regexp_matches(v, " + INT + ")");
    sql.add("CREATE MACRO bad_money(v) AS v IS NOT NULL AND NOT regexp_matches(v, " + MONEY + ")");
    sql.add("CREATE MACRO bad_zip(v) AS v IS NOT NULL AND NOT regexp_matches(v, " + ZIP + ")");
    sql.add(
        "CREATE MACRO bad_state(v) AS v IS NOT NULL AND NOT regexp_matches(upper(v), "
            + STATE
            + ")");
    sql.add(
        "CREATE MACRO ts(v) AS CASE WHEN regexp_matches(v, "
            + TS
            + ") THEN try_strptime(v, '%Y-%m-%d %H:%M:%S') END");
    sql.add("CREATE MACRO bad_ts(v) AS v IS NOT NULL AND ts(v) IS NULL");
    sql.add(
        "CREATE MACRO int_of(v) AS CASE WHEN regexp_matches(v, "
            + INT
            + ") THEN CAST(regexp_replace(v, '\\..*$', '') AS INTEGER) END");
    sql.add(
        "CREATE MACRO money_of(v) AS CASE WHEN regexp_matches(v, "
            + MONEY
            + ") THEN CAST(v AS DECIMAL(12,2)) END");
    for (OlistTables.SourceFile f :
        List.of(
            OlistTables.CUSTOMERS,
            OlistTables.ORDERS,
            OlistTables.ORDER_ITEMS,
            OlistTables.PAYMENTS,
            OlistTables.PRODUCTS,
            OlistTables.CATEGORY_TRANSLATION)) {
      sql.add(rawTable(f, landing.resolve(f.fileName())));
    }
    // Cleaned values once per table, then the validity of every typed column of the table.
    sql.add(cleaned("customers", OlistTables.CUSTOMERS.header()));
    sql.add(
        "CREATE TABLE s_customers AS SELECT customer_id, customer_unique_id,"
            + " upper(customer_state) AS state FROM (SELECT *, row_number() OVER (PARTITION BY"
            + " customer_id ORDER BY customer_unique_id, customer_zip_code_prefix, customer_city,"
            + " customer_state) AS rn FROM c_customers WHERE customer_id IS NOT NULL"
            + " AND NOT bad_zip(customer_zip_code_prefix) AND NOT bad_state(customer_state))"
            + " WHERE rn = 1");
    sql.add(cleaned("orders", OlistTables.ORDERS.header()));
    sql.add(
        "CREATE TABLE s_orders AS SELECT order_id, customer_id, order_status,"
            + " ts(order_purchase_timestamp) AS purchased_at FROM (SELECT *, row_number() OVER"
            + " (PARTITION BY order_id ORDER BY customer_id) AS rn FROM c_orders WHERE order_id IS"
            + " NOT NULL AND NOT bad_ts(order_purchase_timestamp) AND NOT"
            + " bad_ts(order_approved_at) AND NOT bad_ts(order_delivered_carrier_date) AND NOT"
            + " bad_ts(order_delivered_customer_date) AND NOT"
            + " bad_ts(order_estimated_delivery_date)) WHERE rn = 1");
    sql.add(cleaned("order_items", OlistTables.ORDER_ITEMS.header()));
    sql.add(
        "CREATE TABLE s_order_items AS SELECT order_id, int_of(order_item_id) AS order_item_id,"
            + " product_id, seller_id, money_of(price) AS price, money_of(freight_value) AS"
            + " freight_value FROM (SELECT *, row_number() OVER (PARTITION BY order_id,"
            + " int_of(order_item_id) ORDER BY product_id, seller_id, price) AS rn FROM"
            + " c_order_items WHERE order_id IS NOT NULL AND order_item_id IS NOT NULL AND NOT"
            + " bad_int(order_item_id) AND NOT bad_ts(shipping_limit_date) AND NOT"
            + " bad_money(price) AND NOT bad_money(freight_value)) WHERE rn = 1");
    sql.add(cleaned("payments", OlistTables.PAYMENTS.header()));
    sql.add(
        "CREATE TABLE s_payments AS SELECT order_id, int_of(payment_sequential) AS"
            + " payment_sequential, payment_type, int_of(payment_installments) AS installments,"
            + " money_of(payment_value) AS value FROM (SELECT *, row_number() OVER (PARTITION BY"
            + " order_id, int_of(payment_sequential) ORDER BY payment_type, payment_value) AS rn"
            + " FROM c_payments WHERE order_id IS NOT NULL AND payment_sequential IS NOT NULL AND"
            + " NOT bad_int(payment_sequential) AND NOT bad_int(payment_installments) AND NOT"
            + " bad_money(payment_value)) WHERE rn = 1");
    sql.add(cleaned("category_translation", OlistTables.CATEGORY_TRANSLATION.header()));
    sql.add(
        "CREATE TABLE s_translation AS SELECT product_category_name AS pt,"
            + " product_category_name_english AS en FROM (SELECT *, row_number() OVER (PARTITION"
            + " BY product_category_name ORDER BY product_category_name_english) AS rn FROM"
            + " c_category_translation WHERE product_category_name IS NOT NULL) WHERE rn = 1");
    sql.add(cleaned("products", OlistTables.PRODUCTS.header()));
    sql.add(
        "CREATE TABLE s_products AS SELECT p.product_id, coalesce(t.en,"
            + " coalesce(p.product_category_name, 'unknown')) AS category_name_english FROM"
            + " (SELECT *, row_number() OVER (PARTITION BY product_id ORDER BY"
            + " product_category_name) AS rn FROM c_products WHERE product_id IS NOT NULL AND NOT"
            + " bad_int(product_name_lenght) AND NOT bad_int(product_description_lenght) AND NOT"
            + " bad_int(product_photos_qty) AND NOT bad_int(product_weight_g) AND NOT"
            + " bad_int(product_length_cm) AND NOT bad_int(product_height_cm) AND NOT"
            + " bad_int(product_width_cm)) p LEFT JOIN s_translation t ON p.product_category_name"
            + " = t.pt WHERE p.rn = 1");
    // OrderFacts.orders and sales: a sale is neither canceled nor unavailable, with a date.
    sql.add(
        "CREATE TABLE sales AS SELECT o.order_id, CAST(o.purchased_at AS DATE) AS order_date,"
            + " date_trunc('month', CAST(o.purchased_at AS DATE)) AS order_month,"
            + " coalesce(c.state, 'unknown') AS customer_state FROM s_orders o LEFT JOIN"
            + " s_customers c ON o.customer_id = c.customer_id WHERE coalesce(o.order_status NOT"
            + " IN ('canceled', 'unavailable'), true) AND o.purchased_at IS NOT NULL");
    sql.add(
        "CREATE TABLE daily_sales AS SELECT s.order_date, s.customer_state,"
            + " coalesce(p.category_name_english, 'unknown') AS category, count(DISTINCT"
            + " i.order_id) AS orders, count(*) AS items, CAST(sum(i.price) AS DECIMAL(14,2)) AS"
            + " gmv, CAST(sum(i.freight_value) AS DECIMAL(14,2)) AS freight FROM s_order_items i"
            + " JOIN sales s ON i.order_id = s.order_id LEFT JOIN s_products p ON i.product_id ="
            + " p.product_id GROUP BY 1, 2, 3");
    sql.add(
        "CREATE TABLE payment_mix AS SELECT s.order_month AS month, p.payment_type, count(*) AS"
            + " payments, count(DISTINCT p.order_id) AS orders, CAST(sum(p.value) AS"
            + " DECIMAL(14,2)) AS total_value FROM s_payments p JOIN sales s ON p.order_id ="
            + " s.order_id GROUP BY 1, 2");
    return sql;
  }

  /** The file as read: every column a string, header names from OlistTables (BOM or not). */
  private static String rawTable(OlistTables.SourceFile f, Path file) {
    String columns =
        f.header().stream().map(h -> "'" + h + "': 'VARCHAR'").collect(Collectors.joining(", "));
    return "CREATE TABLE r_"
        + f.table()
        + " AS SELECT * FROM read_csv('"
        + file.toAbsolutePath().toString().replace("'", "''")
        + "', header = true, delim = ',', quote = '\"', escape = '\"', columns = {"
        + columns
        + "})";
  }

  private static String cleaned(String table, List<String> header) {
    return "CREATE TABLE c_"
        + table
        + " AS SELECT "
        + header.stream().map(h -> "clean(" + h + ") AS " + h).collect(Collectors.joining(", "))
        + " FROM r_"
        + table;
  }

  private static GoldCheck check(Statement s) throws SQLException {
    long dailyRows;
    long dailyItems;
    BigDecimal gmv;
    BigDecimal freight;
    try (ResultSet r =
        s.executeQuery(
            "SELECT count(*), coalesce(sum(items), 0), coalesce(sum(gmv), 0),"
                + " coalesce(sum(freight), 0) FROM daily_sales")) {
      r.next();
      dailyRows = r.getLong(1);
      dailyItems = r.getLong(2);
      gmv = r.getBigDecimal(3);
      freight = r.getBigDecimal(4);
    }
    try (ResultSet r =
        s.executeQuery(
            "SELECT count(*), coalesce(sum(payments), 0), coalesce(sum(total_value), 0) FROM"
                + " payment_mix")) {
      r.next();
      return new GoldCheck(
          dailyRows, dailyItems, gmv, freight, r.getLong(1), r.getLong(2), r.getBigDecimal(3));
    }
  }
}
