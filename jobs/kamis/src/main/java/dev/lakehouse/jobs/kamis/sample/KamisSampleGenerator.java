package dev.lakehouse.jobs.kamis.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.api.KamisRequest;
import dev.lakehouse.jobs.kamis.landing.KamisFetchPlan;
import dev.lakehouse.jobs.kamis.sample.SampleCatalog.Kind;
import dev.lakehouse.jobs.kamis.sample.SampleCatalog.Rank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes raw KAMIS answers, as the real service would give them, for the requests the settings plan
 * over a day range, into {@code <out>/<action>/<slot>/<request-key>.json} ({@link FakeKamisServer}
 * serves that folder). Every real shape and quirk is there; SAMPLES.md lists them. Deterministic: a
 * file's bytes depend only on the seed and the request, so two runs, or two overlapping ranges,
 * write identical files, and a price is the same wherever it appears (today's price is tomorrow's
 * {@code 1일전}).
 */
public final class KamisSampleGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter MM_DD = DateTimeFormatter.ofPattern("MM/dd");
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  /** Labels of dailyPriceByCategoryList's day1..day7 after day1, with their offsets. */
  static final String[] DAILY_LABELS = {"1일전", "1주일전", "2주일전", "1개월전", "1년전", "일평년"};

  /** Labels of dailySalesList's day1..day4. */
  static final String[] SALES_LABELS = {"당일", "1일전", "1개월전", "1년전"};

  private final long seed;

  /**
   * What was written.
   *
   * @param files answer files written
   * @param rows rows in them
   * @param emptyAnswers files with result code 001 (weekends, holidays)
   */
  public record Summary(int files, long rows, int emptyAnswers) {}

  public KamisSampleGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * Writes the answers to every request the settings plan over [from, to], plus dailySalesList for
   * every day of the range (it answers for the latest day, which the server picks).
   *
   * @param out folder to write to (created)
   * @param what which product classes, categories, regions and items (lakehouse.kamis)
   * @param progress one line per action
   */
  public Summary writeTo(
      Path out, KamisSettings what, LocalDate from, LocalDate to, Consumer<String> progress) {
    KamisFetchPlan plan = KamisFetchPlan.from(what);
    List<KamisRequest> requests = new ArrayList<>();
    for (KamisFetchPlan.Slot slot : plan.slots(from, to)) {
      if (slot.action() != KamisAction.DAILY_SALES) {
        requests.addAll(slot.requests());
      }
    }
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      requests.add(KamisRequest.dailySales(d));
    }
    int files = 0;
    long rows = 0;
    int empty = 0;
    Map<KamisAction, int[]> perAction = new java.util.EnumMap<>(KamisAction.class);
    for (KamisRequest r : requests) {
      JsonNode answer = answer(r);
      Path file = out.resolve(r.action().apiName()).resolve(r.slot()).resolve(r.key() + ".json");
      write(file, answer);
      int n = dev.lakehouse.jobs.kamis.api.KamisPayload.rows(r.action(), answer).size();
      files++;
      rows += n;
      if (n == 0) {
        empty++;
      }
      int[] c = perAction.computeIfAbsent(r.action(), a -> new int[2]);
      c[0]++;
      c[1] += n;
    }
    perAction.forEach(
        (a, c) ->
            progress.accept(
                String.format(Locale.ROOT, "%-28s %5d files %,9d rows", a, c[0], c[1])));
    return new Summary(files, rows, empty);
  }

  /** The answer KAMIS would give to this request (condition without credentials). */
  public JsonNode answer(KamisRequest r) {
    switch (r.action()) {
      case DAILY_PRICE_BY_CATEGORY:
        return dailyByCategory(r);
      case DAILY_SALES:
        return dailySales(r.day());
      case PERIOD_RETAIL:
      case PERIOD_WHOLESALE:
        return period(r);
      case ECO_PRICE:
        return eco(r);
      case PRODUCT_INFO:
        return productInfo();
      default:
        throw new IllegalStateException("no sample for " + r.action());
    }
  }

  // ---------------------------------------------------------------- dailyPriceByCategoryList

  private JsonNode dailyByCategory(KamisRequest r) {
    LocalDate day = r.day();
    ObjectNode root = withCondition(r);
    if (!SampleCatalog.surveyDay(day)) {
      // No survey that day: the error form, data replaced by a one-element array.
      root.putArray("data").add("001");
      return root;
    }
    String cls = r.params().get("p_product_cls_code");
    String category = r.params().get("p_item_category_code");
    String region = r.params().get("p_country_code");
    boolean livestock = category.equals("500");
    ObjectNode data = root.putObject("data");
    data.put("error_code", "000");
    ArrayNode items = data.putArray("item");
    LocalDate[] at = {
      day.minusDays(1), day.minusWeeks(1), day.minusWeeks(2), day.minusMonths(1), day.minusYears(1)
    };
    for (Kind k : SampleCatalog.kinds(category)) {
      for (Rank rank : k.ranks()) {
        ObjectNode row = items.addObject();
        row.put("item_name", k.itemName());
        row.put("item_code", k.item());
        row.put("kind_name", k.kindName());
        row.put("kind_code", k.kind());
        row.put("rank", rank.name());
        row.put("rank_code", rank.code());
        row.put("unit", k.unit());
        row.put("day1", "당일 (" + MM_DD.format(day) + ")");
        row.put("dpr1", won(price(k, rank, cls, region, "", day)));
        for (int i = 0; i < 5; i++) {
          row.put("day" + (i + 2), DAILY_LABELS[i]);
          row.put(
              "dpr" + (i + 2),
              SampleCatalog.surveyDay(at[i]) ? won(price(k, rank, cls, region, "", at[i])) : "-");
        }
        row.put("day7", DAILY_LABELS[5]);
        // Livestock has no normal-year price: always "-".
        row.put("dpr7", livestock ? "-" : won(normalYear(k, rank, cls, region, day)));
      }
    }
    // The empty-value forms KAMIS mixes in one answer: "-" (no price), "" and [].
    if (items.size() >= 3) {
      ((ObjectNode) items.get(1)).put("dpr4", "-");
      ((ObjectNode) items.get(2)).put("dpr5", "");
      ((ObjectNode) items.get(items.size() - 1)).putArray("dpr6");
    }
    return root;
  }

  // ---------------------------------------------------------------- dailySalesList

  private JsonNode dailySales(LocalDate asked) {
    LocalDate latest = SampleCatalog.lastSurveyDay(asked);
    ObjectNode root = NODES.objectNode();
    root.putArray("condition").addArray().add(YYYYMMDD.format(latest));
    root.put("error_code", "000");
    ArrayNode price = root.putArray("price");
    int productNo = 101;
    for (String cls : List.of("01", "02")) {
      for (Kind k : SampleCatalog.KINDS) {
        Rank rank = k.ranks().get(0);
        // Fishery prices are published a day later: their rows carry an earlier lastest_day.
        LocalDate day =
            k.category().equals("600") ? SampleCatalog.lastSurveyDay(latest.minusDays(1)) : latest;
        ObjectNode row = price.addObject();
        row.put("product_cls_code", cls);
        row.put("product_cls_name", cls.equals("01") ? "소매" : "도매");
        row.put("category_code", k.category());
        row.put("category_name", SampleCatalog.CATEGORIES.get(k.category()));
        row.put("productno", String.valueOf(productNo++));
        row.put("lastest_day", day.toString());
        row.put("productName", k.productName());
        row.put("item_name", k.productName());
        row.put("unit", k.unit());
        LocalDate[] at = {day, day.minusDays(1), day.minusMonths(1), day.minusYears(1)};
        long today = price(k, rank, cls, "", "", day);
        long before = 0;
        for (int i = 0; i < 4; i++) {
          row.put("day" + (i + 1), SALES_LABELS[i]);
          if (i > 0 && !SampleCatalog.surveyDay(at[i])) {
            row.putArray("dpr" + (i + 1));
          } else {
            long p = price(k, rank, cls, "", "", at[i]);
            row.put("dpr" + (i + 1), won(p));
            if (i == 1) {
              before = p;
            }
          }
        }
        if (before == 0) {
          row.putArray("direction");
          row.putArray("value");
        } else {
          row.put("direction", today < before ? "0" : today > before ? "1" : "2");
          row.put(
              "value",
              String.format(Locale.ROOT, "%.1f", Math.abs(today - before) * 100.0 / before));
        }
      }
    }
    return root;
  }

  // ---------------------------------------------------------------- period actions

  private JsonNode period(KamisRequest r) {
    ObjectNode root = withCondition(r);
    boolean wholesale = r.action() == KamisAction.PERIOD_WHOLESALE;
    String cls = wholesale ? "02" : "01";
    Map<String, String> p = r.params();
    Kind k =
        SampleCatalog.kind(p.get("p_itemcategorycode"), p.get("p_itemcode"), p.get("p_kindcode"));
    Rank rank = rankOf(k, p.get("p_productrankcode"));
    String region = p.getOrDefault("p_countrycode", "");
    List<String> regions = region.isEmpty() ? SampleCatalog.NATIONAL_SPREAD : List.of(region);
    List<String> markets =
        wholesale ? SampleCatalog.WHOLESALE_MARKETS : SampleCatalog.RETAIL_MARKETS;
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = r.day(); !d.isAfter(r.endDay()); d = d.plusDays(1)) {
      if (SampleCatalog.surveyDay(d)) {
        days.add(d);
      }
    }
    if (days.isEmpty()) {
      ObjectNode data = root.putObject("data");
      data.put("error_code", "001");
      data.putArray("item");
      return root;
    }
    ObjectNode data = root.putObject("data");
    data.put("error_code", "000");
    ArrayNode items = data.putArray("item");
    // Summary rows first: the average of the listed markets, then the normal year, per day.
    for (String summary : List.of("평균", "평년")) {
      for (LocalDate d : days) {
        ObjectNode row = items.addObject();
        row.putArray("itemname");
        row.putArray("kindname");
        row.put("countyname", summary);
        row.put("marketname", "");
        row.put("yyyy", String.valueOf(d.getYear()));
        row.put("regday", MM_DD.format(d));
        long value;
        if (summary.equals("평균")) {
          long sum = 0;
          for (String rg : regions) {
            for (String m : markets) {
              sum += price(k, rank, cls, rg, m, d);
            }
          }
          value = Math.round(sum / (double) (regions.size() * markets.size()) / 10.0) * 10;
        } else {
          value = normalYear(k, rank, cls, "", d);
        }
        row.put("price", won(value));
      }
    }
    int n = 0;
    for (String rg : regions) {
      for (String m : markets) {
        for (LocalDate d : days) {
          ObjectNode row = items.addObject();
          row.put("itemname", k.itemName());
          row.put("kindname", k.kindName());
          row.put("countyname", SampleCatalog.regionName(rg));
          row.put("marketname", m);
          row.put("yyyy", String.valueOf(d.getYear()));
          row.put("regday", MM_DD.format(d));
          // Now and then a market reports no price that day.
          boolean missing = n++ % 37 == 5 || rnd(k.item(), rg + m, d).nextInt(50) == 0;
          row.put("price", missing ? "-" : won(price(k, rank, cls, rg, m, d)));
        }
      }
    }
    return root;
  }

  // ---------------------------------------------------------------- EcoPriceList

  private JsonNode eco(KamisRequest r) {
    ObjectNode root = withCondition(r);
    LocalDate day = r.day();
    if (!SampleCatalog.surveyDay(day)) {
      ObjectNode data = root.putObject("data");
      data.put("error_code", "001");
      data.put("item", "");
      return root;
    }
    Map<String, String> p = r.params();
    Kind k =
        SampleCatalog.kind(p.get("p_itemcategorycode"), p.get("p_itemcode"), p.get("p_kindcode"));
    Rank eco =
        SampleCatalog.ECO.stream()
            .filter(e -> e.code().equals(p.get("p_productrankcode")))
            .findFirst()
            .orElse(SampleCatalog.ECO.get(0));
    Rank base = k.ranks().get(0);
    String region = p.getOrDefault("p_countycode", "");
    List<String> regions = region.isEmpty() ? SampleCatalog.NATIONAL_SPREAD : List.of(region);
    ObjectNode data = root.putObject("data");
    data.put("error_code", "000");
    ArrayNode items = data.putArray("item");
    int seq = 1;
    long sum = 0;
    List<ObjectNode> marketRows = new ArrayList<>();
    for (String rg : regions) {
      for (String m : SampleCatalog.ECO_MARKETS) {
        long v = Math.round(price(k, base, "01", rg, m, day) * eco.factor() / 10.0) * 10;
        sum += v;
        ObjectNode row = NODES.objectNode();
        row.put("countyname", SampleCatalog.regionName(rg));
        row.put("marketname", m);
        row.put("unit", k.unit());
        row.put("regday", day.toString());
        row.put("price", won(v));
        marketRows.add(row);
      }
    }
    // The average row leads, with no market: null, as EcoPriceList writes it.
    ObjectNode avg = items.addObject();
    avg.put("seqnum", String.valueOf(seq++));
    avg.put("countyname", "평균");
    avg.putNull("marketname");
    avg.put("unit", k.unit());
    avg.put("regday", day.toString());
    avg.put("price", won(Math.round(sum / (double) marketRows.size() / 10.0) * 10));
    for (ObjectNode row : marketRows) {
      ObjectNode numbered = items.addObject();
      numbered.put("seqnum", String.valueOf(seq++));
      numbered.setAll(row);
    }
    // All four empty forms in one answer: null above, then "-", "" and [].
    if (items.size() >= 4) {
      ((ObjectNode) items.get(1)).put("price", "-");
      ((ObjectNode) items.get(2)).put("unit", "");
      ((ObjectNode) items.get(3)).putArray("marketname");
    }
    return root;
  }

  // ---------------------------------------------------------------- productInfo

  private JsonNode productInfo() {
    ObjectNode root = NODES.objectNode();
    root.putArray("condition").addObject().put("p_returntype", "json");
    root.put("error_code", "000");
    ArrayNode info = root.putArray("info");
    for (Kind k : SampleCatalog.KINDS) {
      ObjectNode row = info.addObject();
      row.put("itemcategorycode", k.category());
      row.put("itemcategoryname", SampleCatalog.CATEGORIES.get(k.category()));
      row.put("itemcode", k.item());
      row.put("itemname", k.itemName());
      row.put("kindcode", k.kind());
      row.put("kindname", k.kindName());
      String[] unit = splitUnit(k.unit());
      row.put("wholesale_unit", unit[1]);
      row.put("wholesale_unitsize", unit[0]);
      row.put("retail_unit", unit[1]);
      row.put("retail_unitsize", unit[0]);
      boolean eco = k.category().equals("200") || k.category().equals("400");
      if (eco) {
        row.put("eco_unit", unit[1]);
        row.put("eco_unitsize", unit[0]);
      } else {
        row.putArray("eco_unit");
        row.putArray("eco_unitsize");
      }
      List<String> ranks = k.ranks().stream().map(Rank::code).toList();
      row.put("whole_productrankcode", ranks.get(0));
      row.put("retail_productrankcode", String.join(",", ranks));
    }
    return root;
  }

  // ---------------------------------------------------------------- helpers

  /** The condition block as KAMIS echoes it, minus the credentials (the server adds them). */
  private static ObjectNode withCondition(KamisRequest r) {
    ObjectNode root = NODES.objectNode();
    ObjectNode c = root.putArray("condition").addObject();
    c.put("p_returntype", "json");
    r.params().forEach(c::put);
    return root;
  }

  private static Rank rankOf(Kind k, String code) {
    return k.ranks().stream()
        .filter(x -> x.code().equals(code))
        .findFirst()
        .orElse(new Rank(code, code, 1.0));
  }

  /**
   * The price of a kind and rank on a day, in won, for a product class, region ("" national) and
   * market ("" none): a seasonal curve around the base price, a region and market offset, and day
   * noise, all derived from the seed and the identity of the price.
   */
  long price(Kind k, Rank rank, String cls, String region, String market, LocalDate day) {
    double season =
        1 + 0.12 * Math.sin(2 * Math.PI * (day.getDayOfYear() + k.item().hashCode() % 90) / 365.0);
    double noise =
        1
            + 0.05
                * (rnd(k.item() + k.kind() + rank.code() + cls, region + market, day).nextDouble()
                        * 2
                    - 1);
    return round10(base(k, rank, cls, region, market) * season * noise);
  }

  /** The normal-year price: the seasonal curve without the day's noise. */
  long normalYear(Kind k, Rank rank, String cls, String region, LocalDate day) {
    double season =
        1 + 0.1 * Math.sin(2 * Math.PI * (day.getDayOfYear() + k.item().hashCode() % 90) / 365.0);
    return round10(base(k, rank, cls, region, "") * season);
  }

  private double base(Kind k, Rank rank, String cls, String region, String market) {
    double clsFactor = cls.equals("02") ? 0.72 : 1.0;
    double regionFactor =
        region.isEmpty()
            ? 1.0
            : 0.92 + new SplittableRandom(seed ^ region.hashCode()).nextDouble() * 0.16;
    double marketFactor =
        market.isEmpty()
            ? 1.0
            : 0.9 + new SplittableRandom(seed * 31 + market.hashCode()).nextDouble() * 0.2;
    return k.basePrice() * rank.factor() * clsFactor * regionFactor * marketFactor;
  }

  private SplittableRandom rnd(String what, String where, LocalDate day) {
    long h = seed;
    h = h * 1_000_003L + what.hashCode();
    h = h * 1_000_003L + where.hashCode();
    h = h * 1_000_003L + day.toEpochDay();
    return new SplittableRandom(h);
  }

  private static long round10(double v) {
    return Math.max(10, Math.round(v / 10.0) * 10);
  }

  /** KAMIS's price text: thousands separated by commas, none below 1,000 ("710"). */
  static String won(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  /** "20kg" → {"20", "kg"}; "1포기" → {"1", "포기"}. */
  static String[] splitUnit(String unit) {
    int i = 0;
    while (i < unit.length() && Character.isDigit(unit.charAt(i))) {
      i++;
    }
    return new String[] {unit.substring(0, i), unit.substring(i)};
  }

  private static void write(Path file, JsonNode answer) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
