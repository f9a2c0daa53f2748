package dev.lakehouse.jobs.olist.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OlistGeneratorTest {
  private static final double SCALE = 0.01;
  private static final long SEED = 42;

  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern ZIP = Pattern.compile("\\d{5}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  private static final Pattern MONEY = Pattern.compile("\\d+\\.\\d{2}");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "olist_customers_dataset.csv",
          List.of(
              "customer_id",
              "customer_unique_id",
              "customer_zip_code_prefix",
              "customer_city",
              "customer_state"),
          "olist_geolocation_dataset.csv",
          List.of(
              "geolocation_zip_code_prefix",
              "geolocation_lat",
              "geolocation_lng",
              "geolocation_city",
              "geolocation_state"),
          "olist_order_items_dataset.csv",
          List.of(
              "order_id",
              "order_item_id",
              "product_id",
              "seller_id",
              "shipping_limit_date",
              "price",
              "freight_value"),
          "olist_order_payments_dataset.csv",
          List.of(
              "order_id",
              "payment_sequential",
              "payment_type",
              "payment_installments",
              "payment_value"),
          "olist_order_reviews_dataset.csv",
          List.of(
              "review_id",
              "order_id",
              "review_score",
              "review_comment_title",
              "review_comment_message",
              "review_creation_date",
              "review_answer_timestamp"),
          "olist_orders_dataset.csv",
          List.of(
              "order_id",
              "customer_id",
              "order_status",
              "order_purchase_timestamp",
              "order_approved_at",
              "order_delivered_carrier_date",
              "order_delivered_customer_date",
              "order_estimated_delivery_date"),
          "olist_products_dataset.csv",
          List.of(
              "product_id",
              "product_category_name",
              "product_name_lenght",
              "product_description_lenght",
              "product_photos_qty",
              "product_weight_g",
              "product_length_cm",
              "product_height_cm",
              "product_width_cm"),
          "olist_sellers_dataset.csv",
          List.of("seller_id", "seller_zip_code_prefix", "seller_city", "seller_state"),
          "product_category_name_translation.csv",
          List.of("product_category_name", "product_category_name_english"));

  @TempDir static Path dir;

  private static Map<String, Long> counts;
  private static final List<String> progress = new ArrayList<>();
  private static final Map<String, CsvFile> files = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    counts = new OlistGenerator(SCALE, SEED).writeTo(dir.resolve("olist"), progress::add);
    for (String name : OlistGenerator.FILE_NAMES) {
      files.put(name, CsvFile.read(dir.resolve("olist").resolve(name)));
    }
  }

  @Test
  void writesTheNineFilesWithTheirExactHeaders() throws IOException {
    assertThat(OlistGenerator.FILE_NAMES).containsExactlyInAnyOrderElementsOf(HEADERS.keySet());
    try (var listing = Files.list(dir.resolve("olist"))) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(HEADERS.keySet());
    }
    for (String name : OlistGenerator.FILE_NAMES) {
      CsvFile file = files.get(name);
      String expected =
          HEADERS.get(name).stream().map(h -> '"' + h + '"').collect(Collectors.joining(","));
      assertThat(file.firstLine).as(name).isEqualTo(expected);
      assertThat(file.header()).as(name).isEqualTo(HEADERS.get(name));
    }
  }

  @Test
  void returnedCountsMatchTheRecordsInTheFiles() {
    assertThat(new ArrayList<>(counts.keySet())).isEqualTo(OlistGenerator.FILE_NAMES);
    for (String name : OlistGenerator.FILE_NAMES) {
      assertThat(counts.get(name)).as(name).isEqualTo(files.get(name).rows().size());
    }
    assertThat(progress).hasSize(9);
    for (int i = 0; i < 9; i++) {
      String name = OlistGenerator.FILE_NAMES.get(i);
      assertThat(progress.get(i)).isEqualTo(name + "  " + counts.get(name) + " rows");
    }
    assertThat(counts.get("olist_orders_dataset.csv")).isBetween(900L, 1100L);
    assertThat(counts.get("olist_customers_dataset.csv"))
        .isEqualTo(counts.get("olist_orders_dataset.csv"));
    assertThat(counts.get("olist_sellers_dataset.csv")).isGreaterThanOrEqualTo(20L);
    assertThat(counts.get("olist_products_dataset.csv")).isGreaterThanOrEqualTo(40L);
    assertThat(counts.get("product_category_name_translation.csv")).isEqualTo(71L);
  }

  @Test
  void isDeterministicForAGivenSeed() throws IOException {
    Path again = dir.resolve("again");
    Path other = dir.resolve("other");
    new OlistGenerator(SCALE, SEED).writeTo(again, line -> {});
    new OlistGenerator(SCALE, SEED + 1).writeTo(other, line -> {});
    for (String name : OlistGenerator.FILE_NAMES) {
      byte[] first = Files.readAllBytes(dir.resolve("olist").resolve(name));
      assertThat(Files.readAllBytes(again.resolve(name))).as(name).isEqualTo(first);
      if (!name.equals("product_category_name_translation.csv")) {
        assertThat(Files.readAllBytes(other.resolve(name))).as(name).isNotEqualTo(first);
      }
    }
  }

  @Test
  void quotesOnlyValuesStartingWithADigitOrHoldingSpecialCharacters() {
    for (String name : OlistGenerator.FILE_NAMES) {
      CsvFile file = files.get(name);
      for (int r = 0; r < file.rows().size(); r++) {
        List<String> values = file.rows().get(r);
        assertThat(values).as(name + " record " + r).hasSize(file.header().size());
        for (int c = 0; c < values.size(); c++) {
          String v = values.get(c);
          boolean shouldQuote =
              !v.isEmpty()
                  && (Character.isDigit(v.charAt(0))
                      || v.contains(",")
                      || v.contains("\"")
                      || v.contains("\r")
                      || v.contains("\n"));
          assertThat(file.records.get(r + 1).quoted.get(c))
              .as(name + " record " + r + " value " + v)
              .isEqualTo(shouldQuote);
        }
      }
    }
    assertThat(files.get("olist_orders_dataset.csv").raw).contains(",delivered,");
  }

  @Test
  void zipPrefixesAreFiveDigitsWithLeadingZeros() {
    List<String> sellerZips = column("olist_sellers_dataset.csv", "seller_zip_code_prefix");
    List<String> customerZips = column("olist_customers_dataset.csv", "customer_zip_code_prefix");
    List<String> geoZips = column("olist_geolocation_dataset.csv", "geolocation_zip_code_prefix");
    for (List<String> zips : List.of(sellerZips, customerZips, geoZips)) {
      assertThat(zips).allMatch(z -> ZIP.matcher(z).matches());
      assertThat(zips).anyMatch(z -> z.startsWith("0"));
    }
    double leadingZero = sellerZips.stream().filter(z -> z.startsWith("0")).count();
    assertThat(leadingZero / sellerZips.size()).isBetween(0.15, 0.6);
    assertThat(files.get("olist_sellers_dataset.csv").raw).contains(",\"0");
  }

  @Test
  void translationFileHasBomCrlfAndNoFinalNewline() throws IOException {
    byte[] bytes = Files.readAllBytes(path("product_category_name_translation.csv"));
    assertThat(bytes[0]).isEqualTo((byte) 0xEF);
    assertThat(bytes[1]).isEqualTo((byte) 0xBB);
    assertThat(bytes[2]).isEqualTo((byte) 0xBF);
    assertThat(bytes[bytes.length - 1]).isNotIn((byte) '\n', (byte) '\r');
    CsvFile file = files.get("product_category_name_translation.csv");
    assertThat(file.bom).isTrue();
    assertThat(file.terminators).containsOnly("\r\n", "");
    assertThat(file.terminators.get(file.terminators.size() - 1)).isEmpty();
    assertThat(count(file.raw, "\n")).isEqualTo(count(file.raw, "\r\n")).isEqualTo(71);
    assertThat(column("product_category_name_translation.csv", "product_category_name"))
        .doesNotHaveDuplicates()
        .contains("beleza_saude", "cama_mesa_banho", "esporte_lazer", "relogios_presentes")
        .doesNotContain("pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos");
  }

  @Test
  void otherFilesAreUtf8WithLfAndAFinalNewline() throws IOException {
    for (String name : OlistGenerator.FILE_NAMES) {
      byte[] bytes = Files.readAllBytes(path(name));
      if (name.equals("product_category_name_translation.csv")) {
        continue;
      }
      assertThat(files.get(name).bom).as(name).isFalse();
      assertThat(bytes[bytes.length - 1]).as(name).isEqualTo((byte) '\n');
      if (!name.equals("olist_order_reviews_dataset.csv")) {
        assertThat(files.get(name).raw).as(name).doesNotContain("\r");
        assertThat(files.get(name).terminators).as(name).containsOnly("\n");
      }
    }
  }

  @Test
  void reviewsHaveCrlfMultiLineCommentsQuotesAndAccents() {
    CsvFile reviews = files.get("olist_order_reviews_dataset.csv");
    assertThat(reviews.terminators).containsOnly("\r\n");
    List<String> messages = column("olist_order_reviews_dataset.csv", "review_comment_message");
    List<String> titles = column("olist_order_reviews_dataset.csv", "review_comment_title");
    assertThat(reviews.multiLineRecords).isPositive();
    assertThat(messages).anyMatch(m -> m.contains("\r\n"));
    assertThat(messages).anyMatch(m -> m.matches("(?s).*[^\r]\n.*"));
    assertThat(messages).anyMatch(m -> m.contains("\""));
    assertThat(reviews.raw).contains("\"\"");
    assertThat(messages).anyMatch(m -> m.chars().anyMatch(ch -> "ãçéóêáíô".indexOf(ch) >= 0));
    double multiLine = messages.stream().filter(m -> m.contains("\n")).count();
    assertThat(multiLine / messages.size()).isBetween(0.001, 0.08);
    double emptyTitles = titles.stream().filter(String::isEmpty).count();
    double emptyMessages = messages.stream().filter(String::isEmpty).count();
    assertThat(emptyTitles / titles.size()).isGreaterThan(0.6);
    assertThat(emptyMessages / messages.size()).isBetween(0.2, 0.5);
  }

  @Test
  void someReviewIdsRepeatForAnotherOrder() {
    Map<String, Set<String>> ordersByReview = new HashMap<>();
    for (List<String> r : files.get("olist_order_reviews_dataset.csv").rows()) {
      ordersByReview.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(r.get(1));
    }
    assertThat(ordersByReview.values()).anyMatch(orders -> orders.size() > 1);
  }

  @Test
  void reviewDatesAndScores() {
    Map<String, List<String>> ordersById = byId("olist_orders_dataset.csv");
    double lateSum = 0;
    int late = 0;
    double onTimeSum = 0;
    int onTime = 0;
    for (List<String> r : files.get("olist_order_reviews_dataset.csv").rows()) {
      assertThat(r.get(2)).isIn("1", "2", "3", "4", "5");
      assertThat(r.get(5)).matches(TIMESTAMP).endsWith("00:00:00");
      assertThat(r.get(6)).matches(TIMESTAMP);
      assertThat(time(r.get(6))).isAfter(time(r.get(5)));
      List<String> order = ordersById.get(r.get(1));
      if (order.get(2).equals("delivered") && !order.get(6).isEmpty()) {
        boolean isLate = time(order.get(6)).toLocalDate().isAfter(time(order.get(7)).toLocalDate());
        if (isLate) {
          lateSum += Integer.parseInt(r.get(2));
          late++;
        } else {
          onTimeSum += Integer.parseInt(r.get(2));
          onTime++;
        }
      }
    }
    assertThat(late).isPositive();
    assertThat(lateSum / late).isLessThan(3.0);
    assertThat(onTimeSum / onTime).isGreaterThan(4.0);
  }

  @Test
  void orderTimestampsCarryTheSourceMess() {
    List<List<String>> orders = files.get("olist_orders_dataset.csv").rows();
    int deliveredWithoutDate = 0;
    int notDeliveredWithDate = 0;
    int carrierBeforePurchase = 0;
    for (List<String> o : orders) {
      for (int c = 3; c <= 7; c++) {
        assertThat(o.get(c)).matches(v -> v.isEmpty() || TIMESTAMP.matcher(v).matches());
      }
      String status = o.get(2);
      LocalDateTime purchase = time(o.get(3));
      assertThat(purchase)
          .isAfterOrEqualTo(LocalDateTime.of(2016, 9, 4, 0, 0))
          .isBefore(LocalDateTime.of(2018, 10, 18, 0, 0));
      assertThat(o.get(7)).endsWith("00:00:00");
      long estimatedDays =
          ChronoUnit.DAYS.between(purchase.toLocalDate(), time(o.get(7)).toLocalDate());
      assertThat(estimatedDays).isBetween(7L, 42L);
      if (status.equals("delivered") && o.get(6).isEmpty()) {
        deliveredWithoutDate++;
      }
      if (!status.equals("delivered") && !o.get(6).isEmpty()) {
        notDeliveredWithDate++;
      }
      if (!o.get(5).isEmpty() && time(o.get(5)).isBefore(purchase)) {
        carrierBeforePurchase++;
      }
      if (status.equals("created")) {
        assertThat(o.subList(4, 7)).containsOnly("");
      }
      if (Set.of("approved", "invoiced", "processing", "unavailable").contains(status)) {
        assertThat(o.get(4)).isNotEmpty();
        assertThat(o.subList(5, 7)).containsOnly("");
      }
      if (status.equals("shipped")) {
        assertThat(o.get(5)).isNotEmpty();
        assertThat(o.get(6)).isEmpty();
      }
      if (!o.get(4).isEmpty()) {
        assertThat(time(o.get(4))).isAfter(purchase);
      }
    }
    assertThat(deliveredWithoutDate).isPositive();
    assertThat(notDeliveredWithDate).isPositive();
    assertThat(carrierBeforePurchase).isPositive();
    for (List<String> item : files.get("olist_order_items_dataset.csv").rows()) {
      assertThat(item.get(4)).matches(TIMESTAMP);
    }
  }

  @Test
  void statusesAndPurchaseDatesArePlausible() {
    List<List<String>> orders = files.get("olist_orders_dataset.csv").rows();
    Map<String, Long> statuses =
        orders.stream()
            .collect(Collectors.groupingBy(o -> o.get(2), TreeMap::new, Collectors.counting()));
    assertThat(statuses)
        .containsOnlyKeys(
            "delivered",
            "shipped",
            "canceled",
            "unavailable",
            "invoiced",
            "processing",
            "created",
            "approved");
    assertThat((double) statuses.get("delivered") / orders.size()).isBetween(0.95, 0.99);
    Map<String, Long> byMonth =
        orders.stream()
            .collect(Collectors.groupingBy(o -> o.get(3).substring(0, 7), Collectors.counting()));
    assertThat(byMonth.get("2017-11")).isGreaterThan(byMonth.get("2017-10"));
    assertThat(byMonth.get("2018-03")).isGreaterThan(3 * byMonth.getOrDefault("2017-01", 0L));
    long blackFriday = orders.stream().filter(o -> o.get(3).startsWith("2017-11-24")).count();
    assertThat(blackFriday).isGreaterThan(3 * byMonth.get("2017-10") / 31);
  }

  @Test
  void customersAreSpreadLikeBrazil() {
    List<String> states = column("olist_customers_dataset.csv", "customer_state");
    Map<String, Long> byState =
        states.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat((double) byState.get("SP") / states.size()).isBetween(0.35, 0.5);
    assertThat((double) byState.get("RJ") / states.size()).isBetween(0.08, 0.18);
    assertThat((double) byState.get("MG") / states.size()).isBetween(0.08, 0.16);
    assertThat(byState.keySet()).hasSizeGreaterThan(15);
    Set<String> allUfs =
        new TreeSet<>(column("olist_geolocation_dataset.csv", "geolocation_state"));
    assertThat(allUfs).hasSize(27);
  }

  @Test
  void pricesAndPaymentsHaveTwoDecimalsAndAddUp() {
    Map<String, Long> goods = new HashMap<>();
    Map<String, Integer> itemCounts = new HashMap<>();
    for (List<String> item : files.get("olist_order_items_dataset.csv").rows()) {
      assertThat(item.get(5)).matches(MONEY);
      assertThat(item.get(6)).matches(MONEY);
      assertThat(cents(item.get(5))).isBetween(500L, 200_000L);
      assertThat(cents(item.get(6))).isBetween(500L, 6_000L);
      goods.merge(item.get(0), cents(item.get(5)) + cents(item.get(6)), Long::sum);
      itemCounts.merge(item.get(0), 1, Integer::sum);
    }
    assertThat(itemCounts.values()).allMatch(n -> n >= 1 && n <= 6);
    double single = itemCounts.values().stream().filter(n -> n == 1).count();
    assertThat(single / itemCounts.size()).isGreaterThan(0.8);

    Map<String, String> status = new HashMap<>();
    for (List<String> o : files.get("olist_orders_dataset.csv").rows()) {
      status.put(o.get(0), o.get(2));
    }
    Map<String, Long> paid = new HashMap<>();
    Set<String> notDefinedOrders = new HashSet<>();
    List<List<String>> payments = files.get("olist_order_payments_dataset.csv").rows();
    for (List<String> p : payments) {
      assertThat(p.get(4)).matches(MONEY);
      paid.merge(p.get(0), cents(p.get(4)), Long::sum);
      if (p.get(2).equals("not_defined")) {
        notDefinedOrders.add(p.get(0));
      }
      if (p.get(2).equals("credit_card")) {
        assertThat(Integer.parseInt(p.get(3))).isBetween(1, 10);
      }
    }
    assertThat(payments).anyMatch(p -> p.get(2).equals("voucher") && p.get(4).equals("0.00"));
    assertThat(payments).anyMatch(p -> p.get(2).equals("voucher") && !p.get(1).equals("1"));
    assertThat(notDefinedOrders).isNotEmpty();
    assertThat(notDefinedOrders).allMatch(id -> status.get(id).equals("canceled"));
    Map<String, Long> types =
        payments.stream().collect(Collectors.groupingBy(p -> p.get(2), Collectors.counting()));
    assertThat(types)
        .containsOnlyKeys("credit_card", "boleto", "voucher", "debit_card", "not_defined");
    assertThat((double) types.get("credit_card") / payments.size()).isCloseTo(0.74, within(0.06));
    assertThat((double) types.get("boleto") / payments.size()).isCloseTo(0.19, within(0.05));
    for (Map.Entry<String, Long> order : goods.entrySet()) {
      if (!notDefinedOrders.contains(order.getKey())) {
        assertThat(paid.get(order.getKey())).as(order.getKey()).isEqualTo(order.getValue());
      }
    }
  }

  @Test
  void productsHaveGapsZeroWeightsAndUntranslatedCategories() {
    List<List<String>> products = files.get("olist_products_dataset.csv").rows();
    List<List<String>> uncategorised =
        products.stream().filter(p -> p.get(1).isEmpty()).collect(Collectors.toList());
    assertThat((double) uncategorised.size() / products.size()).isBetween(0.002, 0.05);
    for (List<String> p : uncategorised) {
      assertThat(p.subList(2, 5)).containsOnly("");
      assertThat(p.get(5)).isNotEmpty();
    }
    assertThat(products).anyMatch(p -> p.get(5).equals("0"));
    Set<String> translated =
        new HashSet<>(column("product_category_name_translation.csv", "product_category_name"));
    Set<String> untranslated =
        products.stream()
            .map(p -> p.get(1))
            .filter(c -> !c.isEmpty() && !translated.contains(c))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(untranslated)
        .containsExactly("pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos");
    long inTranslation = products.stream().filter(p -> translated.contains(p.get(1))).count();
    assertThat((double) inTranslation / products.size()).isGreaterThan(0.9);
  }

  @Test
  void sellersAndCustomersHaveJunkCities() {
    List<String> sellerCities = column("olist_sellers_dataset.csv", "seller_city");
    assertThat(sellerCities).anyMatch(c -> c.matches("\\d+"));
    assertThat(sellerCities).anyMatch(c -> c.contains("@"));
    assertThat(sellerCities).contains("sp / sp");
    List<String> customerCities = column("olist_customers_dataset.csv", "customer_city");
    assertThat(customerCities).anyMatch(c -> c.matches(".*(\\d|/| - | sp$).*"));
    assertThat(customerCities).contains("sao paulo");
  }

  @Test
  void geolocationHasDuplicatesSpellingVariantsAndForeignPoints() {
    List<List<String>> geo = files.get("olist_geolocation_dataset.csv").rows();
    long distinct = new HashSet<>(geo).size();
    assertThat((double) (geo.size() - distinct) / geo.size()).isGreaterThan(0.1);
    Set<String> cities = geo.stream().map(g -> g.get(3)).collect(Collectors.toSet());
    assertThat(cities).contains("são paulo", "sao paulo", "SAO PAULO");
    assertThat(geo)
        .anyMatch(
            g -> {
              double lat = Double.parseDouble(g.get(1));
              double lng = Double.parseDouble(g.get(2));
              return lat > 6 || lat < -34 || lng > -34 || lng < -74;
            });
    assertThat(geo).anyMatch(g -> Double.parseDouble(g.get(1)) > 30);
  }

  @Test
  void idsAndRelationsAreConsistent() {
    List<String> customerIds = column("olist_customers_dataset.csv", "customer_id");
    List<String> orderIds = column("olist_orders_dataset.csv", "order_id");
    List<String> productIds = column("olist_products_dataset.csv", "product_id");
    List<String> sellerIds = column("olist_sellers_dataset.csv", "seller_id");
    for (List<String> ids :
        List.of(
            customerIds,
            orderIds,
            productIds,
            sellerIds,
            column("olist_customers_dataset.csv", "customer_unique_id"),
            column("olist_order_reviews_dataset.csv", "review_id"))) {
      assertThat(ids).allMatch(id -> HEX_ID.matcher(id).matches());
    }
    assertThat(customerIds).doesNotHaveDuplicates();
    assertThat(orderIds).doesNotHaveDuplicates();
    assertThat(productIds).doesNotHaveDuplicates();
    assertThat(sellerIds).doesNotHaveDuplicates();
    assertThat(column("olist_orders_dataset.csv", "customer_id"))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(customerIds);
    Set<String> orders = new HashSet<>(orderIds);
    assertThat(column("olist_order_items_dataset.csv", "order_id")).allMatch(orders::contains);
    assertThat(column("olist_order_payments_dataset.csv", "order_id")).allMatch(orders::contains);
    assertThat(column("olist_order_reviews_dataset.csv", "order_id")).allMatch(orders::contains);
    assertThat(new HashSet<>(column("olist_order_payments_dataset.csv", "order_id")))
        .isEqualTo(orders);
    assertThat(new HashSet<>(column("olist_order_items_dataset.csv", "product_id")))
        .isEqualTo(new HashSet<>(productIds));
    assertThat(new HashSet<>(column("olist_order_items_dataset.csv", "seller_id")))
        .isEqualTo(new HashSet<>(sellerIds));
    Set<String> zips =
        new HashSet<>(column("olist_geolocation_dataset.csv", "geolocation_zip_code_prefix"));
    assertThat(column("olist_customers_dataset.csv", "customer_zip_code_prefix"))
        .allMatch(zips::contains);
    assertThat(column("olist_sellers_dataset.csv", "seller_zip_code_prefix"))
        .allMatch(zips::contains);
  }

  @Test
  void scaleOneTenthIsAboutATenthOfTheRealCounts() throws IOException {
    Map<String, Long> tenth = new OlistGenerator(0.1, 7).writeTo(dir.resolve("tenth"), l -> {});
    Map<String, Long> real =
        Map.of(
            "olist_customers_dataset.csv", 99_441L,
            "olist_geolocation_dataset.csv", 1_000_163L,
            "olist_order_items_dataset.csv", 112_650L,
            "olist_order_payments_dataset.csv", 103_886L,
            "olist_order_reviews_dataset.csv", 99_224L,
            "olist_orders_dataset.csv", 99_441L,
            "olist_products_dataset.csv", 32_951L,
            "olist_sellers_dataset.csv", 3_095L);
    for (Map.Entry<String, Long> e : real.entrySet()) {
      assertThat((double) tenth.get(e.getKey()))
          .as(e.getKey())
          .isCloseTo(e.getValue() / 10.0, within(e.getValue() / 10.0 * 0.25));
    }
    assertThat(tenth.get("product_category_name_translation.csv")).isEqualTo(71L);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsAnInvalidScale(double scale) {
    assertThatThrownBy(() -> new OlistGenerator(scale, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
  }

  // ---------------------------------------------------------------------------------------

  private static Path path(String name) {
    return dir.resolve("olist").resolve(name);
  }

  private static List<String> column(String file, String name) {
    CsvFile csv = files.get(file);
    int index = csv.header().indexOf(name);
    assertThat(index).as(file + " has " + name).isNotNegative();
    return csv.rows().stream().map(r -> r.get(index)).collect(Collectors.toList());
  }

  private static Map<String, List<String>> byId(String file) {
    Map<String, List<String>> map = new HashMap<>();
    for (List<String> r : files.get(file).rows()) {
      map.put(r.get(0), r);
    }
    return map;
  }

  private static LocalDateTime time(String value) {
    return LocalDateTime.parse(value, TS);
  }

  private static long cents(String money) {
    return Math.round(Double.parseDouble(money) * 100);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** One record: its values and whether each value was quoted. */
  private record Record(List<String> values, List<Boolean> quoted, boolean multiLine) {}

  /**
   * A tiny RFC 4180 reader: quoted values may hold commas, doubled quotes and line breaks; it
   * records which values were quoted, each record's line end and the byte-order mark.
   */
  private static final class CsvFile {
    final String raw;
    final boolean bom;
    final String firstLine;
    final List<Record> records = new ArrayList<>();
    final List<String> terminators = new ArrayList<>();
    int multiLineRecords;

    private CsvFile(String text) {
      bom = text.startsWith("\uFEFF");
      raw = bom ? text.substring(1) : text;
      int firstEnd = raw.indexOf('\n');
      firstLine = raw.substring(0, firstEnd < 0 ? raw.length() : firstEnd).replace("\r", "");
      parse();
    }

    static CsvFile read(Path file) throws IOException {
      return new CsvFile(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    List<String> header() {
      return records.get(0).values();
    }

    List<List<String>> rows() {
      return records.subList(1, records.size()).stream()
          .map(Record::values)
          .collect(Collectors.toList());
    }

    private void parse() {
      List<String> values = new ArrayList<>();
      List<Boolean> quoted = new ArrayList<>();
      StringBuilder value = new StringBuilder();
      boolean inQuotes = false;
      boolean wasQuoted = false;
      boolean multiLine = false;
      int i = 0;
      int n = raw.length();
      while (i < n) {
        char c = raw.charAt(i);
        if (inQuotes) {
          if (c == '"') {
            if (i + 1 < n && raw.charAt(i + 1) == '"') {
              value.append('"');
              i += 2;
              continue;
            }
            inQuotes = false;
          } else {
            if (c == '\n' || c == '\r') {
              multiLine = true;
            }
            value.append(c);
          }
          i++;
        } else if (c == '"') {
          if (value.length() > 0 || wasQuoted) {
            throw new IllegalStateException("stray quote at " + i);
          }
          inQuotes = true;
          wasQuoted = true;
          i++;
        } else if (c == ',') {
          values.add(value.toString());
          quoted.add(wasQuoted);
          value.setLength(0);
          wasQuoted = false;
          i++;
        } else if (c == '\r' || c == '\n') {
          String end = c == '\r' && i + 1 < n && raw.charAt(i + 1) == '\n' ? "\r\n" : "" + c;
          if (end.equals("\r")) {
            throw new IllegalStateException("lone CR outside quotes at " + i);
          }
          values.add(value.toString());
          quoted.add(wasQuoted);
          finish(values, quoted, multiLine, end);
          values = new ArrayList<>();
          quoted = new ArrayList<>();
          value.setLength(0);
          wasQuoted = false;
          multiLine = false;
          i += end.length();
        } else {
          if (wasQuoted) {
            throw new IllegalStateException("text after closing quote at " + i);
          }
          value.append(c);
          i++;
        }
      }
      if (inQuotes) {
        throw new IllegalStateException("unterminated quoted value");
      }
      if (value.length() > 0 || wasQuoted || !values.isEmpty()) {
        values.add(value.toString());
        quoted.add(wasQuoted);
        finish(values, quoted, multiLine, "");
      }
    }

    private void finish(List<String> values, List<Boolean> quoted, boolean multiLine, String end) {
      records.add(new Record(values, quoted, multiLine));
      terminators.add(end);
      if (multiLine) {
        multiLineRecords++;
      }
    }
  }
}
