package dev.lakehouse.jobs.kamis.landing;

import dev.lakehouse.common.config.LakehouseSettings.KamisItem;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.api.KamisRequest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to fetch for a day range, from the settings ({@code lakehouse.kamis}): the slots of the
 * landing layout, each with its requests.
 *
 * <ul>
 *   <li>{@code dailyPriceByCategoryList}: a slot per day; a request per product class, category and
 *       region (wholesale only in the wholesale regions and nationally).
 *   <li>{@code EcoPriceList}: a slot per day; a request per eco item and region.
 *   <li>{@code periodRetailProductList}, {@code periodWholesaleProductList}: a slot per
 *       calendar-month chunk of the range; a request per period item and region.
 *   <li>{@code productInfo} and {@code dailySalesList}: they take no day, so one slot named after
 *       the last day of the range. dailySalesList answers for KAMIS's latest day, whatever was
 *       asked; its rows carry that day in {@code lastest_day}.
 * </ul>
 */
public final class KamisFetchPlan {
  /** Regions that have wholesale prices (kamis.md); "" is the national average. */
  public static final Set<String> WHOLESALE_REGIONS =
      Set.of("", "1101", "2100", "2200", "2401", "2501");

  /** One landing slot and the requests that fill it. */
  public record Slot(
      KamisAction action,
      String name,
      LocalDate day,
      LocalDate endDay,
      List<KamisRequest> requests) {
    public Slot {
      requests = List.copyOf(requests);
    }
  }

  private final KamisSettings settings;

  private KamisFetchPlan(KamisSettings settings) {
    this.settings = settings;
  }

  public static KamisFetchPlan from(KamisSettings settings) {
    return new KamisFetchPlan(settings);
  }

  /** Every slot of [from, to]: the code table first, then day by day, then periods. */
  public List<Slot> slots(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    List<Slot> slots = new ArrayList<>();
    slots.add(
        new Slot(
            KamisAction.PRODUCT_INFO,
            to.toString(),
            to,
            null,
            List.of(KamisRequest.productInfo(to))));
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      slots.add(
          new Slot(
              KamisAction.DAILY_PRICE_BY_CATEGORY,
              day.toString(),
              day,
              null,
              dailyByCategory(day)));
      List<KamisRequest> eco = eco(day);
      if (!eco.isEmpty()) {
        slots.add(new Slot(KamisAction.ECO_PRICE, day.toString(), day, null, eco));
      }
    }
    for (LocalDate[] chunk : monthChunks(from, to)) {
      for (KamisAction action : List.of(KamisAction.PERIOD_RETAIL, KamisAction.PERIOD_WHOLESALE)) {
        List<KamisRequest> rs = period(action, chunk[0], chunk[1]);
        if (!rs.isEmpty()) {
          slots.add(
              new Slot(
                  action, KamisRequest.periodSlot(chunk[0], chunk[1]), chunk[0], chunk[1], rs));
        }
      }
    }
    slots.add(
        new Slot(
            KamisAction.DAILY_SALES,
            to.toString(),
            to,
            null,
            List.of(KamisRequest.dailySales(to))));
    return slots;
  }

  /** The dailyPriceByCategoryList requests of one day. */
  public List<KamisRequest> dailyByCategory(LocalDate day) {
    List<KamisRequest> rs = new ArrayList<>();
    for (String cls : settings.productClasses()) {
      for (String category : settings.categories()) {
        for (String region : regions(cls.equals("02"))) {
          rs.add(
              KamisRequest.dailyPriceByCategory(day, cls, category, region, settings.convertKg()));
        }
      }
    }
    return rs;
  }

  /** The EcoPriceList requests of one day. */
  public List<KamisRequest> eco(LocalDate day) {
    List<KamisRequest> rs = new ArrayList<>();
    for (KamisItem item : settings.ecoItems()) {
      for (String region : settings.regions()) {
        rs.add(KamisRequest.eco(day, item, region, settings.convertKg()));
      }
    }
    return rs;
  }

  /** The requests of one period action over [start, end]. */
  public List<KamisRequest> period(KamisAction action, LocalDate start, LocalDate end) {
    List<KamisRequest> rs = new ArrayList<>();
    for (KamisItem item : settings.periodItems()) {
      for (String region : regions(action == KamisAction.PERIOD_WHOLESALE)) {
        rs.add(KamisRequest.period(action, start, end, item, region, settings.convertKg()));
      }
    }
    return rs;
  }

  private List<String> regions(boolean wholesale) {
    return wholesale
        ? settings.regions().stream().filter(WHOLESALE_REGIONS::contains).toList()
        : settings.regions();
  }

  /**
   * [from, to] cut at month boundaries: 2024-09-20..2024-11-05 gives 09-20..09-30, 10-01..10-31,
   * 11-01..11-05. Period answers stay small, and a month once landed is not fetched again.
   */
  public static List<LocalDate[]> monthChunks(LocalDate from, LocalDate to) {
    List<LocalDate[]> chunks = new ArrayList<>();
    LocalDate start = from;
    while (!start.isAfter(to)) {
      LocalDate monthEnd = YearMonth.from(start).atEndOfMonth();
      LocalDate end = monthEnd.isBefore(to) ? monthEnd : to;
      chunks.add(new LocalDate[] {start, end});
      start = end.plusDays(1);
    }
    return chunks;
  }
}
