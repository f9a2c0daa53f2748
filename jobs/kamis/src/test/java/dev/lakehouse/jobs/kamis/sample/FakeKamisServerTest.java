package dev.lakehouse.jobs.kamis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake answers like KAMIS at the HTTP level, for whatever client calls it. */
class FakeKamisServerTest {
  @TempDir Path dir;
  FakeKamisServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = FakeKamisServer.start(dir, "the-key", "the-id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "?" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String query) throws Exception {
    HttpResponse<String> r = get(query);
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  static final String DAILY =
      "action=dailyPriceByCategoryList&p_product_cls_code=01&p_item_category_code=200"
          + "&p_country_code=&p_regday=2024-10-31&p_convert_kg_yn=N&p_returntype=json";

  @Test
  void echoesCredentialsAndAnswers001WithoutData() throws Exception {
    JsonNode r = json(DAILY + "&p_cert_key=the-key&p_cert_id=the-id");
    assertThat(r.get("data").toString()).isEqualTo("[\"001\"]");
    assertThat(r.get("condition").get(0).get("p_cert_key").asText()).isEqualTo("the-key");
    assertThat(r.get("condition").get(0).get("p_regday").asText()).isEqualTo("2024-10-31");
  }

  @Test
  void wrongCredentialsGet900InEachShape() throws Exception {
    assertThat(json(DAILY + "&p_cert_key=nope&p_cert_id=the-id").get("data").toString())
        .isEqualTo("[\"900\"]");
    JsonNode sales = json("action=dailySalesList&p_cert_key=the-key&p_cert_id=x&p_returntype=json");
    assertThat(sales.get("error_code").asText()).isEqualTo("900");
    assertThat(sales.has("data")).isFalse();
  }

  @Test
  void wrongParametersGet200() throws Exception {
    String ok = "&p_cert_key=the-key&p_cert_id=the-id";
    // The parameter name of another action.
    assertThat(
            json(DAILY.replace("p_product_cls_code", "p_productclscode") + ok)
                .get("data")
                .get(0)
                .asText())
        .isEqualTo("200");
    assertThat(json(DAILY.replace("2024-10-31", "31.10.2024") + ok).get("data").get(0).asText())
        .isEqualTo("200");
    assertThat(
            json(DAILY.replace("p_item_category_code=200", "p_item_category_code=900") + ok)
                .get("data")
                .get(0)
                .asText())
        .isEqualTo("200");
    // yyyyMMdd is accepted, as by KAMIS.
    assertThat(json(DAILY.replace("2024-10-31", "20241031") + ok).get("data").get(0).asText())
        .isEqualTo("001");
  }

  @Test
  void unknownActionsAndPathsGetAnHtmlPage() throws Exception {
    HttpResponse<String> r = get("action=noSuchList&p_cert_key=the-key&p_cert_id=the-id");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r.body()).startsWith("<!DOCTYPE html>");
    HttpResponse<String> path =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl().replace("xml.do", "other.do")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(path.body()).contains("<html");
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(server.requestedActions()).containsExactly("noSuchList", "");
  }

  @Test
  void faultsHappenTheGivenNumberOfTimes() throws Exception {
    server.failNext(2, 502);
    server.rateLimitNext(1, 7);
    assertThat(get(DAILY).statusCode()).isEqualTo(502);
    assertThat(get(DAILY).statusCode()).isEqualTo(502);
    HttpResponse<String> limited = get(DAILY);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("7");
    server.truncateNext(1);
    String cut = get(DAILY + "&p_cert_key=the-key&p_cert_id=the-id").body();
    String whole = get(DAILY + "&p_cert_key=the-key&p_cert_id=the-id").body();
    assertThat(whole).startsWith(cut).hasSizeGreaterThan(cut.length());
    assertThat(server.requestCount()).isEqualTo(5);
  }
}
