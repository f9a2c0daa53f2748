package dev.lakehouse.jobs.kamis.sample;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The items, kinds, ranks, regions and markets the sample generator draws from: a small slice of
 * KAMIS's real code tables, with plausible base prices in won. Codes keep their leading zeros.
 */
final class SampleCatalog {
  private SampleCatalog() {}

  /** A rank (grade) of a kind, and how its price relates to the best grade. */
  record Rank(String code, String name, double factor) {}

  /** One item kind, the unit prices are quoted in, and its retail base price. */
  record Kind(
      String category,
      String item,
      String itemName,
      String kind,
      String kindName,
      String unit,
      int basePrice,
      List<Rank> ranks) {

    /** The name dailySalesList shows: item and unit. */
    String productName() {
      return itemName + "/" + unit;
    }
  }

  static final Map<String, String> CATEGORIES = categories();

  private static final List<Rank> PRODUCE =
      List.of(new Rank("04", "상품", 1.0), new Rank("05", "중품", 0.84));
  private static final List<Rank> BEEF =
      List.of(
          new Rank("01", "1++등급", 1.0), new Rank("02", "1+등급", 0.86), new Rank("03", "1등급", 0.74));
  private static final List<Rank> GRADED = List.of(new Rank("03", "1등급", 1.0));
  private static final List<Rank> FISH =
      List.of(new Rank("20", "大", 1.0), new Rank("21", "中", 0.78), new Rank("22", "小", 0.6));

  /** Eco-friendly ranks of EcoPriceList. */
  static final List<Rank> ECO = List.of(new Rank("07", "유기농", 1.45), new Rank("08", "무농약", 1.3));

  static final List<Kind> KINDS =
      List.of(
          new Kind("100", "111", "쌀", "01", "20kg", "20kg", 54200, PRODUCE),
          new Kind("100", "112", "찹쌀", "01", "1kg", "1kg", 4480, PRODUCE),
          new Kind("100", "152", "감자", "01", "수미", "100g", 420, PRODUCE),
          new Kind("200", "211", "배추", "01", "봄(1포기)", "1포기", 3510, PRODUCE),
          new Kind("200", "214", "상추", "01", "청", "100g", 1090, PRODUCE),
          new Kind("200", "231", "무", "01", "봄(1개)", "1개", 2390, PRODUCE),
          new Kind("200", "245", "양파", "00", "양파(1kg)", "1kg", 2870, PRODUCE),
          new Kind("200", "246", "대파", "00", "대파(1kg)", "1kg", 3320, PRODUCE),
          new Kind("300", "312", "참깨", "01", "백색(국산)", "500g", 16900, PRODUCE),
          new Kind("300", "315", "땅콩", "01", "국산", "100g", 2710, PRODUCE),
          new Kind("400", "411", "사과", "05", "후지", "10개", 27300, PRODUCE),
          new Kind("400", "412", "배", "01", "신고", "10개", 36100, PRODUCE),
          new Kind("400", "414", "감귤", "01", "노지", "10개", 3790, PRODUCE),
          new Kind("500", "4301", "소", "21", "안심", "100g", 15980, BEEF),
          new Kind("500", "4304", "돼지", "27", "삼겹살", "100g", 2640, GRADED),
          new Kind("500", "9901", "닭", "99", "육계(kg)", "1kg", 6120, GRADED),
          new Kind("600", "611", "고등어", "01", "생선", "1마리", 3890, FISH),
          new Kind("600", "613", "갈치", "01", "생선", "1마리", 12400, FISH),
          new Kind("600", "638", "건멸치", "01", "건멸치", "100g", 2790, FISH));

  /** Retail region codes and names (kamis.md), in KAMIS's order. */
  static final Map<String, String> REGIONS = regions();

  /** Regions that period and eco answers list when asked nationally. */
  static final List<String> NATIONAL_SPREAD = List.of("1101", "2100", "2200", "2401", "2501");

  static final List<String> RETAIL_MARKETS = List.of("A-대형마트", "B-전통시장", "C-유통");
  static final List<String> WHOLESALE_MARKETS = List.of("A-도매시장", "B-도매시장");
  static final List<String> ECO_MARKETS = List.of("A-대형마트", "B-친환경매장");

  private static final Set<MonthDay> HOLIDAYS =
      Set.of(
          MonthDay.of(1, 1),
          MonthDay.of(3, 1),
          MonthDay.of(5, 5),
          MonthDay.of(6, 6),
          MonthDay.of(8, 15),
          MonthDay.of(10, 3),
          MonthDay.of(10, 9),
          MonthDay.of(12, 25));

  /** True when KAMIS surveys prices that day: not a weekend, not a fixed public holiday. */
  static boolean surveyDay(LocalDate day) {
    return day.getDayOfWeek().getValue() < 6 && !HOLIDAYS.contains(MonthDay.from(day));
  }

  /** The last survey day on or before {@code day}. */
  static LocalDate lastSurveyDay(LocalDate day) {
    LocalDate d = day;
    while (!surveyDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  static List<Kind> kinds(String category) {
    return KINDS.stream().filter(k -> k.category().equals(category)).toList();
  }

  /** The kind with these codes, or a made-up one for codes the catalog does not hold. */
  static Kind kind(String category, String item, String kind) {
    return KINDS.stream()
        .filter(k -> k.item().equals(item) && k.kind().equals(kind))
        .findFirst()
        .orElseGet(
            () -> new Kind(category, item, "품목" + item, kind, "품종" + kind, "1kg", 5000, PRODUCE));
  }

  static String regionName(String code) {
    return REGIONS.getOrDefault(code, "지역" + code);
  }

  private static Map<String, String> categories() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("100", "식량작물");
    m.put("200", "채소류");
    m.put("300", "특용작물");
    m.put("400", "과일류");
    m.put("500", "축산물");
    m.put("600", "수산물");
    return Map.copyOf(m);
  }

  private static Map<String, String> regions() {
    Map<String, String> m = new LinkedHashMap<>();
    String[][] rows = {
      {"1101", "서울"}, {"2100", "부산"}, {"2200", "대구"}, {"2300", "인천"}, {"2401", "광주"},
      {"2501", "대전"}, {"2601", "울산"}, {"3111", "수원"}, {"3211", "춘천"}, {"3311", "청주"},
      {"3511", "전주"}, {"3711", "포항"}, {"3911", "제주"}, {"3113", "의정부"}, {"3613", "순천"},
      {"3714", "안동"}, {"3814", "창원"}, {"3145", "용인"}
    };
    for (String[] r : rows) {
      m.put(r[0], r[1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
