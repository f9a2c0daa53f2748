package dev.lakehouse.jobs.kamis.landing;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.jobs.kamis.api.KamisClient;
import dev.lakehouse.jobs.kamis.api.KamisRequest;
import dev.lakehouse.jobs.kamis.api.KamisResponse;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Fetches a day range from KAMIS into the landing area, slot by slot (see {@link KamisFetchPlan}
 * and DESIGN.md). A slot already complete ({@code _SUCCESS}) is skipped, so a backfill that was
 * interrupted resumes where it stopped; an incomplete slot is cleared and fetched again.
 */
public final class KamisFetcher {
  /** KAMIS publishes by the Korean calendar day. */
  static final ZoneId KAMIS_ZONE = ZoneId.of("Asia/Seoul");

  private KamisFetcher() {}

  /**
   * Fetches every slot of [from, to] that is not complete yet.
   *
   * @param settings the lakehouse settings (lakehouse.kamis: endpoint, credentials, what to fetch)
   * @param hadoopConf the Hadoop configuration for the landing file system (s3a settings)
   * @param landingRoot the landing root, e.g. {@code <root>/landing/kamis}
   * @param from first day
   * @param to last day (inclusive)
   * @param progress one line per slot
   * @return what was fetched and skipped
   * @throws dev.lakehouse.common.error.LakehouseException exit 2 without credentials for the real
   *     service or for from after to; exit 4 when KAMIS refuses; exit 1 when it keeps failing
   */
  public static FetchSummary fetchRange(
      LakehouseSettings settings,
      Configuration hadoopConf,
      String landingRoot,
      LocalDate from,
      LocalDate to,
      Progress progress) {
    if (from.isAfter(to)) {
      throw Errors.usage("--from " + from + " is after --to " + to + "; give an ordered day range");
    }
    KamisSettings k = settings.kamis();
    if (!k.hasCredentials() && isRealService(k.baseUrl())) {
      throw Errors.kamisCredentialsMissing(k.baseUrl());
    }
    List<KamisFetchPlan.Slot> slots = KamisFetchPlan.from(k).slots(from, to);
    KamisLanding landing = new KamisLanding(hadoopConf, landingRoot);
    KamisClient client = new KamisClient(k, line -> progress.step("  " + line));
    progress.step(
        String.format(
            Locale.ROOT,
            "KAMIS %s to %s: %d slots, %s, at most %s requests/s",
            from,
            to,
            slots.size(),
            k.baseUrl(),
            k.requestsPerSecond()));
    int fetched = 0;
    int skipped = 0;
    int requests = 0;
    int empty = 0;
    for (KamisFetchPlan.Slot slot : slots) {
      String name = slot.action().apiName() + "/" + slot.name();
      if (landing.isComplete(slot.action(), slot.name())) {
        skipped++;
        progress.step("KAMIS " + name + ": already landed, skipped");
        continue;
      }
      landing.clearSlot(slot.action(), slot.name());
      int rows = 0;
      int slotEmpty = 0;
      for (KamisRequest request : slot.requests()) {
        KamisResponse response = client.fetch(request);
        landing.write(response, client.redaction());
        requests++;
        rows += response.rows();
        if (response.empty()) {
          slotEmpty++;
        }
      }
      LocalDate lastDay = slot.endDay() != null ? slot.endDay() : slot.day();
      if (slotEmpty == slot.requests().size()
          && !slot.requests().isEmpty()
          && !lastDay.isBefore(LocalDate.now(KAMIS_ZONE))) {
        // KAMIS answers 001 for a day it has not published yet: landing that as complete would
        // make today's prices unreachable, so the slot stays open and the next run asks again.
        fetched++;
        empty += slotEmpty;
        progress.step(
            "KAMIS " + name + ": no data yet for a day not over in Korea; fetched again next run");
        continue;
      }
      landing.markComplete(slot.action(), slot.name());
      fetched++;
      empty += slotEmpty;
      progress.step(
          String.format(
              Locale.ROOT,
              "KAMIS %s: %d requests, %d rows%s",
              name,
              slot.requests().size(),
              rows,
              slotEmpty == 0 ? "" : ", " + slotEmpty + " without data (001)"));
    }
    return new FetchSummary(fetched, skipped, requests, empty);
  }

  /** True for the real KAMIS service, which needs credentials. */
  static boolean isRealService(String baseUrl) {
    String host = URI.create(baseUrl).getHost();
    return host != null && (host.equals("kamis.or.kr") || host.endsWith(".kamis.or.kr"));
  }
}
