package dev.lakehouse.jobs.olist;

import dev.lakehouse.common.table.TableId;
import java.util.List;

/**
 * The Olist source: its nine files with their exact headers, and the tables they become. The one
 * place that knows file names, headers and business keys.
 */
public final class OlistTables {
  public static final String DOMAIN = "olist";

  private OlistTables() {}

  /**
   * One source file.
   *
   * @param table the table name in every layer (bronze.olist.&lt;table&gt;, silver..., quarantine)
   * @param fileName the file name in the landing folder
   * @param header the exact header, in order (bronze keeps these names)
   */
  public record SourceFile(String table, String fileName, List<String> header) {
    public TableId bronze() {
      return TableId.bronze(DOMAIN, table);
    }

    public TableId silver() {
      return TableId.silver(DOMAIN, table);
    }
  }

  public static final SourceFile CUSTOMERS =
      new SourceFile(
          "customers",
          "olist_customers_dataset.csv",
          List.of(
              "customer_id",
              "customer_unique_id",
              "customer_zip_code_prefix",
              "customer_city",
              "customer_state"));
  public static final SourceFile GEOLOCATION =
      new SourceFile(
          "geolocation",
          "olist_geolocation_dataset.csv",
          List.of(
              "geolocation_zip_code_prefix",
              "geolocation_lat",
              "geolocation_lng",
              "geolocation_city",
              "geolocation_state"));
  public static final SourceFile ORDER_ITEMS =
      new SourceFile(
          "order_items",
          "olist_order_items_dataset.csv",
          List.of(
              "order_id",
              "order_item_id",
              "product_id",
              "seller_id",
              "shipping_limit_date",
              "price",
              "freight_value"));
  public static final SourceFile PAYMENTS =
      new SourceFile(
          "payments",
          "olist_order_payments_dataset.csv",
          List.of(
              "order_id",
              "payment_sequential",
              "payment_type",
              "payment_installments",
              "payment_value"));
  public static final SourceFile REVIEWS =
      new SourceFile(
          "reviews",
          "olist_order_reviews_dataset.csv",
          List.of(
              "review_id",
              "order_id",
              "review_score",
              "review_comment_title",
              "review_comment_message",
              "review_creation_date",
              "review_answer_timestamp"));
  public static final SourceFile ORDERS =
      new SourceFile(
          "orders",
          "olist_orders_dataset.csv",
          List.of(
              "order_id",
              "customer_id",
              "order_status",
              "order_purchase_timestamp",
              "order_approved_at",
              "order_delivered_carrier_date",
              "order_delivered_customer_date",
              "order_estimated_delivery_date"));
  public static final SourceFile PRODUCTS =
      new SourceFile(
          "products",
          "olist_products_dataset.csv",
          List.of(
              "product_id",
              "product_category_name",
              "product_name_lenght",
              "product_description_lenght",
              "product_photos_qty",
              "product_weight_g",
              "product_length_cm",
              "product_height_cm",
              "product_width_cm"));
  public static final SourceFile SELLERS =
      new SourceFile(
          "sellers",
          "olist_sellers_dataset.csv",
          List.of("seller_id", "seller_zip_code_prefix", "seller_city", "seller_state"));
  public static final SourceFile CATEGORY_TRANSLATION =
      new SourceFile(
          "category_translation",
          "product_category_name_translation.csv",
          List.of("product_category_name", "product_category_name_english"));

  /** All nine files. */
  public static final List<SourceFile> FILES =
      List.of(
          CUSTOMERS,
          GEOLOCATION,
          ORDER_ITEMS,
          PAYMENTS,
          REVIEWS,
          ORDERS,
          PRODUCTS,
          SELLERS,
          CATEGORY_TRANSLATION);

  /** Bronze metadata columns, added to the source columns. */
  public static final String BATCH_ID = "_batch_id";

  public static final String SOURCE_FILE = "_source_file";
  public static final String INGESTED_AT = "_ingested_at";
}
