package dev.lakehouse.jobs.kamis.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Result codes and rows in every shape KAMIS answers in. */
class KamisPayloadTest {
  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void resultCodeInEachShape() throws Exception {
    assertThat(KamisPayload.resultCode(json("{\"data\":[\"900\"]}"))).contains("900");
    assertThat(KamisPayload.resultCode(json("{\"data\":{\"error_code\":\"000\",\"item\":[]}}")))
        .contains("000");
    assertThat(
            KamisPayload.resultCode(
                json("{\"condition\":[[\"20241031\"]],\"error_code\":\"001\",\"price\":[]}")))
        .contains("001");
    assertThat(KamisPayload.resultCode(json("{\"info\":[{\"itemcode\":\"111\"}]}")))
        .contains("000");
    assertThat(KamisPayload.resultCode(json("{\"something\":\"else\"}"))).isEmpty();
    assertThat(KamisPayload.resultCode(json("{\"data\":[]}"))).isEmpty();
  }

  @Test
  void rowsAsListSingleObjectOrEmptyForm() throws Exception {
    assertThat(
            KamisPayload.rows(
                KamisAction.ECO_PRICE, json("{\"data\":{\"item\":[{\"a\":1},{\"a\":2}]}}")))
        .hasSize(2);
    // Converted from XML, a single row can arrive as a bare object.
    assertThat(
            KamisPayload.rows(KamisAction.PERIOD_RETAIL, json("{\"data\":{\"item\":{\"a\":1}}}")))
        .hasSize(1);
    assertThat(
            KamisPayload.rows(
                KamisAction.ECO_PRICE, json("{\"data\":{\"error_code\":\"001\",\"item\":\"\"}}")))
        .isEmpty();
    assertThat(KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, json("{\"data\":[\"001\"]}")))
        .isEmpty();
    assertThat(KamisPayload.rows(KamisAction.DAILY_SALES, json("{\"price\":[{\"a\":1}]}")))
        .hasSize(1);
    assertThat(
            KamisPayload.rows(KamisAction.PRODUCT_INFO, json("{\"info\":[{\"a\":1},{\"b\":2}]}")))
        .hasSize(2);
  }

  @Test
  void requestKeysAndDescriptions() {
    KamisRequest r =
        KamisRequest.dailyPriceByCategory(
            java.time.LocalDate.of(2024, 10, 31), "02", "600", "", true);
    assertThat(r.key()).isEqualTo("cls02-cat600-national-kg");
    assertThat(r.describe())
        .isEqualTo(
            "dailyPriceByCategoryList for day 2024-10-31 (p_product_cls_code=02,"
                + " p_item_category_code=600, p_country_code=, p_regday=2024-10-31, p_convert_kg_yn=Y)");
    assertThat(KamisAction.fromApiName("EcoPriceList")).contains(KamisAction.ECO_PRICE);
    assertThat(KamisAction.DAILY_PRICE_BY_CATEGORY.accepts("p_productclscode")).isFalse();
    assertThat(KamisAction.PERIOD_RETAIL.accepts("p_countycode")).isTrue();
  }
}
