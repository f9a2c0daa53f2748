package dev.lakehouse.jobs.kamis.api;

import static dev.lakehouse.jobs.kamis.KamisFixtures.FRI;
import static dev.lakehouse.jobs.kamis.KamisFixtures.ID;
import static dev.lakehouse.jobs.kamis.KamisFixtures.KEY;
import static dev.lakehouse.jobs.kamis.KamisFixtures.SAT;
import static dev.lakehouse.jobs.kamis.KamisFixtures.THU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.config.LakehouseSettings.KamisItem;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.jobs.kamis.KamisFixtures;
import dev.lakehouse.jobs.kamis.sample.FakeKamisServer;
import dev.lakehouse.jobs.kamis.sample.KamisSampleGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the fake server: every action, every result code, every fault. */
class KamisClientTest {
  @TempDir static Path samples;
  FakeKamisServer server;
  List<String> notices;

  static final KamisItem CABBAGE = new KamisItem("200", "211", "01", "04");
  static final KamisItem ECO_CABBAGE = new KamisItem("200", "211", "01", "07");

  @BeforeAll
  static void generate() {
    new KamisSampleGenerator(7)
        .writeTo(samples, KamisFixtures.kamis("http://unused/x", "", ""), THU, SAT, line -> {});
  }

  @BeforeEach
  void start() {
    server = FakeKamisServer.start(samples, KEY, ID);
    notices = new ArrayList<>();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  KamisClient client() {
    return client(KamisFixtures.kamis(server.baseUrl(), KEY, ID));
  }

  KamisClient client(KamisSettings s) {
    return new KamisClient(s, notices::add);
  }

  static KamisRequest category(String cls, String category, String region) {
    return KamisRequest.dailyPriceByCategory(THU, cls, category, region, false);
  }

  @Test
  void dailyPriceByCategoryIsParsedWithLabelsAndCodes() {
    KamisResponse r = client().fetch(category("01", "200", "1101"));
    assertThat(r.resultCode()).isEqualTo("000");
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.attempts()).isEqualTo(1);
    List<JsonNode> rows = KamisPayload.rows(KamisAction.DAILY_PRICE_BY_CATEGORY, r.body());
    assertThat(rows).hasSize(r.rows()).hasSizeGreaterThan(3);
    JsonNode cabbage =
        rows.stream()
            .filter(n -> n.get("item_code").asText().equals("211"))
            .findFirst()
            .orElseThrow();
    assertThat(cabbage.get("kind_code").asText()).isEqualTo("01");
    assertThat(cabbage.get("rank_code").asText()).isEqualTo("04");
    assertThat(cabbage.get("day1").asText()).isEqualTo("당일 (10/31)");
    assertThat(cabbage.get("day7").asText()).isEqualTo("일평년");
    assertThat(cabbage.get("dpr1").asText()).matches("\\d{1,3}(,\\d{3})+");
    // The echo is scrubbed but keeps its keys.
    JsonNode condition = r.body().get("condition").get(0);
    assertThat(condition.get("p_cert_key").asText()).isEqualTo("***");
    assertThat(condition.get("p_cert_id").asText()).isEqualTo("***");
    assertThat(condition.get("p_item_category_code").asText()).isEqualTo("200");
    assertThat(r.url())
        .contains("p_cert_key=***", "p_cert_id=***", "action=dailyPriceByCategoryList");
    assertThat(r.body().toString() + r.url()).doesNotContain(KEY, ID, "tester%2Bid");
  }

