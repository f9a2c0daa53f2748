package dev.lakehouse.jobs.olist.silver;

import static dev.lakehouse.jobs.olist.silver.BronzeFixtures.bronze;
import static dev.lakehouse.jobs.olist.silver.BronzeFixtures.row;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class OlistSilverTransformsTest {
  private static final String T1 = "2018-10-17 10:00:00";
  private static final String T2 = "2018-10-18 10:00:00";

  static {
    TestSpark.session();
  }

  /** Rows as "a|b|c" strings (values cast to string, null as "null"), for order-free checks. */
  static List<String> lines(Dataset<Row> df, String... columns) {
    Column[] cs =
        Arrays.stream(columns)
            .map(c -> coalesce(col(c).cast("string"), lit("null")))
            .toArray(Column[]::new);
    return df.select(concat_ws("|", cs)).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  static List<String> schemaOf(Dataset<Row> df) {
    return Arrays.stream(df.schema().fields())
        .map((StructField f) -> f.name() + ":" + f.dataType().simpleString())
        .toList();
  }

  @Test
  void everySilverTableHasTheContractedNamesAndTypes() {
    Dataset<Row> translation = bronze(OlistTables.CATEGORY_TRANSLATION, "b1", T1);
    Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
    silver.put(
        "customers", OlistSilverTransforms.customers(bronze(OlistTables.CUSTOMERS, "b1", T1)));
    silver.put("sellers", OlistSilverTransforms.sellers(bronze(OlistTables.SELLERS, "b1", T1)));
    silver.put(
        "products",
        OlistSilverTransforms.products(bronze(OlistTables.PRODUCTS, "b1", T1), translation));
    silver.put("category_translation", OlistSilverTransforms.categoryTranslation(translation));
    silver.put(
        "geolocation",
        OlistSilverTransforms.geolocation(bronze(OlistTables.GEOLOCATION, "b1", T1)));
    silver.put("orders", OlistSilverTransforms.orders(bronze(OlistTables.ORDERS, "b1", T1)));
    silver.put(
        "order_items", OlistSilverTransforms.orderItems(bronze(OlistTables.ORDER_ITEMS, "b1", T1)));
    silver.put("payments", OlistSilverTransforms.payments(bronze(OlistTables.PAYMENTS, "b1", T1)));
    silver.put("reviews", OlistSilverTransforms.reviews(bronze(OlistTables.REVIEWS, "b1", T1)));

    String meta = "_batch_id:string,_updated_at:timestamp";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(
        "customers",
        "customer_id:string,customer_unique_id:string,zip_code_prefix:string,city:string,"
            + "state:string,"
            + meta);
    expected.put(
        "sellers", "seller_id:string,zip_code_prefix:string,city:string,state:string," + meta);
    expected.put(
        "products",
        "product_id:string,category_name:string,category_name_english:string,name_length:int,"
            + "description_length:int,photos_qty:int,weight_g:int,length_cm:int,height_cm:int,"
            + "width_cm:int,"
            + meta);
    expected.put(
        "category_translation", "category_name:string,category_name_english:string," + meta);
    expected.put(
        "geolocation",
        "zip_code_prefix:string,lat:double,lng:double,city:string,state:string,points:int," + meta);
    expected.put(
        "orders",
        "order_id:string,customer_id:string,order_status:string,purchased_at:timestamp,"
            + "approved_at:timestamp,delivered_carrier_at:timestamp,"
            + "delivered_customer_at:timestamp,estimated_delivery_at:timestamp,"
            + meta);
    expected.put(
        "order_items",
        "order_id:string,order_item_id:int,product_id:string,seller_id:string,"
            + "shipping_limit_at:timestamp,price:decimal(12,2),freight_value:decimal(12,2),"
            + meta);
    expected.put(
        "payments",
        "order_id:string,payment_sequential:int,payment_type:string,installments:int,"
            + "value:decimal(12,2),"
            + meta);
    expected.put(
        "reviews",
        "review_id:string,order_id:string,score:int,comment_title:string,comment_message:string,"
            + "created_at:timestamp,answered_at:timestamp,"
            + meta);
    for (SilverTable t : SilverTable.values()) {
      String name = t.source().table();
      assertThat(String.join(",", schemaOf(silver.get(name))))
          .as(name)
          .isEqualTo(expected.get(name));
    }
  }

  @Test
  void customersAndSellersGetPaddedZipsLowerCaseCitiesUpperCaseStates() {
    Dataset<Row> customers =
        OlistSilverTransforms.customers(
            bronze(
                OlistTables.CUSTOMERS,
                "b1",
                T1,
                row("c1", "u1", "1037", " São Paulo ", " sp"),
                row("c2", "", "01037", "RIO DE JANEIRO\r", "RJ"),
                row(" c3 ", "u3", "\uFEFF99990", "", "")));
    assertThat(
            lines(
                customers, "customer_id", "customer_unique_id", "zip_code_prefix", "city", "state"))
        .containsExactlyInAnyOrder(
            "c1|u1|01037|são paulo|SP", "c2|null|01037|rio de janeiro|RJ", "c3|u3|99990|null|null");

    Dataset<Row> sellers =
        OlistSilverTransforms.sellers(
            bronze(OlistTables.SELLERS, "b1", T1, row("s1", "1037.0", "SP / SP", "sp")));
    assertThat(lines(sellers, "seller_id", "zip_code_prefix", "city", "state", "_batch_id"))
        .containsExactly("s1|01037|sp / sp|SP|b1");
  }

  @Test
  void ordersKeepWallClockTimestampsAndEmptyDatesBecomeNull() {
    Dataset<Row> orders =
        OlistSilverTransforms.orders(
            bronze(
                OlistTables.ORDERS,
                "b1",
                T1,
                row(
                    "o1",
                    "c1",
                    "delivered",
                    "2017-10-02 10:56:33",
                    "2017-10-02 11:07:15",
                    "2017-10-04 19:55:00",
                    "",
                    "2017-10-18 00:00:00")));
    assertThat(
            lines(
                orders,
                "order_id",
                "customer_id",
                "order_status",
                "purchased_at",
                "approved_at",
                "delivered_carrier_at",
                "delivered_customer_at",
                "estimated_delivery_at"))
        .containsExactly(
            "o1|c1|delivered|2017-10-02 10:56:33|2017-10-02 11:07:15|2017-10-04 19:55:00|null|"
                + "2017-10-18 00:00:00");
  }

  @Test
  void moneyIsExactAndUntypableRowsAreRejectedWithTheirReason() {
    Dataset<Row> bronze =
        bronze(
            OlistTables.ORDER_ITEMS,
            "b1",
            T1,
            row("o1", "1", "p1", "s1", "2017-09-19 09:45:35", "58.90", "13.29"),
            row("o1", "2", "p2", "s1", "2017-09-19 09:45:35", "0.5", "0"),
            row("o1", "2", "p2", "s1", "2017-09-19 09:45:35", "0.5", "0"),
            row("o2", "1", "p1", "s1", "2017-09-19 09:45:35", "12,5a", "1.00"),
            row("o3", "x", "p1", "s1", "", "1.00", "1.00"),
            row("", "1", "p1", "s1", "19/09/2017", "1.00", "1.00"));
    Dataset<Row> typed = OlistSilverTransforms.typed(SilverTable.ORDER_ITEMS, bronze);
    Dataset<Row> silver =
        OlistSilverTransforms.silver(
            SilverTable.ORDER_ITEMS, OlistSilverTransforms.valid(typed), null);
    Dataset<Row> rejected = OlistSilverTransforms.rejected(typed);

    List<Row> items = silver.orderBy("order_id", "order_item_id").collectAsList();
    assertThat(items).hasSize(2);
    assertThat(items.get(0).<BigDecimal>getAs("price")).isEqualTo(new BigDecimal("58.90"));
    assertThat(items.get(0).<BigDecimal>getAs("freight_value")).isEqualTo(new BigDecimal("13.29"));
    assertThat(items.get(1).<BigDecimal>getAs("price")).isEqualTo(new BigDecimal("0.50"));
    assertThat(items.get(1).<Integer>getAs("order_item_id")).isEqualTo(2);

    assertThat(lines(rejected, "reason"))
        .containsExactlyInAnyOrder(
            "price '12,5a' is not an amount with at most 2 decimal places",
            "order_item_id 'x' is not an integer",
            "order_id is empty; shipping_limit_date '19/09/2017' is not a timestamp"
                + " yyyy-MM-dd HH:mm:ss");
    assertThat(lines(rejected, "raw"))
        .anySatisfy(raw -> assertThat(raw).contains("\"price\":\"12,5a\"", "\"order_id\":\"o2\""));
    assertThat(lines(rejected, "_source_file"))
        .allSatisfy(f -> assertThat(f).endsWith("/b1/olist_order_items_dataset.csv"));

    long in = bronze.count();
    long duplicates = OlistSilverTransforms.valid(typed).count() - silver.count();
    assertThat(duplicates).isEqualTo(1);
    assertThat(in).isEqualTo(silver.count() + rejected.count() + duplicates);
  }

  @Test
  void paymentsNeedAnIntegerSequenceButEmptyOptionalValuesAreNull() {
    Dataset<Row> typed =
        OlistSilverTransforms.typed(
            SilverTable.PAYMENTS,
            bronze(
                OlistTables.PAYMENTS,
                "b1",
                T1,
                row("o1", "1", "voucher", "", "0.00"),
                row("o1", "1.5", "voucher", "1", "5.00"),
                row("o1", "", "voucher", "1", "5.00")));
    assertThat(
            lines(
                OlistSilverTransforms.valid(typed),
                "order_id",
                "payment_sequential",
                "payment_type",
                "installments",
                "value"))
        .containsExactly("o1|1|voucher|null|0.00");
    assertThat(lines(OlistSilverTransforms.rejected(typed), "reason"))
        .containsExactlyInAnyOrder(
            "payment_sequential '1.5' is not an integer", "payment_sequential is empty");
  }

  @Test
  void productsGetCorrectedNamesUnknownCategoriesAndEnglishNames() {
    Dataset<Row> translation =
        bronze(
                OlistTables.CATEGORY_TRANSLATION,
                "b1",
                T1,
                row("\uFEFFbeleza_saude", "health_beauty\r"),
                row("perfumaria", "perfume"))
            .unionByName(
                bronze(OlistTables.CATEGORY_TRANSLATION, "b2", T2, row("perfumaria", "perfumery")));
    Dataset<Row> products =
        OlistSilverTransforms.products(
            bronze(
                OlistTables.PRODUCTS,
                "b1",
                T1,
                row("p1", "perfumaria", "40", "287", "1", "225", "16", "10", "14"),
                row("p2", "", "", "", "", "0", "", "", ""),
                row("p3", "pc_gamer", "59", "1000", "2", "500", "30", "20", "25"),
                row("p4", " beleza_saude ", "1", "2", "3", "4", "5", "6", "7")),
            translation);
    assertThat(
            lines(
                products,
                "product_id",
                "category_name",
                "category_name_english",
                "name_length",
                "description_length",
                "photos_qty",
                "weight_g",
                "length_cm",
                "height_cm",
                "width_cm"))
        .containsExactlyInAnyOrder(
            "p1|perfumaria|perfumery|40|287|1|225|16|10|14",
            "p2|unknown|unknown|null|null|null|0|null|null|null",
            "p3|pc_gamer|pc_gamer|59|1000|2|500|30|20|25",
            "p4|beleza_saude|health_beauty|1|2|3|4|5|6|7");
    assertThat(
            lines(
                OlistSilverTransforms.categoryTranslation(translation),
                "category_name",
                "category_name_english",
                "_batch_id"))
        .containsExactlyInAnyOrder("beleza_saude|health_beauty|b1", "perfumaria|perfumery|b2");
  }

  @Test
  void geolocationCollapsesSpellingsPerZipAndDropsPointsOutsideBrazil() {
    Dataset<Row> bronze =
        bronze(
            OlistTables.GEOLOCATION,
            "b1",
            T1,
            row("1037", "-23.50", "-46.60", "São Paulo", "SP"),
            row("01037", "-23.70", "-46.80", "sao paulo", "SP"),
            row("01037", "-23.60", "-46.70", " SAO PAULO ", "sp"),
            row("01037", "-23.60", "-46.70", " SAO PAULO ", "sp"),
            row("01037", "-23.40", "-46.50", "são paulo", "SP"),
            row("01037", "40.71", "-74.01", "new york", "SP"),
            row("24000", "-22.90", "-43.20", "Niterói", "RJ"),
            row("24000", "-22.80", "-43.10", "rio de janeiro", "RJ"),
            row("24000", "abc", "-43.10", "rio de janeiro", "RJ"));
    Dataset<Row> typed = OlistSilverTransforms.typed(SilverTable.GEOLOCATION, bronze);
    Dataset<Row> valid = OlistSilverTransforms.valid(typed);
    Dataset<Row> geo = OlistSilverTransforms.silver(SilverTable.GEOLOCATION, valid, null);

    assertThat(lines(geo, "zip_code_prefix", "city", "state", "points", "_batch_id"))
        .containsExactlyInAnyOrder("01037|sao paulo|SP|4|b1", "24000|niteroi|RJ|2|b1");
    Row sp = geo.filter(col("zip_code_prefix").equalTo("01037")).first();
    assertThat(sp.<Double>getAs("lat")).isCloseTo(-23.55, within(1e-12));
    assertThat(sp.<Double>getAs("lng")).isCloseTo(-46.65, within(1e-12));
    Row rj = geo.filter(col("zip_code_prefix").equalTo("24000")).first();
    assertThat(rj.<Double>getAs("lat")).isCloseTo(-22.85, within(1e-12));

    long outside = valid.filter(not(OlistSilverTransforms.insideBrazil())).count();
    long quarantined = OlistSilverTransforms.rejected(typed).count();
    assertThat(outside).isEqualTo(1);
    assertThat(quarantined).isEqualTo(1);
    assertThat(lines(OlistSilverTransforms.rejected(typed), "reason"))
        .containsExactly("geolocation_lat 'abc' is not a coordinate in decimal degrees");
    // 9 rows: 2 zips, 1 quarantined, 1 outside Brazil, 5 folded into their zip's row.
    long collapsed = bronze.count() - geo.count() - quarantined - outside;
    assertThat(collapsed).isEqualTo(5);
  }

  @Test
  void reviewsAreKeyedByReviewAndOrderAndTheLatestIngestionWins() {
    Dataset<Row> first =
        bronze(
            OlistTables.REVIEWS,
            "b1",
            T1,
            row(
                "r1",
                "o1",
                "5",
                "",
                "Ótimo\r\nproduto",
                "2018-01-18 00:00:00",
                "2018-01-18 21:46:59"),
            row(
                "r1",
                "o2",
                "5",
                "",
                "Ótimo\r\nproduto",
                "2018-01-18 00:00:00",
                "2018-01-18 21:46:59"),
            row("r2", "o3", "4", "", "", "2018-03-10 00:00:00", "2018-03-11 03:05:13"),
            row("r2", "o3", "4", "", "", "2018-03-10 00:00:00", "2018-03-11 03:05:13"),
            row("r3", "o4", "1", "ruim", "", "2018-02-17 00:00:00", ""));
    Dataset<Row> second =
        bronze(
            OlistTables.REVIEWS,
            "b2",
            T2,
            row("r3", "o4", "2", "ruim", "chegou", "2018-02-17 00:00:00", "2018-02-18 13:02:51"));
    Dataset<Row> reviews = OlistSilverTransforms.reviews(first.unionByName(second));
    assertThat(
            lines(
                reviews,
                "review_id",
                "order_id",
                "score",
                "comment_title",
                "comment_message",
                "answered_at",
                "_batch_id"))
        .containsExactlyInAnyOrder(
            "r1|o1|5|null|Ótimo\r\nproduto|2018-01-18 21:46:59|b1",
            "r1|o2|5|null|Ótimo\r\nproduto|2018-01-18 21:46:59|b1",
            "r2|o3|4|null|null|2018-03-11 03:05:13|b1",
            "r3|o4|2|ruim|chegou|2018-02-18 13:02:51|b2");
  }
}
