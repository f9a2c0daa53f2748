package dev.lakehouse.jobs.kamis.silver;

import dev.lakehouse.common.table.TableId;
import java.util.List;

/** The four KAMIS silver tables (DESIGN.md, "Silver tables"): columns in order and business key. */
public enum KamisSilverTable {
  ITEM_PRICES(
      "item_prices",
      List.of(
          "price_date",
          "product_cls",
          "category_code",
          "category_name",
          "item_code",
          "item_name",
          "kind_code",
          "kind_name",
          "rank_code",
          "rank_name",
          "eco",
          "region_code",
          "region_name",
          "market_name",
          "market_type",
          "unit",
          "price_won",
          "day_label",
          "source_action",
          "batch_id",
          "fetched_at"),
      List.of(
          "price_date",
          "product_cls",
          "item_code",
          "kind_code",
          "rank_code",
          "eco",
          "region_code",
          "market_name")),
  PRICE_SUMMARIES(
      "price_summaries",
      List.of(
          "price_date",
          "product_cls",
          "category_code",
          "item_code",
          "item_name",
          "kind_code",
          "kind_name",
          "rank_code",
          "rank_name",
          "region_code",
          "summary_type",
          "unit",
          "price_won",
          "day_label",
          "source_action",
          "batch_id",
          "fetched_at"),
      List.of(
          "price_date",
          "product_cls",
          "item_code",
          "kind_code",
          "rank_code",
          "region_code",
          "summary_type")),
  ITEMS("items", List.of(ItemCatalog.COLUMNS), List.of("item_code", "kind_code")),
  REGIONS(
      "regions",
      List.of("region_code", "region_name", "retail", "wholesale"),
      List.of("region_code"));

  private final String name;
  private final List<String> columns;
  private final List<String> keys;

  KamisSilverTable(String name, List<String> columns, List<String> keys) {
    this.name = name;
    this.columns = columns;
    this.keys = keys;
  }

  public TableId silver() {
    return TableId.silver("kamis", name);
  }

  public List<String> columns() {
    return columns;
  }

  /** The business key, the MERGE condition. */
  public List<String> keys() {
    return keys;
  }
}