  @Test
  void everyOtherActionIsParsed() {
    KamisClient c = client();
    KamisResponse sales = c.fetch(KamisRequest.dailySales(SAT));
    List<JsonNode> salesRows = KamisPayload.rows(KamisAction.DAILY_SALES, sales.body());
    assertThat(salesRows).isNotEmpty();
    // Saturday asked: the latest survey day is Friday, fishery rows lag a day.
    assertThat(salesRows.stream().map(n -> n.get("lastest_day").asText()).distinct())
        .containsExactlyInAnyOrder("2024-11-01", "2024-10-31");
    assertThat(salesRows.get(0).get("day1").asText()).isEqualTo("당일");

    KamisResponse retail =
        c.fetch(KamisRequest.period(KamisAction.PERIOD_RETAIL, FRI, SAT, CABBAGE, "", false));
    List<JsonNode> periodRows = KamisPayload.rows(KamisAction.PERIOD_RETAIL, retail.body());
    assertThat(periodRows.get(0).get("countyname").asText()).isEqualTo("평균");
    assertThat(periodRows.get(1).get("countyname").asText()).isEqualTo("평년");
    assertThat(periodRows.get(2).get("marketname").asText()).contains("-");
    assertThat(periodRows.get(2).get("regday").asText()).isEqualTo("11/01");

    KamisResponse wholesale =
        c.fetch(
            KamisRequest.period(KamisAction.PERIOD_WHOLESALE, THU, THU, CABBAGE, "1101", false));
    assertThat(wholesale.rows()).isGreaterThan(2);

    KamisResponse eco = c.fetch(KamisRequest.eco(THU, ECO_CABBAGE, "", false));
    List<JsonNode> ecoRows = KamisPayload.rows(KamisAction.ECO_PRICE, eco.body());
    assertThat(ecoRows.get(0).get("countyname").asText()).isEqualTo("평균");
    assertThat(ecoRows.get(0).get("regday").asText()).isEqualTo("2024-10-31");

    KamisResponse info = c.fetch(KamisRequest.productInfo(SAT));
    List<JsonNode> infoRows = KamisPayload.rows(KamisAction.PRODUCT_INFO, info.body());
    assertThat(infoRows)
        .anySatisfy(n -> assertThat(n.get("retail_productrankcode").asText()).isEqualTo("04,05"));
    assertThat(server.requestCount()).isEqualTo(5);
  }

  @Test
  void everyEmptyValueFormArrivesAsReceived() {
    KamisClient c = client();
    String category = c.fetch(category("01", "200", "")).body().toString();
    assertThat(category).contains("\"dpr4\":\"-\"", "\"dpr5\":\"\"", "\"dpr6\":[]");
    String eco = c.fetch(KamisRequest.eco(THU, ECO_CABBAGE, "", false)).body().toString();
    assertThat(eco)
        .contains("\"marketname\":null", "\"price\":\"-\"", "\"unit\":\"\"", "\"marketname\":[]");
    String livestock = c.fetch(category("01", "500", "")).body().toString();
    assertThat(livestock).contains("\"dpr7\":\"-\"", "1++등급");
    String fishery = c.fetch(category("01", "600", "")).body().toString();
    assertThat(fishery).contains("\"rank\":\"大\"", "\"rank_code\":\"20\"");
  }

