package dev.lakehouse.jobs.kamis;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.LakehouseSettings.KamisItem;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Small KAMIS settings for tests: a few categories and regions, tiny retry delays. */
public final class KamisFixtures {
  /** Credentials the fake server accepts; the second has characters URLs must encode. */
  public static final String KEY = "test-cert-key-7f3a9c";

  public static final String ID = "tester+id/42";

  /** Thursday, a survey day. */
  public static final LocalDate THU = LocalDate.of(2024, 10, 31);

  /** Friday, the first of a month. */
  public static final LocalDate FRI = LocalDate.of(2024, 11, 1);

  /** Saturday: KAMIS has no survey, daily actions answer 001. */
  public static final LocalDate SAT = LocalDate.of(2024, 11, 2);

  private KamisFixtures() {}

  /** What to fetch in tests, against {@code baseUrl}, with these credentials. */
  public static KamisSettings kamis(String baseUrl, String key, String id) {
    return kamis(baseUrl, key, id, 1000, Duration.ofSeconds(5), 3);
  }

  public static KamisSettings kamis(
      String baseUrl, String key, String id, double rate, Duration timeout, int retries) {
    return new KamisSettings(
        baseUrl,
        key,
        id,
        rate,
        timeout,
        retries,
        Duration.ofMillis(2),
        Duration.ofMillis(20),
        0.25,
        List.of("01", "02"),
        List.of("200", "500", "600"),
        List.of("", "1101"),
        List.of(new KamisItem("200", "211", "01", "04")),
        List.of(new KamisItem("200", "211", "01", "07")),
        false);
  }

  /** Lakehouse settings on {@code root} with these KAMIS settings. */
  public static LakehouseSettings settings(Path root, KamisSettings kamis) {
    LakehouseSettings s = TestSpark.settings(root);
    return new LakehouseSettings(
        s.env(), s.root(), s.spark(), s.s3(), s.lineage(), kamis, s.alert(), s.quality());
  }
}
