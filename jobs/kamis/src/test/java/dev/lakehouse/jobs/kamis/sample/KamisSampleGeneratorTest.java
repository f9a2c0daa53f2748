package dev.lakehouse.jobs.kamis.sample;

import static dev.lakehouse.jobs.kamis.KamisFixtures.SAT;
import static dev.lakehouse.jobs.kamis.KamisFixtures.THU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.jobs.kamis.KamisFixtures;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.api.KamisPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes every shape KAMIS answers in, the same bytes for the same seed. */
class KamisSampleGeneratorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KamisSettings WHAT = KamisFixtures.kamis("http://unused/x", "", "");
  @TempDir static Path out;
  static KamisSampleGenerator.Summary summary;

  @BeforeAll
  static void generate() {
    summary = new KamisSampleGenerator(42).writeTo(out, WHAT, THU, SAT, line -> {});
  }

  static Map<String, String> contents(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      Map<String, String> m = new TreeMap<>();
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readString(p));
      }
      return m;
    }
  }

  static JsonNode read(String relative) throws Exception {
    return JSON.readTree(out.resolve(relative).toFile());
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherPrices(@TempDir Path again, @TempDir Path other)
      throws Exception {
    new KamisSampleGenerator(42).writeTo(again, WHAT, THU, SAT, line -> {});
    new KamisSampleGenerator(43).writeTo(other, WHAT, THU, SAT, line -> {});
    Map<String, String> first = contents(out);
    assertThat(first).hasSize(summary.files());
    assertThat(contents(again)).isEqualTo(first);
    Map<String, String> third = contents(other);
    assertThat(third.keySet()).isEqualTo(first.keySet());
    assertThat(third).isNotEqualTo(first);
  }

  @Test
  void aPriceIsTheSameWhereverItAppears() throws Exception {
    // Friday's "1일전" is Thursday's "당일".
    JsonNode thu = read("dailyPriceByCategoryList/2024-10-31/cls01-cat200-region1101.json");
    JsonNode fri = read("dailyPriceByCategoryList/2024-11-01/cls01-cat200-region1101.json");
    JsonNode t = thu.get("data").get("item").get(0);
    JsonNode f = fri.get("data").get("item").get(0);
    assertThat(f.get("day2").asText()).isEqualTo("1일전");
    assertThat(f.get("dpr2").asText()).isEqualTo(t.get("dpr1").asText());
  }

  @Test
  void dailyPriceByCategoryHasTheRealLabelsAndQuirks() throws Exception {
    JsonNode body = read("dailyPriceByCategoryList/2024-10-31/cls01-cat200-national.json");
    List<JsonNode> rows = KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, body);
    JsonNode first = rows.get(0);
    assertThat(
            List.of("day1", "day2", "day3", "day4", "day5", "day6", "day7").stream()
                .map(d -> first.get(d).asText()))
        .containsExactly("당일 (10/31)", "1일전", "1주일전", "2주일전", "1개월전", "1년전", "일평년");
    String text = body.toString();
    assertThat(text).contains("\"dpr4\":\"-\"", "\"dpr5\":\"\"", "\"dpr6\":[]");
    // Prices: comma-grouped from 1,000, plain below.
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.get("dpr1").asText()).matches("\\d{1,3}(,\\d{3})*"));
    JsonNode grains =
        new KamisSampleGenerator(42)
            .answer(
                dev.lakehouse.jobs.kamis.api.KamisRequest.dailyPriceByCategory(
                    THU, "01", "100", "", false));
    List<JsonNode> grainRows = KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, grains);
    JsonNode rice = grainRows.get(0);
    assertThat(rice.get("item_name").asText()).isEqualTo("쌀");
    assertThat(rice.get("dpr1").asText()).matches("\\d{2},\\d{3}");
    JsonNode potato =
        grainRows.stream()
            .filter(r -> r.get("item_code").asText().equals("152"))
            .findFirst()
            .orElseThrow();
    assertThat(potato.get("dpr1").asText()).matches("\\d{3}");
    assertThat(potato.get("kind_code").asText()).isEqualTo("01");
  }

  @Test
  void livestockFisheryAndWeekends() throws Exception {
    JsonNode beef = read("dailyPriceByCategoryList/2024-10-31/cls01-cat500-national.json");
    List<JsonNode> rows = KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, beef);
    assertThat(rows.stream().map(r -> r.get("rank").asText())).contains("1++등급", "1+등급", "1등급");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("dpr7").asText()).isEqualTo("-"));
    JsonNode fish = read("dailyPriceByCategoryList/2024-10-31/cls02-cat600-region1101.json");
    assertThat(
            KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, fish).stream()
                .map(r -> r.get("rank_code").asText() + r.get("rank").asText()))
        .contains("20大", "21中", "22小");
    JsonNode saturday = read("dailyPriceByCategoryList/2024-11-02/cls01-cat200-national.json");
    assertThat(KamisPayload.resultCode(saturday)).contains("001");
    assertThat(saturday.get("data").isArray()).isTrue();
    JsonNode ecoSaturday = read("EcoPriceList/2024-11-02/item211-kind01-rank07-national.json");
    assertThat(KamisPayload.resultCode(ecoSaturday)).contains("001");
  }

  @Test
  void dailySalesRowsCarryVaryingLatestDays() throws Exception {
    JsonNode body = read("dailySalesList/2024-11-01/latest.json");
    assertThat(body.get("condition").toString()).isEqualTo("[[\"20241101\"]]");
    assertThat(body.get("error_code").asText()).isEqualTo("000");
    List<JsonNode> rows = KamisPayload.rows(KamisAction.DAILY_SALES, body);
    assertThat(rows.stream().map(r -> r.get("lastest_day").asText()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("2024-11-01", "2024-10-31");
    assertThat(rows.stream().map(r -> r.get("product_cls_code").asText()).distinct())
        .containsExactly("01", "02");
    JsonNode r = rows.get(0);
    assertThat(
            List.of(
                r.get("day1").asText(),
                r.get("day2").asText(),
                r.get("day3").asText(),
                r.get("day4").asText()))
        .containsExactly("당일", "1일전", "1개월전", "1년전");
    assertThat(r.get("productno").asText()).isNotEqualTo(r.get("item_name").asText());
    assertThat(r.get("direction").asText()).isIn("0", "1", "2");
  }

  @Test
  void periodAnswersLeadWithSummaryRows() throws Exception {
    JsonNode body =
        read("periodRetailProductList/2024-11-01_2024-11-02/item211-kind01-rank04-national.json");
    List<JsonNode> rows = KamisPayload.rows(KamisAction.PERIOD_RETAIL, body);
    // Friday only (Saturday has no survey): one 평균 and one 평년 row, then markets.
    assertThat(rows.get(0).get("countyname").asText()).isEqualTo("평균");
    assertThat(rows.get(0).get("itemname").isArray()).isTrue();
    assertThat(rows.get(1).get("countyname").asText()).isEqualTo("평년");
    assertThat(rows.subList(2, rows.size()))
        .allSatisfy(
            x -> {
              assertThat(x.get("marketname").asText()).contains("-");
              assertThat(x.get("yyyy").asText()).isEqualTo("2024");
              assertThat(x.get("regday").asText()).isEqualTo("11/01");
            });
    assertThat(body.toString()).contains("\"price\":\"-\"");
  }

  @Test
  void productInfoKeepsCodeListsAndEmptyArrays() throws Exception {
    JsonNode body = read("productInfo/2024-11-02/all.json");
    List<JsonNode> rows = KamisPayload.rows(KamisAction.PRODUCT_INFO, body);
    assertThat(rows)
        .anySatisfy(r -> assertThat(r.get("retail_productrankcode").asText()).isEqualTo("04,05"));
    assertThat(rows).anySatisfy(r -> assertThat(r.get("eco_unit").isArray()).isTrue());
    assertThat(rows).anySatisfy(r -> assertThat(r.get("kindcode").asText()).isEqualTo("00"));
  }
}
