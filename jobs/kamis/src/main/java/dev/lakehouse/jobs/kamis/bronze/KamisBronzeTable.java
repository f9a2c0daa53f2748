package dev.lakehouse.jobs.kamis.bronze;

import dev.lakehouse.common.table.TableId;
import java.util.List;
import java.util.Optional;

/**
 * The six KAMIS actions the pipeline lands and their bronze tables: where the rows sit in a
 * response, which row fields and request parameters become columns, and how the landing slot of the
 * action is named. The field lists are the ones kamis.md documents; a row with any other field is
 * quarantined (the table would need a new column), never silently trimmed.
 */
public enum KamisBronzeTable {
  DAILY_PRICE_BY_CATEGORY(
      "dailyPriceByCategoryList",
      "daily_price_by_category",
      false,
      List.of("data", "item"),
      List.of(
          "item_name",
          "item_code",
          "kind_name",
          "kind_code",
          "rank",
          "rank_code",
          "unit",
          "day1",
          "dpr1",
          "day2",
          "dpr2",
          "day3",
          "dpr3",
          "day4",
          "dpr4",
          "day5",
          "dpr5",
          "day6",
          "dpr6",
          "day7",
          "dpr7"),
      List.of(
          "p_product_cls_code",
          "p_item_category_code",
          "p_country_code",
          "p_regday",
          "p_convert_kg_yn",
          "p_returntype")),
  DAILY_SALES(
      "dailySalesList",
      "daily_sales",
      false,
      List.of("price"),
      List.of(
          "product_cls_code",
          "product_cls_name",
          "category_code",
          "category_name",
          "productno",
          "lastest_day",
          "productName",
          "item_name",
          "unit",
          "day1",
          "dpr1",
          "day2",
          "dpr2",
          "day3",
          "dpr3",
          "day4",
          "dpr4",
          "direction",
          "value"),
      List.of("p_returntype")),
  PERIOD_RETAIL_PRICES(
      "periodRetailProductList",
      "period_retail_prices",
      true,
      List.of("data", "item"),
      List.of("itemname", "kindname", "countyname", "marketname", "yyyy", "regday", "price"),
      periodParams()),
  PERIOD_WHOLESALE_PRICES(
      "periodWholesaleProductList",
      "period_wholesale_prices",
      true,
      List.of("data", "item"),
      List.of("itemname", "kindname", "countyname", "marketname", "yyyy", "regday", "price"),
      periodParams()),
  ECO_PRICES(
      "EcoPriceList",
      "eco_prices",
      false,
      List.of("data", "item"),
      List.of("seqnum", "countyname", "marketname", "unit", "regday", "price"),
      List.of(
          "p_regday",
          "p_itemcategorycode",
          "p_itemcode",
          "p_kindcode",
          "p_productrankcode",
          "p_countycode",
          "p_countrycode",
          "p_convert_kg_yn",
          "p_returntype")),
  PRODUCT_INFO(
      "productInfo",
      "product_info",
      false,
      List.of("info"),
      List.of(
          "itemcategorycode",
          "itemcategoryname",
          "itemcode",
          "itemname",
          "kindcode",
          "kindname",
          "wholesale_unit",
          "wholesale_unitsize",
          "retail_unit",
          "retail_unitsize",
          "eco_unit",
          "eco_unitsize",
          "whole_productrankcode",
          "retail_productrankcode"),
      List.of("p_returntype"));

  public static final String DOMAIN = "kamis";

  /** Bronze metadata columns, after the row fields and the request parameters. */
  public static final String SLOT = "_slot";

  public static final String FETCHED_AT = "_fetched_at";
  public static final String SOURCE_FILE = "_source_file";
  public static final String BATCH_ID = "_batch_id";
  public static final String INGESTED_AT = "_ingested_at";

  /** Request parameters that carry credentials: never stored, whatever the envelope holds. */
  public static final List<String> CREDENTIAL_PARAMS = List.of("p_cert_key", "p_cert_id");

  private final String action;
  private final String table;
  private final boolean period;
  private final List<String> rowPath;
  private final List<String> fields;
  private final List<String> params;

  KamisBronzeTable(
      String action,
      String table,
      boolean period,
      List<String> rowPath,
      List<String> fields,
      List<String> params) {
    this.action = action;
    this.table = table;
    this.period = period;
    this.rowPath = rowPath;
    this.fields = fields;
    this.params = params;
  }

  private static List<String> periodParams() {
    return List.of(
        "p_startday",
        "p_endday",
        "p_itemcategorycode",
        "p_itemcode",
        "p_kindcode",
        "p_productrankcode",
        "p_countrycode",
        "p_countycode",
        "p_convert_kg_yn",
        "p_returntype");
  }

  /** The action name as the API and the landing folder spell it. */
  public String action() {
    return action;
  }

  public TableId bronze() {
    return TableId.bronze(DOMAIN, table);
  }

  public String tableName() {
    return table;
  }

  /**
   * Period actions land in slots {@code yyyy-MM-dd_yyyy-MM-dd}, the others in {@code yyyy-MM-dd}.
   */
  public boolean period() {
    return period;
  }

  /** Where the rows sit in the response, e.g. {@code data.item}. */
  public List<String> rowPath() {
    return rowPath;
  }

  /** The row fields, in column order. */
  public List<String> fields() {
    return fields;
  }

  /** The request parameters stored as columns, in column order. */
  public List<String> params() {
    return params;
  }

  /** Every column of the bronze table, in order. */
  public List<String> columns() {
    List<String> all = new java.util.ArrayList<>(fields);
    all.addAll(params);
    all.addAll(List.of(SLOT, FETCHED_AT, SOURCE_FILE, BATCH_ID, INGESTED_AT));
    return all;
  }

  public static Optional<KamisBronzeTable> ofAction(String action) {
    for (KamisBronzeTable t : values()) {
      if (t.action.equals(action)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
