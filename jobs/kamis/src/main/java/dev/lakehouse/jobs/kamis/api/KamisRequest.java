package dev.lakehouse.jobs.kamis.api;

import dev.lakehouse.common.config.LakehouseSettings.KamisItem;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One KAMIS request without credentials: the action, the landing slot it belongs to, the day (or
 * period) it asks for, and its action-specific parameters under the names that action takes. The
 * request key, a readable name made of the parameters that vary within a slot, names the landed
 * file; {@link #keyOf} computes it from the parameters alone so the fake server finds the same file
 * for the same request.
 *
 * @param action the action
 * @param slot the landing slot: {@code yyyy-MM-dd} or {@code yyyy-MM-dd_yyyy-MM-dd}
 * @param day the day asked for, or the start day of a period
 * @param endDay the end day of a period, null otherwise
 * @param params the action's parameters in a stable order, credentials and p_returntype excluded
 */
public record KamisRequest(
    KamisAction action, String slot, LocalDate day, LocalDate endDay, Map<String, String> params) {

  public KamisRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(day, "day");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** dailyPriceByCategoryList for one day, product class, category and region ("" national). */
  public static KamisRequest dailyPriceByCategory(
      LocalDate day, String productCls, String category, String region, boolean convertKg) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("p_product_cls_code", productCls);
    p.put("p_item_category_code", category);
    p.put("p_country_code", region);
    p.put("p_regday", day.toString());
    p.put("p_convert_kg_yn", yn(convertKg));
    return new KamisRequest(KamisAction.DAILY_PRICE_BY_CATEGORY, day.toString(), day, null, p);
  }

  /** dailySalesList: it takes no day and answers for the latest one; landed under {@code day}. */
  public static KamisRequest dailySales(LocalDate day) {
    return new KamisRequest(KamisAction.DAILY_SALES, day.toString(), day, null, Map.of());
  }

  /** productInfo, the code table; landed under {@code day}. */
  public static KamisRequest productInfo(LocalDate day) {
    return new KamisRequest(KamisAction.PRODUCT_INFO, day.toString(), day, null, Map.of());
  }

  /** periodRetailProductList or periodWholesaleProductList for one item and region. */
  public static KamisRequest period(
      KamisAction action,
      LocalDate start,
      LocalDate end,
      KamisItem item,
      String region,
      boolean convertKg) {
    if (action.slotKind() != KamisAction.SlotKind.PERIOD) {
      throw new IllegalArgumentException(action + " is not a period action");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("p_startday", start.toString());
    p.put("p_endday", end.toString());
    p.put("p_itemcategorycode", item.category());
    p.put("p_itemcode", item.item());
    p.put("p_kindcode", item.kind());
    p.put("p_productrankcode", item.rank());
    p.put("p_countrycode", region);
    p.put("p_convert_kg_yn", yn(convertKg));
    return new KamisRequest(action, periodSlot(start, end), start, end, p);
  }

  /** EcoPriceList for one day, item and region. */
  public static KamisRequest eco(LocalDate day, KamisItem item, String region, boolean convertKg) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("p_regday", day.toString());
    p.put("p_itemcategorycode", item.category());
    p.put("p_itemcode", item.item());
    p.put("p_kindcode", item.kind());
    p.put("p_productrankcode", item.rank());
    p.put("p_countycode", region);
    p.put("p_convert_kg_yn", yn(convertKg));
    return new KamisRequest(KamisAction.ECO_PRICE, day.toString(), day, null, p);
  }

  /** The slot name of a period: {@code yyyy-MM-dd_yyyy-MM-dd}. */
  public static String periodSlot(LocalDate start, LocalDate end) {
    return start + "_" + end;
  }

  /** The request key: the landed file's name without {@code .json}. */
  public String key() {
    return keyOf(action, params);
  }

  /**
   * The request key of an action called with these parameters, e.g. {@code cls01-cat200-region1101}
   * or {@code item211-kind01-rank04-national}. Only the parameters that vary within a slot count.
   */
  public static String keyOf(KamisAction action, Map<String, String> params) {
    String kg = "Y".equalsIgnoreCase(params.getOrDefault("p_convert_kg_yn", "N")) ? "-kg" : "";
    switch (action) {
      case DAILY_PRICE_BY_CATEGORY:
        return "cls"
            + params.getOrDefault("p_product_cls_code", "")
            + "-cat"
            + params.getOrDefault("p_item_category_code", "")
            + "-"
            + region(params.get("p_country_code"))
            + kg;
      case PERIOD_RETAIL:
      case PERIOD_WHOLESALE:
      case ECO_PRICE:
        String region = params.get("p_countrycode");
        if (region == null || region.isEmpty()) {
          region = params.get("p_countycode");
        }
        return "item"
            + params.getOrDefault("p_itemcode", "")
            + "-kind"
            + params.getOrDefault("p_kindcode", "")
            + "-rank"
            + params.getOrDefault("p_productrankcode", "")
            + "-"
            + region(region)
            + kg;
      case DAILY_SALES:
        return "latest";
      case PRODUCT_INFO:
        return "all";
      default:
        throw new IllegalStateException("no key for " + action);
    }
  }

  private static String region(String code) {
    return code == null || code.isEmpty() ? "national" : "region" + code;
  }

  private static String yn(boolean b) {
    return b ? "Y" : "N";
  }

  /** How errors and progress lines name this request: action, day and parameters, no secrets. */
  public String describe() {
    String when = endDay == null ? "day " + day : "period " + day + " to " + endDay;
    String ps =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    return action.apiName() + " for " + when + (ps.isEmpty() ? "" : " (" + ps + ")");
  }
}
