package dev.lakehouse.jobs.kamis.landing;

import static dev.lakehouse.jobs.kamis.KamisFixtures.FRI;
import static dev.lakehouse.jobs.kamis.KamisFixtures.ID;
import static dev.lakehouse.jobs.kamis.KamisFixtures.KEY;
import static dev.lakehouse.jobs.kamis.KamisFixtures.SAT;
import static dev.lakehouse.jobs.kamis.KamisFixtures.THU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.jobs.kamis.KamisFixtures;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.sample.FakeKamisServer;
import dev.lakehouse.jobs.kamis.sample.KamisSampleGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching a day range into the landing layout of DESIGN.md, and resuming. */
class KamisFetcherTest {
  @TempDir static Path samples;
  @TempDir Path root;
  FakeKamisServer server;
  ByteArrayOutputStream log;
  Progress progress;

  @BeforeAll
  static void generate() {
    new KamisSampleGenerator(11)
        .writeTo(samples, KamisFixtures.kamis("http://unused/x", "", ""), THU, SAT, line -> {});
  }

  @BeforeEach
  void start() {
    server = FakeKamisServer.start(samples, KEY, ID);
    log = new ByteArrayOutputStream();
    progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  LakehouseSettings settings(KamisSettings k) {
    return KamisFixtures.settings(root, k);
  }

  LakehouseSettings settings() {
    return settings(KamisFixtures.kamis(server.baseUrl(), KEY, ID));
  }

  String landing() {
    return root.resolve("landing/kamis").toString();
  }

  static int plannedRequests(KamisSettings k, LocalDate from, LocalDate to) {
    return KamisFetchPlan.from(k).slots(from, to).stream().mapToInt(s -> s.requests().size()).sum();
  }

  @Test
  void aRangeLandsEverySlotWithItsEnvelopes() throws Exception {
    LakehouseSettings s = settings();
    FetchSummary sum =
        KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, SAT, progress);
    List<KamisFetchPlan.Slot> slots = KamisFetchPlan.from(s.kamis()).slots(THU, SAT);
    int planned = plannedRequests(s.kamis(), THU, SAT);
    assertThat(sum.slotsFetched()).isEqualTo(slots.size());
    assertThat(sum.slotsSkipped()).isZero();
    assertThat(sum.requests()).isEqualTo(planned).isEqualTo(server.requestCount());
    // Saturday: every dailyPriceByCategoryList and EcoPriceList request answers 001.
    int saturday =
        KamisFetchPlan.from(s.kamis()).dailyByCategory(SAT).size()
            + KamisFetchPlan.from(s.kamis()).eco(SAT).size();
    assertThat(sum.emptyResults()).isEqualTo(saturday);

    Path base = root.resolve("landing/kamis");
    assertThat(base.resolve("dailyPriceByCategoryList/2024-10-31/cls01-cat200-region1101.json"))
        .exists();
    assertThat(base.resolve("dailyPriceByCategoryList/2024-10-31/_SUCCESS")).exists();
    assertThat(
            base.resolve(
                "periodRetailProductList/2024-10-31_2024-10-31/item211-kind01-rank04-national.json"))
        .exists();
    assertThat(base.resolve("periodWholesaleProductList/2024-11-01_2024-11-02/_SUCCESS")).exists();
    assertThat(base.resolve("dailySalesList/2024-11-02/latest.json")).exists();
    assertThat(base.resolve("productInfo/2024-11-02/all.json")).exists();
    assertThat(base.resolve("EcoPriceList/2024-11-02/item211-kind01-rank07-national.json"))
        .exists();

    KamisLanding landing = new KamisLanding(new Configuration(), landing());
    assertThat(landing.completeSlots(KamisAction.DAILY_PRICE_BY_CATEGORY))
        .containsExactly("2024-10-31", "2024-11-01", "2024-11-02");
    KamisLanding.Envelope e =
        landing.read(KamisAction.DAILY_PRICE_BY_CATEGORY, "2024-10-31").stream()
            .filter(x -> x.params().get("p_country_code").equals("1101"))
            .filter(x -> x.params().get("p_product_cls_code").equals("02"))
            .filter(x -> x.params().get("p_item_category_code").equals("600"))
            .findFirst()
            .orElseThrow();
    assertThat(e.action()).isEqualTo("dailyPriceByCategoryList");
    assertThat(e.slot()).isEqualTo("2024-10-31");
    assertThat(e.day()).isEqualTo("2024-10-31");
    assertThat(e.endDay()).isNull();
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.resultCode()).isEqualTo("000");
    assertThat(e.url())
        .startsWith(server.baseUrl() + "?action=dailyPriceByCategoryList")
        .contains("p_cert_key=***");
    assertThat(e.fetchedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(e.response().get("data").get("item").get(0).get("rank").asText()).isEqualTo("大");
    assertThat(e.response().get("condition").get(0).get("p_cert_id").asText()).isEqualTo("***");

    KamisLanding.Envelope period =
        landing.read(KamisAction.PERIOD_RETAIL, "2024-11-01_2024-11-02").get(0);
    assertThat(period.day()).isEqualTo("2024-11-01");
    assertThat(period.endDay()).isEqualTo("2024-11-02");

    // One line per file: the envelope of DESIGN.md.
    String line = Files.readString(base.resolve("dailySalesList/2024-11-02/latest.json"));
    assertThat(line.strip())
        .doesNotContain("\n")
        .startsWith(
            "{\"action\":\"dailySalesList\",\"slot\":\"2024-11-02\",\"day\":\"2024-11-02\",\"end_day\":null,\"params\":{},\"url\":");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains(
            "KAMIS dailyPriceByCategoryList/2024-11-02: 12 requests, 0 rows, 12 without data (001)");
  }

