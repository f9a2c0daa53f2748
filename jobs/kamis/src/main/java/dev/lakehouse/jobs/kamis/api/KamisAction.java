package dev.lakehouse.jobs.kamis.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The KAMIS actions the project ingests, each with its real name and the parameter names it takes.
 * The names differ between actions ({@code p_product_cls_code} here, {@code p_productclscode}
 * there), so every request is built from this table and nowhere else.
 */
public enum KamisAction {
  /** Daily prices of one category, retail or wholesale, for one region. */
  DAILY_PRICE_BY_CATEGORY(
      "dailyPriceByCategoryList",
      SlotKind.DAY,
      List.of("p_product_cls_code", "p_item_category_code", "p_regday"),
      List.of("p_country_code", "p_convert_kg_yn")),
  /** The latest day's prices of about 230 headline products; takes no day. */
  DAILY_SALES("dailySalesList", SlotKind.LATEST, List.of(), List.of()),
  /** One retail item over a period. */
  PERIOD_RETAIL(
      "periodRetailProductList",
      SlotKind.PERIOD,
      List.of(
          "p_startday",
          "p_endday",
          "p_itemcategorycode",
          "p_itemcode",
          "p_kindcode",
          "p_productrankcode"),
      List.of("p_countrycode", "p_countycode", "p_convert_kg_yn")),
  /** One wholesale item over a period. */
  PERIOD_WHOLESALE(
      "periodWholesaleProductList",
      SlotKind.PERIOD,
      List.of(
          "p_startday",
          "p_endday",
          "p_itemcategorycode",
          "p_itemcode",
          "p_kindcode",
          "p_productrankcode"),
      List.of("p_countrycode", "p_countycode", "p_convert_kg_yn")),
  /** Eco-friendly (organic) prices of one item on one day. */
  ECO_PRICE(
      "EcoPriceList",
      SlotKind.DAY,
      List.of("p_regday", "p_itemcategorycode", "p_itemcode", "p_kindcode", "p_productrankcode"),
      List.of("p_countycode", "p_convert_kg_yn")),
  /** The item, kind and rank code table. */
  PRODUCT_INFO("productInfo", SlotKind.LATEST, List.of(), List.of());

  /** How an action's landed responses are grouped into slots. */
  public enum SlotKind {
    /** One slot per day ({@code yyyy-MM-dd}). */
    DAY,
    /** One slot per calendar-month chunk ({@code yyyy-MM-dd_yyyy-MM-dd}). */
    PERIOD,
    /** The action takes no day: one slot, named after the last day of the fetched range. */
    LATEST
  }

  /** Parameters every action takes besides its own. */
  public static final Set<String> COMMON_PARAMS =
      Set.of("action", "p_cert_key", "p_cert_id", "p_returntype");

  private final String apiName;
  private final SlotKind slotKind;
  private final List<String> required;
  private final List<String> optional;

  KamisAction(String apiName, SlotKind slotKind, List<String> required, List<String> optional) {
    this.apiName = apiName;
    this.slotKind = slotKind;
    this.required = required;
    this.optional = optional;
  }

  /** The name KAMIS knows the action by, also the landing folder name. */
  public String apiName() {
    return apiName;
  }

  public SlotKind slotKind() {
    return slotKind;
  }

  /** Parameters the action needs (besides {@link #COMMON_PARAMS}). */
  public List<String> requiredParams() {
    return required;
  }

  /** Parameters the action accepts but does not need. */
  public List<String> optionalParams() {
    return optional;
  }

  /** True when {@code name} is a parameter this action takes. */
  public boolean accepts(String name) {
    return COMMON_PARAMS.contains(name) || required.contains(name) || optional.contains(name);
  }

  /** The action KAMIS calls {@code apiName}, if the project knows it. */
  public static Optional<KamisAction> fromApiName(String apiName) {
    return Arrays.stream(values()).filter(a -> a.apiName.equals(apiName)).findFirst();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
