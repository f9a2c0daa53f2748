package dev.lakehouse.jobs.olist.silver;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.util.List;

/**
 * The nine silver tables: their bronze source, business key and value columns, in the order they
 * are promoted (the translation before the products that use it). Every table also carries {@code
 * _batch_id} and {@code _updated_at}.
 */
public enum SilverTable {
  CATEGORY_TRANSLATION(
      OlistTables.CATEGORY_TRANSLATION, List.of("category_name"), List.of("category_name_english")),
  PRODUCTS(
      OlistTables.PRODUCTS,
      List.of("product_id"),
      List.of(
          "category_name",
          "category_name_english",
          "name_length",
          "description_length",
          "photos_qty",
          "weight_g",
          "length_cm",
          "height_cm",
          "width_cm")),
  CUSTOMERS(
      OlistTables.CUSTOMERS,
      List.of("customer_id"),
      List.of("customer_unique_id", "zip_code_prefix", "city", "state")),
  SELLERS(OlistTables.SELLERS, List.of("seller_id"), List.of("zip_code_prefix", "city", "state")),
  GEOLOCATION(
      OlistTables.GEOLOCATION,
      List.of("zip_code_prefix"),
      List.of("lat", "lng", "city", "state", "points")),
  ORDERS(
      OlistTables.ORDERS,
      List.of("order_id"),
      List.of(
          "customer_id",
          "order_status",
          "purchased_at",
          "approved_at",
          "delivered_carrier_at",
          "delivered_customer_at",
          "estimated_delivery_at")),
  ORDER_ITEMS(
      OlistTables.ORDER_ITEMS,
      List.of("order_id", "order_item_id"),
      List.of("product_id", "seller_id", "shipping_limit_at", "price", "freight_value")),
  PAYMENTS(
      OlistTables.PAYMENTS,
      List.of("order_id", "payment_sequential"),
      List.of("payment_type", "installments", "value")),
  REVIEWS(
      OlistTables.REVIEWS,
      // review_id alone is not unique: the source reuses it for several orders.
      List.of("review_id", "order_id"),
      List.of("score", "comment_title", "comment_message", "created_at", "answered_at"));

  /** Silver metadata: the batch that last changed the row, and when this job computed it. */
  public static final String UPDATED_AT = "_updated_at";

  private final SourceFile source;
  private final List<String> keys;
  private final List<String> values;

  SilverTable(SourceFile source, List<String> keys, List<String> values) {
    this.source = source;
    this.keys = keys;
    this.values = values;
  }

  public SourceFile source() {
    return source;
  }

  public TableId bronze() {
    return source.bronze();
  }

  public TableId silver() {
    return source.silver();
  }

  /** The business key, the MERGE condition. */
  public List<String> keys() {
    return keys;
  }

  /** Key columns, then value columns, in table order (metadata not included). */
  public List<String> columns() {
    return java.util.stream.Stream.concat(keys.stream(), values.stream()).toList();
  }
}