  @Test
  void noCredentialAnywhereInLandingFilesOrOutput() throws Exception {
    server.failNext(1, 503);
    // Whatever the libraries print goes to the captured output too.
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      KamisFetcher.fetchRange(settings(), new Configuration(), landing(), THU, FRI, progress);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(KEY, ID, "tester%2Bid");
    List<byte[]> secrets =
        Stream.of(KEY, ID, URLEncoder.encode(ID, StandardCharsets.UTF_8))
            .map(x -> x.getBytes(StandardCharsets.UTF_8))
            .toList();
    int[] files = {0};
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files[0]++;
        byte[] bytes = Files.readAllBytes(p);
        for (byte[] secret : secrets) {
          assertThat(indexOf(bytes, secret)).as("%s holds a credential", p).isEqualTo(-1);
        }
      }
    }
    assertThat(files[0]).isGreaterThan(40);
    String out = log.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("retry 1/3").doesNotContain(KEY, ID, "tester%2Bid");
    // The server did echo the credentials: they were scrubbed, not absent.
    assertThat(
            Files.readString(
                root.resolve(
                    "landing/kamis/dailyPriceByCategoryList/2024-10-31/cls01-cat200-national.json")))
        .contains("\"p_cert_key\":\"***\"");
  }

  @Test
  void anInterruptedBackfillResumesWithTheMissingSlotsOnly() {
    KamisSettings k =
        KamisFixtures.kamis(server.baseUrl(), KEY, ID, 1000, Duration.ofSeconds(5), 0);
    LakehouseSettings s = settings(k);
    // The service goes down in the middle of the backfill.
    server.failFrom(30, 503);
    assertThatThrownBy(
            () -> KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, SAT, progress))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE))
        .hasMessageContaining("HTTP 503");
    KamisLanding landing = new KamisLanding(new Configuration(), landing());
    List<KamisFetchPlan.Slot> slots = KamisFetchPlan.from(k).slots(THU, SAT);
    List<KamisFetchPlan.Slot> done =
        slots.stream().filter(x -> landing.isComplete(x.action(), x.name())).toList();
    assertThat(done).isNotEmpty().hasSizeLessThan(slots.size());
    int landedBefore = done.stream().mapToInt(x -> x.requests().size()).sum();

    server.recover();
    int before = server.requestCount();
    FetchSummary sum =
        KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, SAT, progress);
    int planned = plannedRequests(k, THU, SAT);
    assertThat(server.requestCount() - before).isEqualTo(planned - landedBefore);
    assertThat(sum.slotsSkipped()).isEqualTo(done.size());
    assertThat(sum.slotsFetched()).isEqualTo(slots.size() - done.size());
    assertThat(sum.requests()).isEqualTo(planned - landedBefore);

    // A third run has nothing left to do.
    int again = server.requestCount();
    FetchSummary none =
        KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, SAT, progress);
    assertThat(server.requestCount()).isEqualTo(again);
    assertThat(none.slotsFetched()).isZero();
    assertThat(none.slotsSkipped()).isEqualTo(slots.size());
  }

  @Test
  void aDayNotPublishedYetStaysOpenAndIsAskedAgain() {
    KamisSettings k =
        KamisFixtures.kamis(server.baseUrl(), KEY, ID, 1000, Duration.ofSeconds(5), 0);
    LocalDate tomorrow = LocalDate.now(KamisFetcher.KAMIS_ZONE).plusDays(1);
    FetchSummary first =
        KamisFetcher.fetchRange(
            settings(k), new Configuration(), landing(), tomorrow, tomorrow, progress);
    assertThat(first.emptyResults()).isPositive();
    KamisLanding landing = new KamisLanding(new Configuration(), landing());
    assertThat(landing.isComplete(KamisAction.DAILY_PRICE_BY_CATEGORY, tomorrow.toString()))
        .isFalse();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("fetched again next run");

    int before = server.requestCount();
    KamisFetcher.fetchRange(
        settings(k), new Configuration(), landing(), tomorrow, tomorrow, progress);
    int daily = KamisFetchPlan.from(k).dailyByCategory(tomorrow).size();
    assertThat(server.requestCount() - before).isGreaterThanOrEqualTo(daily);
  }

  @Test
  void wrongCredentialsExit4AndLandNothingComplete() {
    LakehouseSettings s = settings(KamisFixtures.kamis(server.baseUrl(), "not-the-key", ID));
    assertThatThrownBy(
            () -> KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, THU, progress))
        .isInstanceOfSatisfying(
            LakehouseException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SOURCE_REFUSED))
        .hasMessageContaining("KAMIS_CERT_KEY");
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(
            new KamisLanding(new Configuration(), landing())
                .completeSlots(KamisAction.PRODUCT_INFO))
        .isEmpty();
  }

  @Test
  void theRealServiceWithoutCredentialsIsAConfigurationError() {
    LakehouseSettings s =
        settings(KamisFixtures.kamis("http://www.kamis.or.kr/service/price/xml.do", "", ""));
    assertThatThrownBy(
            () -> KamisFetcher.fetchRange(s, new Configuration(), landing(), THU, THU, progress))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("KAMIS_CERT_KEY")
        .hasMessageContaining("KAMIS_CERT_ID");
    assertThatThrownBy(
            () ->
                KamisFetcher.fetchRange(
                    settings(), new Configuration(), landing(), FRI, THU, progress))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void monthChunksCutAtMonthBoundaries() {
    assertThat(
            KamisFetchPlan.monthChunks(LocalDate.of(2024, 9, 20), LocalDate.of(2024, 11, 5))
                .stream()
                .map(c -> c[0] + "_" + c[1]))
        .containsExactly("2024-09-20_2024-09-30", "2024-10-01_2024-10-31", "2024-11-01_2024-11-05");
  }

  @Test
  void wholesaleAsksOnlyWholesaleRegions() {
    KamisSettings k =
        new KamisSettings(
            "http://x/y",
            "",
            "",
            10,
            Duration.ofSeconds(1),
            0,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            0,
            List.of("01", "02"),
            List.of("200"),
            List.of("", "1101", "3911"),
            List.of(),
            List.of(),
            false);
    assertThat(KamisFetchPlan.from(k).dailyByCategory(THU).stream().map(r -> r.key()))
        .containsExactly(
            "cls01-cat200-national",
            "cls01-cat200-region1101",
            "cls01-cat200-region3911",
            "cls02-cat200-national",
            "cls02-cat200-region1101");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
