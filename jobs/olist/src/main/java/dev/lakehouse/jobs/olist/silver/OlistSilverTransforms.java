package dev.lakehouse.jobs.olist.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Bronze to silver for the Olist tables, as pure DataFrame functions. The steps, which the job runs
 * one by one so it can count and persist between them: {@link #typed} (string columns to typed
 * columns plus a reason for rows that cannot be typed), {@link #rejected} (those rows, for
 * quarantine), {@link #valid}, then {@link #silver} (one row per business key). The per-table
 * functions ({@link #customers} etc.) chain these for callers that only want the silver rows.
 */
public final class OlistSilverTransforms {
  /** What an empty product category becomes, in Portuguese and in English. */
  public static final String UNKNOWN_CATEGORY = "unknown";

  private static final String RANK = "_rank";

  private OlistSilverTransforms() {}

  public static Dataset<Row> customers(Dataset<Row> bronze) {
    return promote(SilverTable.CUSTOMERS, bronze);
  }

  public static Dataset<Row> sellers(Dataset<Row> bronze) {
    return promote(SilverTable.SELLERS, bronze);
  }

  public static Dataset<Row> categoryTranslation(Dataset<Row> bronze) {
    return promote(SilverTable.CATEGORY_TRANSLATION, bronze);
  }

  /**
   * Products with the English category name from {@code translationBronze} (the bronze
   * category_translation rows of the same batch, or all of them).
   */
  public static Dataset<Row> products(Dataset<Row> bronze, Dataset<Row> translationBronze) {
    return silver(
        SilverTable.PRODUCTS, valid(typed(SilverTable.PRODUCTS, bronze)), translationBronze);
  }

  /** One row per zip prefix, from the points inside Brazil (see {@link #insideBrazil}). */
  public static Dataset<Row> geolocation(Dataset<Row> bronze) {
    return promote(SilverTable.GEOLOCATION, bronze);
  }

  public static Dataset<Row> orders(Dataset<Row> bronze) {
    return promote(SilverTable.ORDERS, bronze);
  }

  public static Dataset<Row> orderItems(Dataset<Row> bronze) {
    return promote(SilverTable.ORDER_ITEMS, bronze);
  }

  public static Dataset<Row> payments(Dataset<Row> bronze) {
    return promote(SilverTable.PAYMENTS, bronze);
  }

  public static Dataset<Row> reviews(Dataset<Row> bronze) {
    return promote(SilverTable.REVIEWS, bronze);
  }

  private static Dataset<Row> promote(SilverTable table, Dataset<Row> bronze) {
    return silver(table, valid(typed(table, bronze)), null);
  }

  /**
   * Types one bronze table: silver value columns (null where a value could not be typed), the
   * bronze metadata, {@code _raw} (the bronze row as JSON) and {@code _reason} (null when the row
   * is clean). Exactly one typed row per bronze row.
   */
  public static Dataset<Row> typed(SilverTable table, Dataset<Row> bronze) {
    return switch (table) {
      case CUSTOMERS ->
          new BronzeTyper()
              .key("customer_id", "customer_id")
              .text("customer_unique_id", "customer_unique_id")
              .zip("customer_zip_code_prefix", "zip_code_prefix", false)
              .lowerText("customer_city", "city")
              .state("customer_state", "state")
              .apply(bronze);
      case SELLERS ->
          new BronzeTyper()
              .key("seller_id", "seller_id")
              .zip("seller_zip_code_prefix", "zip_code_prefix", false)
              .lowerText("seller_city", "city")
              .state("seller_state", "state")
              .apply(bronze);
      case CATEGORY_TRANSLATION ->
          new BronzeTyper()
              .key("product_category_name", "category_name")
              .text("product_category_name_english", "category_name_english")
              .apply(bronze);
      case PRODUCTS ->
          new BronzeTyper()
              .key("product_id", "product_id")
              .text("product_category_name", "category_name")
              // The source misspells "length"; silver uses the corrected names.
              .integer("product_name_lenght", "name_length", false)
              .integer("product_description_lenght", "description_length", false)
              .integer("product_photos_qty", "photos_qty", false)
              .integer("product_weight_g", "weight_g", false)
              .integer("product_length_cm", "length_cm", false)
              .integer("product_height_cm", "height_cm", false)
              .integer("product_width_cm", "width_cm", false)
              .apply(bronze);
      case GEOLOCATION ->
          new BronzeTyper()
              .zip("geolocation_zip_code_prefix", "zip_code_prefix", true)
              .coordinate("geolocation_lat", "lat")
              .coordinate("geolocation_lng", "lng")
              .city("geolocation_city", "city")
              .state("geolocation_state", "state")
              .apply(bronze);
      case ORDERS ->
          new BronzeTyper()
              .key("order_id", "order_id")
              .text("customer_id", "customer_id")
              .text("order_status", "order_status")
              .timestamp("order_purchase_timestamp", "purchased_at")
              .timestamp("order_approved_at", "approved_at")
              .timestamp("order_delivered_carrier_date", "delivered_carrier_at")
              .timestamp("order_delivered_customer_date", "delivered_customer_at")
              .timestamp("order_estimated_delivery_date", "estimated_delivery_at")
              .apply(bronze);
      case ORDER_ITEMS ->
          new BronzeTyper()
              .key("order_id", "order_id")
              .integer("order_item_id", "order_item_id", true)
              .text("product_id", "product_id")
              .text("seller_id", "seller_id")
              .timestamp("shipping_limit_date", "shipping_limit_at")
              .money("price", "price")
              .money("freight_value", "freight_value")
              .apply(bronze);
      case PAYMENTS ->
          new BronzeTyper()
              .key("order_id", "order_id")
              .integer("payment_sequential", "payment_sequential", true)
              .text("payment_type", "payment_type")
              .integer("payment_installments", "installments", false)
              .money("payment_value", "value")
              .apply(bronze);
      case REVIEWS ->
          new BronzeTyper()
              .key("review_id", "review_id")
              .key("order_id", "order_id")
              .integer("review_score", "score", false)
              .text("review_comment_title", "comment_title")
              .text("review_comment_message", "comment_message")
              .timestamp("review_creation_date", "created_at")
              .timestamp("review_answer_timestamp", "answered_at")
              .apply(bronze);
    };
  }

  /** Typed rows that cannot be kept, as {@code Quarantine.append} wants them, plus the batch. */
  public static Dataset<Row> rejected(Dataset<Row> typed) {
    return typed
        .filter(col(BronzeTyper.REASON).isNotNull())
        .select(
            col(BronzeTyper.RAW).as("raw"),
            col(BronzeTyper.REASON).as("reason"),
            col(OlistTables.SOURCE_FILE),
            col(OlistTables.BATCH_ID));
  }

  /** Typed rows that can be kept. */
  public static Dataset<Row> valid(Dataset<Row> typed) {
    return typed.filter(col(BronzeTyper.REASON).isNull());
  }

  /**
   * The silver rows of a table from its valid typed rows: one row per business key, the silver
   * columns in table order, {@code _batch_id} and {@code _updated_at}.
   *
   * @param translationBronze bronze category_translation rows; used (and required) for products
   */
  public static Dataset<Row> silver(
      SilverTable table, Dataset<Row> valid, Dataset<Row> translationBronze) {
    return switch (table) {
      case GEOLOCATION -> finish(table, GeolocationTransforms.perZip(valid));
      case PRODUCTS ->
          finish(table, withEnglishCategory(deduplicate(valid, table.keys()), translationBronze));
      default -> finish(table, deduplicate(valid, table.keys()));
    };
  }

  /**
   * One row per key: the row ingested last wins (then the later batch, then the smaller raw JSON,
   * so the choice never depends on partitioning); exact duplicates collapse the same way.
   */
  public static Dataset<Row> deduplicate(Dataset<Row> valid, List<String> keys) {
    WindowSpec latestFirst =
        Window.partitionBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
            .orderBy(
                col(OlistTables.INGESTED_AT).desc_nulls_last(),
                col(OlistTables.BATCH_ID).desc_nulls_last(),
                col(BronzeTyper.RAW).asc_nulls_last());
    return valid
        .withColumn(RANK, row_number().over(latestFirst))
        .filter(col(RANK).equalTo(1))
        .drop(RANK);
  }

  /** Points inside Brazil's bounding box (lat -34..6, lng -74..-34); others are dropped. */
  public static Column insideBrazil() {
    return GeolocationTransforms.insideBrazil();
  }

  private static Dataset<Row> withEnglishCategory(
      Dataset<Row> products, Dataset<Row> translationBronze) {
    if (translationBronze == null) {
      throw new IllegalArgumentException(
          "products need the bronze category_translation rows for their English names");
    }
    Dataset<Row> translation =
        categoryTranslation(translationBronze)
            .select(col("category_name").as("_pt"), col("category_name_english").as("_en"));
    Column category = coalesce(col("category_name"), lit(UNKNOWN_CATEGORY));
    return products
        .join(translation, col("category_name").equalTo(col("_pt")), "left")
        .withColumn(
            "category_name_english",
            // Two real categories have no translation: their Portuguese name stands in.
            coalesce(col("_en"), category))
        .withColumn("category_name", category);
  }

  private static Dataset<Row> finish(SilverTable table, Dataset<Row> rows) {
    List<Column> out = new ArrayList<>();
    for (String c : table.columns()) {
      out.add(col(c));
    }
    out.add(col(OlistTables.BATCH_ID));
    out.add(current_timestamp().as(SilverTable.UPDATED_AT));
    return rows.select(out.toArray(Column[]::new));
  }
}
