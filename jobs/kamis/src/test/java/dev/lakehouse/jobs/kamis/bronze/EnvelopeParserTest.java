package dev.lakehouse.jobs.kamis.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.jobs.kamis.bronze.EnvelopeParser.Kind;
import dev.lakehouse.jobs.kamis.bronze.EnvelopeParser.Record;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
  private final EnvelopeParser daily =
      new EnvelopeParser(KamisBronzeTable.DAILY_PRICE_BY_CATEGORY, List.of("configured-secret"));
  private final EnvelopeParser eco = new EnvelopeParser(KamisBronzeTable.ECO_PRICES, List.of());

  private static String envelope(String action, String params, String resultCode, String response) {
    return "{\"action\":\""
        + action
        + "\",\"slot\":\"2024-10-31\",\"params\":"
        + params
        + ",\"fetched_at\":\"2024-10-31T06:00:01.123Z\",\"result_code\":\""
        + resultCode
        + "\",\"response\":"
        + response
        + "}";
  }

  @Test
  void keepsEveryValueAsReceivedAndNonStringsAsJsonText() {
    String text =
        envelope(
            "EcoPriceList",
            "{\"p_regday\":\"2024-10-31\",\"p_itemcode\":\"211\"}",
            "000",
            "{\"data\":{\"error_code\":\"000\",\"item\":[{\"seqnum\":3,\"countyname\":\"평균\","
                + "\"marketname\":null,\"unit\":[],\"regday\":\"2024-10-31\",\"price\":\"5,100\"}]}}");
    List<Record> records = eco.parse(text);
    assertThat(records).hasSize(1);
    Record r = records.get(0);
    assertThat(r.kind()).isEqualTo(Kind.ROW);
    assertThat(r.fields())
        .containsEntry("seqnum", "3")
        .containsEntry("unit", "[]")
        .containsEntry("price", "5,100")
        .containsEntry("marketname", null);
    assertThat(r.params())
        .containsEntry("p_regday", "2024-10-31")
        .containsEntry("p_itemcode", "211");
    assertThat(r.fetchedAt()).isEqualTo("2024-10-31T06:00:01.123Z");
  }

  @Test
  void aSingleRowObjectIsOneRowAndResult001IsEmpty() {
    String one =
        envelope(
            "dailyPriceByCategoryList",
            "{}",
            "000",
            "{\"data\":{\"error_code\":\"000\",\"item\":{\"item_code\":\"211\",\"dpr1\":\"3,513\"}}}");
    assertThat(daily.parse(one)).extracting(Record::kind).containsExactly(Kind.ROW);
    String holiday = envelope("dailyPriceByCategoryList", "{}", "001", "{\"data\":[\"001\"]}");
    assertThat(daily.parse(holiday)).extracting(Record::kind).containsExactly(Kind.EMPTY);
  }

  @Test
  void brokenEnvelopesAndRowsCarryAReason() {
    assertThat(daily.parse("{\"action\": \"dailyPri"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(Kind.BAD_ENVELOPE);
              assertThat(r.reason()).startsWith("not valid JSON");
            });
    assertThat(daily.parse("<html>error</html>"))
        .singleElement()
        .extracting(Record::kind)
        .isEqualTo(Kind.BAD_ENVELOPE);
    String error = envelope("dailyPriceByCategoryList", "{}", "000", "{\"data\":[\"900\"]}");
    assertThat(daily.parse(error))
        .singleElement()
        .satisfies(
            r -> assertThat(r.reason()).contains("no rows at data.item").contains("[\"900\"]"));
    String refused = envelope("dailyPriceByCategoryList", "{}", "900", "{\"data\":[\"900\"]}");
    assertThat(daily.parse(refused))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("result code '900'"));
    String wrongFolder = envelope("EcoPriceList", "{}", "000", "{}");
    assertThat(daily.parse(wrongFolder))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("does not match its folder"));
    String rows =
        envelope(
            "dailyPriceByCategoryList",
            "{}",
            "000",
            "{\"data\":{\"item\":[\"oops\",{\"item_code\":\"211\",\"surprise\":1},{\"x\":1}]}}");
    List<Record> bad = daily.parse(rows);
    assertThat(bad).extracting(Record::kind).containsOnly(Kind.BAD_ROW);
    assertThat(bad.get(0).reason()).isEqualTo("row 1 is not a JSON object but STRING");
    assertThat(bad.get(1).reason()).contains("[surprise]");
    assertThat(bad.get(1).raw()).isEqualTo("{\"item_code\":\"211\",\"surprise\":1}");
  }

  @Test
  void credentialsNeverSurvive() {
    String text =
        envelope(
            "dailyPriceByCategoryList",
            "{\"p_cert_key\":\"REALSECRET123\",\"p_cert_id\":\"me@example.org\",\"p_regday\":\"2024-10-31\",\"p_new\":\"x\"}",
            "000",
            "{\"data\":{\"item\":[{\"item_code\":\"211\",\"unit\":\"configured-secret\"}]}}");
    Record r = daily.parse(text).get(0);
    assertThat(r.kind()).isEqualTo(Kind.ROW);
    assertThat(r.credentialsFound()).isTrue();
    assertThat(r.params()).containsOnlyKeys("p_regday");
    assertThat(r.unstoredParams()).containsExactly("p_new");
    assertThat(r.fields()).containsEntry("unit", "***");
    Record masked =
        daily
            .parse(envelope("dailyPriceByCategoryList", "{\"p_cert_key\":\"***\"}", "001", "{}"))
            .get(0);
    assertThat(masked.credentialsFound()).isFalse();

    String broken = text.substring(0, text.length() - 5) + "&p_cert_key=REALSECRET123&x";
    Record q = daily.parse(broken).get(0);
    assertThat(q.kind()).isEqualTo(Kind.BAD_ENVELOPE);
    assertThat(q.raw())
        .doesNotContain("REALSECRET123")
        .doesNotContain("me@example.org")
        .doesNotContain("configured-secret")
        .contains("\"p_cert_key\":\"***\"");
  }

  @Test
  void slotNamesGiveTheDayTheyBelongTo() {
    assertThat(LandingSlots.slotDay("2024-10-31", false)).contains(LocalDate.of(2024, 10, 31));
    assertThat(LandingSlots.slotDay("2024-10-28_2024-10-31", true))
        .contains(LocalDate.of(2024, 10, 28));
    assertThat(LandingSlots.slotDay("2024-10-31_2024-10-28", true)).isEmpty();
    assertThat(LandingSlots.slotDay("latest", false)).isEmpty();
  }
}