  @Test
  void noDataIsAnEmptyResultNotAnError() {
    KamisResponse r =
        client().fetch(KamisRequest.dailyPriceByCategory(SAT, "01", "200", "", false));
    assertThat(r.resultCode()).isEqualTo("001");
    assertThat(r.empty()).isTrue();
    assertThat(r.rows()).isZero();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void wrongCredentialsFailAtOnceNamingTheSettings() {
    KamisClient c = client(KamisFixtures.kamis(server.baseUrl(), "wrong-key-123456", ID));
    assertThatThrownBy(() -> c.fetch(category("01", "200", "")))
        .isInstanceOfSatisfying(
            LakehouseException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SOURCE_REFUSED))
        .hasMessageContaining("900")
        .hasMessageContaining("KAMIS_CERT_KEY")
        .hasMessageContaining("KAMIS_CERT_ID")
        .hasMessageContaining("dailyPriceByCategoryList for day 2024-10-31")
        .hasMessageNotContaining("wrong-key-123456");
    // dailySalesList puts the code at the top level.
    assertThatThrownBy(() -> c.fetch(KamisRequest.dailySales(THU)))
        .isInstanceOfSatisfying(
            LakehouseException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SOURCE_REFUSED))
        .hasMessageContaining("KAMIS_CERT_KEY");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void wrongParametersFailAtOnceNamingTheRequest() {
    KamisRequest bad = KamisRequest.dailyPriceByCategory(THU, "01", "700", "1101", false);
    assertThatThrownBy(() -> client().fetch(bad))
        .isInstanceOfSatisfying(
            LakehouseException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SOURCE_REFUSED))
        .hasMessageContaining("result code 200")
        .hasMessageContaining("dailyPriceByCategoryList for day 2024-10-31")
        .hasMessageContaining("p_item_category_code=700")
        .hasMessageContaining("p_cert_key=***")
        .hasMessageNotContaining(KEY);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void anHtmlPageIsAClearErrorNamingActionDayAndBaseUrl() {
    String wrongPath = server.baseUrl().replace("/service/price/xml.do", "/service/price/wrong.do");
    KamisClient c = client(KamisFixtures.kamis(wrongPath, KEY, ID));
    assertThatThrownBy(() -> c.fetch(category("02", "200", "")))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessageContaining("HTML")
        .hasMessageContaining("dailyPriceByCategoryList for day 2024-10-31")
        .hasMessageContaining("KAMIS_BASE_URL")
        .hasMessageContaining(wrongPath);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aTruncatedBodyIsRetriedThenReportedClearly() {
    server.truncateNext(1);
    KamisResponse r = client().fetch(category("01", "200", ""));
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(server.requestCount()).isEqualTo(2);

    server.truncateNext(100);
    KamisClient c =
        client(KamisFixtures.kamis(server.baseUrl(), KEY, ID, 1000, Duration.ofSeconds(5), 2));
    assertThatThrownBy(() -> c.fetch(category("01", "200", "")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("not complete JSON")
        .hasMessageContaining("dailyPriceByCategoryList for day 2024-10-31");
    assertThat(server.requestCount()).isEqualTo(2 + 3);
  }

  @Test
  void aTimeoutIsRetried() {
    KamisClient c =
        client(KamisFixtures.kamis(server.baseUrl(), KEY, ID, 1000, Duration.ofMillis(300), 3));
    server.delayNext(1, Duration.ofSeconds(3));
    KamisResponse r = c.fetch(category("01", "200", ""));
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(notices).singleElement().asString().contains("retry 1/3").contains("300 ms");
  }

  @Test
  void persistentTimeoutsEndInAClearError() {
    KamisClient c =
        client(KamisFixtures.kamis(server.baseUrl(), KEY, ID, 1000, Duration.ofMillis(200), 1));
    server.delayNext(2, Duration.ofSeconds(2));
    assertThatThrownBy(() -> c.fetch(category("01", "200", "")))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessageContaining("after 2 attempts")
        .hasMessageContaining("dailyPriceByCategoryList for day 2024-10-31")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void serverErrorsAreRetriedUntilSuccess() {
    server.failNext(2, 500);
    KamisResponse r = client().fetch(category("01", "200", ""));
    assertThat(r.resultCode()).isEqualTo("000");
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("HTTP 500"));
  }

  @Test
  void clientErrorsOtherThan429AreNotRetried() {
    server.failNext(1, 403);
    assertThatThrownBy(() -> client().fetch(category("01", "200", "")))
        .isInstanceOfSatisfying(
            LakehouseException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SOURCE_REFUSED))
        .hasMessageContaining("HTTP 403");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() {
    // The backoff is at most 20 ms here, so a gap of a second can only come from Retry-After.
    server.rateLimitNext(1, 1);
    KamisResponse r = client().fetch(category("01", "200", ""));
    assertThat(r.attempts()).isEqualTo(2);
    List<Long> at = server.requestNanos();
    assertThat(at).hasSize(2);
    assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("HTTP 429")
        .contains("Retry-After 1000 ms");
  }

  @Test
  void theRequestRateNeverExceedsThePermits() {
    double rate = 40;
    long interval = (long) (1e9 / rate);
    KamisClient c =
        client(KamisFixtures.kamis(server.baseUrl(), KEY, ID, rate, Duration.ofSeconds(5), 0));
    long start = System.nanoTime();
    int n = 20;
    for (int i = 0; i < n; i++) {
      c.fetch(category("01", "200", ""));
    }
    List<Long> at = server.requestNanos();
    assertThat(at).hasSize(n);
    // A smooth limiter hands out the k-th permit no sooner than k intervals after the first:
    // lower bounds only, so a slow machine cannot make this fail.
    for (int k = 0; k < n; k++) {
      assertThat(at.get(k) - start)
          .as("request %d", k)
          .isGreaterThanOrEqualTo(k * interval - 1_000_000);
    }
  }

  @Test
  void parseRetryAfterTakesSecondsAndDates() {
    assertThat(KamisClient.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(KamisClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .contains(Duration.ZERO);
    assertThat(KamisClient.parseRetryAfter("999999")).contains(KamisClient.MAX_RETRY_AFTER);
    assertThat(KamisClient.parseRetryAfter("soon")).isEmpty();
  }
}
