package dev.lakehouse.jobs.olist.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * When orders are placed: 2016-09-04 to 2018-10-17, with the real monthly growth (a trickle in late
 * 2016, steady growth through 2017, a plateau in 2018 and almost nothing after August 2018), a
 * Black Friday spike on 2017-11-24, fewer orders on weekends and few at night.
 *
 * <p>Times are epoch seconds read as Brazilian local time without a zone, like the source.
 */
final class PurchaseCalendar {
  static final long SECONDS_PER_DAY = 86_400L;

  private static final LocalDate FIRST_DAY = LocalDate.of(2016, 9, 4);
  private static final LocalDate LAST_DAY = LocalDate.of(2018, 10, 17);
  private static final LocalDate BLACK_FRIDAY = LocalDate.of(2017, 11, 24);

  /** Orders per month in the real data, 2016-09 .. 2018-10 (Nov 2017 without its spike). */
  private static final double[] MONTHLY = {
    4, 324, 0, 1, 800, 1780, 2682, 2404, 3700, 3245, 4026, 4331, 4285, 4631, 5900, 5673, 7269, 6728,
    7211, 6939, 6873, 6167, 6292, 6512, 16, 4
  };

  private static final double[] WEEKDAY_HOURS = {
    3, 1.5, 0.7, 0.4, 0.3, 0.3, 0.7, 1.7, 4, 6, 8, 8.2, 7.5, 8.2, 8.3, 8, 8.2, 7.6, 7.3, 7.6, 8, 8,
    7.7, 6
  };

  private final long firstEpochDay;
  private final WeightedPicker dayPicker;
  private final WeightedPicker weekdayHour = new WeightedPicker(WEEKDAY_HOURS);
  private final WeightedPicker weekendHour = new WeightedPicker(weekendHours());

  PurchaseCalendar() {
    firstEpochDay = FIRST_DAY.toEpochDay();
    int days = (int) (LAST_DAY.toEpochDay() - firstEpochDay + 1);
    double[] weights = new double[days];
    for (int d = 0; d < days; d++) {
      LocalDate date = FIRST_DAY.plusDays(d);
      int month = (date.getYear() - 2016) * 12 + date.getMonthValue() - 9;
      double weight = MONTHLY[month] / date.lengthOfMonth();
      DayOfWeek dow = date.getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        weight *= 0.8;
      }
      long fromBlackFriday = date.toEpochDay() - BLACK_FRIDAY.toEpochDay();
      if (fromBlackFriday == 0) {
        weight *= 6;
      } else if (fromBlackFriday > 0 && fromBlackFriday <= 3) {
        weight *= 2;
      }
      weights[d] = weight;
    }
    dayPicker = new WeightedPicker(weights);
  }

  /** A purchase time in epoch seconds. */
  long samplePurchase(Rng rng) {
    long day = firstEpochDay + dayPicker.pick(rng);
    DayOfWeek dow = LocalDate.ofEpochDay(day).getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    int hour = (weekend ? weekendHour : weekdayHour).pick(rng);
    return day * SECONDS_PER_DAY + hour * 3600L + rng.nextInt(3600);
  }

  /** Midnight of the day of {@code epochSecond}. */
  static long startOfDay(long epochSecond) {
    return Math.floorDiv(epochSecond, SECONDS_PER_DAY) * SECONDS_PER_DAY;
  }

  /** Weekend nights are quieter still: people are out, not shopping. */
  private static double[] weekendHours() {
    double[] hours = WEEKDAY_HOURS.clone();
    for (int h = 0; h < 8; h++) {
      hours[h] *= 0.6;
    }
    return hours;
  }
}
