package dev.lakehouse.jobs.olist.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests the hand-made landing fixture ({@code src/test/resources/olist/bronze/landing}). Its
 * quirks, all from the real files: headers quote every name and data lines quote only some values;
 * zip prefixes with leading zeros ({@code "01037"}); the misspelt product columns; the translation
 * file has a byte-order mark, CRLF line ends and no final newline; the reviews file has CRLF line
 * ends, a comment with a CRLF inside quotes, a comment with doubled quotes, accents, empty titles
 * and a repeated review_id; products has empty fields (bare and {@code ""}). Three records are
 * malformed: an orders line with 4 of 8 fields, one with 9, and a reviews line with 3 of 7.
 *
 * <p>The successful runs share one lakehouse root (set up once, see below); the failing runs each
 * get their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestOlistToBronzeTest {
  /** Rows per file in the fixture: read, into bronze, into quarantine. */
  private static final Map<String, long[]> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put("customers", new long[] {6, 6, 0});
    ROWS.put("geolocation", new long[] {5, 5, 0});
    ROWS.put("order_items", new long[] {4, 4, 0});
    ROWS.put("payments", new long[] {5, 5, 0});
    ROWS.put("reviews", new long[] {6, 5, 1});
    ROWS.put("orders", new long[] {6, 4, 2});
    ROWS.put("products", new long[] {4, 4, 0});
    ROWS.put("sellers", new long[] {3, 3, 0});
    ROWS.put("category_translation", new long[] {4, 4, 0});
  }

  private final SparkSession spark = TestSpark.session();
  private final IngestOlistToBronze job = new IngestOlistToBronze();

  // One lakehouse root, three runs: the fixture with a derived batch id, the same folder again,
  // then the same folder as batch "b2". Read-only tests look at the first batch only.
  private Path landing;
  private JobContext ctx;
  private JobResult first;
  private String firstProgress;
  private Map<String, Long> versionsAfterFirst;
  private Map<String, Long> countsAfterFirst;
  private JobResult again;
  private String againProgress;
  private Map<String, Long> versionsAfterAgain;
  private Map<String, Long> countsAfterAgain;
  private JobResult second;

  @BeforeAll
  void ingestTheFixtureAgainAndAsASecondBatch(@TempDir Path dir) {
    landing = BronzeFixture.copyLanding(dir);
    Path root = dir.resolve("lake");

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    ctx = context(root, null, landing.toString(), progress);
    long start = System.nanoTime();
    first = job.run(spark, ctx);
    System.out.printf(
        "first ingest of the fixture took %.1fs%n", (System.nanoTime() - start) / 1e9);
    firstProgress = progress.toString(StandardCharsets.UTF_8);
    System.out.print(firstProgress);
    versionsAfterFirst = versions(ctx);
    countsAfterFirst = counts(ctx);

    progress.reset();
    start = System.nanoTime();
    again = job.run(spark, context(root, null, landing.toString(), progress));
    System.out.printf("re-ingest took %.1fs%n", (System.nanoTime() - start) / 1e9);
    againProgress = progress.toString(StandardCharsets.UTF_8);
    System.out.print(againProgress);
    versionsAfterAgain = versions(ctx);
    countsAfterAgain = counts(ctx);

    start = System.nanoTime();
    second = job.run(spark, context(root, "b2", landing.toString(), null));
    System.out.printf("second batch took %.1fs%n", (System.nanoTime() - start) / 1e9);
  }

  @Test
  void reportsADerivedBatchAndTheTotals() {
    String batch = first.batchId().orElseThrow();
    assertThat(batch).matches("olist-[0-9a-f]{12}");
    assertThat(first.rowsIn()).isEqualTo(43);
    assertThat(first.rowsOut()).isEqualTo(40);
    assertThat(first.writes())
        .extracting(TableWrite::table, TableWrite::operation, TableWrite::version)
        .containsExactlyInAnyOrder(
            tuple("bronze.olist.customers", "WRITE", 0L),
            tuple("bronze.olist.geolocation", "WRITE", 0L),
            tuple("bronze.olist.order_items", "WRITE", 0L),
            tuple("bronze.olist.payments", "WRITE", 0L),
            tuple("bronze.olist.reviews", "WRITE", 0L),
            tuple("bronze.olist.orders", "WRITE", 0L),
            tuple("bronze.olist.products", "WRITE", 0L),
            tuple("bronze.olist.sellers", "WRITE", 0L),
            tuple("bronze.olist.category_translation", "WRITE", 0L),
            tuple("_quarantine.olist.reviews", "WRITE", 0L),
            tuple("_quarantine.olist.orders", "WRITE", 0L));
  }

  @Test
  void accountsForEveryRowOfEveryFile() {
    String batch = first.batchId().orElseThrow();
    for (Map.Entry<String, long[]> e : ROWS.entrySet()) {
      String table = e.getKey();
      long[] n = e.getValue();
      assertThat(n[1] + n[2]).as(table).isEqualTo(n[0]);
      assertThat(DeltaIO.batchRows(spark, bronzePath(ctx, table), batch))
          .as("bronze rows of " + table)
          .isEqualTo(n[1]);
      assertThat(quarantine(ctx, table, batch).count())
          .as("quarantined rows of " + table)
          .isEqualTo(n[2]);
      assertThat(firstProgress)
          .containsPattern(
              "bronze\\.olist\\."
                  + table
                  + ": "
                  + n[0]
                  + " rows read, "
                  + n[1]
                  + " written, "
                  + n[2]
                  + " quarantined \\(v0, \\d+\\.\\ds\\)");
    }
  }

  @Test
  void bronzeHasTheSourceColumnsAsStringsPlusMetadata() {
    for (SourceFile f : OlistTables.FILES) {
      Dataset<Row> df = DeltaIO.read(spark, bronzePath(ctx, f.table()));
      List<String> expected = new java.util.ArrayList<>(f.header());
      expected.addAll(
          List.of(OlistTables.BATCH_ID, OlistTables.SOURCE_FILE, OlistTables.INGESTED_AT));
      assertThat(df.columns()).as(f.table()).containsExactlyElementsOf(expected);
      for (StructField field : df.schema().fields()) {
        assertThat(field.dataType())
            .as(f.table() + "." + field.name())
            .isEqualTo(
                field.name().equals(OlistTables.INGESTED_AT)
                    ? DataTypes.TimestampType
                    : DataTypes.StringType);
      }
    }
  }

  @Test
  void setsTheMetadataColumnsOnEveryRow() {
    String batch = first.batchId().orElseThrow();
    java.util.Set<Object> ingestedAt = new java.util.HashSet<>();
    for (SourceFile f : OlistTables.FILES) {
      List<Row> meta =
          bronze(f.table())
              .select(OlistTables.BATCH_ID, OlistTables.SOURCE_FILE, OlistTables.INGESTED_AT)
              .distinct()
              .collectAsList();
      assertThat(meta).as(f.table()).hasSize(1);
      Row m = meta.get(0);
      assertThat(m.getString(0)).isEqualTo(batch);
      assertThat(m.getString(1)).startsWith("file:").endsWith("/landing/" + f.fileName());
      assertThat(m.get(2)).isNotNull();
      ingestedAt.add(m.get(2));
    }
    assertThat(ingestedAt).as("one ingestion time per run").hasSize(1);
  }

  @Test
  void keepsLeadingZerosAccentsAndQuotedValues() {
    Map<String, Row> customers = byKey(bronze("customers"), "customer_id");
    Row c2 = customers.get("c0000000000000000000000000000002");
    assertThat(c2.<String>getAs("customer_unique_id"))
        .isEqualTo("1c000000000000000000000000000002");
    assertThat(c2.<String>getAs("customer_zip_code_prefix")).isEqualTo("01037");
    assertThat(c2.<String>getAs("customer_city")).isEqualTo("são paulo");
    assertThat(customers.get("c0000000000000000000000000000004").<String>getAs("customer_city"))
        .isEqualTo("sp / sp");

    Map<String, Row> sellers = byKey(bronze("sellers"), "seller_id");
    assertThat(
            sellers.get("5e000000000000000000000000000001").<String>getAs("seller_zip_code_prefix"))
        .isEqualTo("01037");
    assertThat(sellers.get("5e000000000000000000000000000003").<String>getAs("seller_city"))
        .isEqualTo("vendas@loja.com.br");

    assertThat(
            bronze("geolocation")
                .filter(col("geolocation_zip_code_prefix").equalTo("01037"))
                .select("geolocation_lat", "geolocation_city")
                .collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactlyInAnyOrder(
            tuple("-23.54562128115268", "sao paulo"),
            tuple("-23.54562128115268", "sao paulo"),
            tuple("-23.546081", "são paulo"));

    Row order2 = byKey(bronze("orders"), "order_id").get("a0000000000000000000000000000002");
    assertThat(order2.<String>getAs("order_purchase_timestamp")).isEqualTo("2018-07-24 20:41:37");
    assertThat(order2.<String>getAs("order_delivered_customer_date")).isNull();
    assertThat(order2.<String>getAs("order_estimated_delivery_date"))
        .isEqualTo("2018-08-13 00:00:00");
  }

  @Test
  void turnsEmptyFieldsIntoNulls() {
    Row p3 = byKey(bronze("products"), "product_id").get("b0000000000000000000000000000003");
    assertThat(p3.<String>getAs("product_category_name")).as("quoted empty").isNull();
    assertThat(p3.<String>getAs("product_name_lenght")).as("bare empty").isNull();
    assertThat(p3.<String>getAs("product_description_lenght")).isNull();
    assertThat(p3.<String>getAs("product_photos_qty")).isNull();
    assertThat(p3.<String>getAs("product_weight_g")).isEqualTo("300");
    assertThat(p3.<String>getAs("product_width_cm")).isEqualTo("16");
  }

  @Test
  void readsReviewsWithCrlfMultiLineCommentsAndDoubledQuotes() {
    List<Row> reviews =
        bronze("reviews")
            .select(
                "review_id",
                "order_id",
                "review_score",
                "review_comment_title",
                "review_comment_message",
                "review_creation_date",
                "review_answer_timestamp")
            .collectAsList();
    assertThat(reviews)
        .extracting(
            r -> r.getString(0),
            r -> r.getString(1),
            r -> r.getString(2),
            r -> r.getString(3),
            r -> r.getString(4),
            r -> r.getString(5),
            r -> r.getString(6))
        .containsExactlyInAnyOrder(
            tuple(
                "d0000000000000000000000000000001",
                "a0000000000000000000000000000001",
                "4",
                null,
                null,
                "2017-10-11 00:00:00",
                "2017-10-12 03:43:48"),
            tuple(
                "d0000000000000000000000000000002",
                "a0000000000000000000000000000002",
                "5",
                null,
                "Recebi bem antes do prazo estipulado.",
                "2018-08-08 00:00:00",
                "2018-08-08 18:37:50"),
            tuple(
                "d0000000000000000000000000000003",
                "a0000000000000000000000000000005",
                "1",
                "Não recomendo",
                "O produto não chegou.\nQuero meu dinheiro de volta!",
                "2018-02-27 00:00:00",
                "2018-03-01 10:15:00"),
            tuple(
                "d0000000000000000000000000000004",
                "a0000000000000000000000000000003",
                "3",
                "Ótimo",
                "Veio escrito \"frágil\" na caixa, mas chegou amassado",
                "2018-09-05 00:00:00",
                "2018-09-06 12:00:00"),
            tuple(
                "d0000000000000000000000000000001",
                "a0000000000000000000000000000006",
                "4",
                null,
                null,
                "2017-08-02 00:00:00",
                "2017-08-03 09:00:00"));
  }

  @Test
  void readsTheTranslationFileWithoutItsByteOrderMarkOrCarriageReturns() {
    Dataset<Row> t = bronze("category_translation");
    assertThat(t.columns()[0]).isEqualTo("product_category_name");
    assertThat(t.select("product_category_name", "product_category_name_english").collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactlyInAnyOrder(
            tuple("perfumaria", "perfumery"),
            tuple("informatica_acessorios", "computers_accessories"),
            tuple("beleza_saude", "health_beauty"),
            tuple("cama_mesa_banho", "bed_bath_table"));
  }

  @Test
  void noValueAnywhereCarriesACarriageReturnOrByteOrderMark() {
    for (SourceFile f : OlistTables.FILES) {
      Column dirty = lit(false);
      for (String c : f.header()) {
        dirty = dirty.or(col(c).contains("\r")).or(col(c).contains("\uFEFF"));
      }
      assertThat(bronze(f.table()).filter(dirty).collectAsList()).as(f.table()).isEmpty();
    }
  }

  @Test
  void quarantinesMalformedRecordsWithTheirRawTextAndReason() {
    String batch = first.batchId().orElseThrow();
    assertThat(
            quarantine(ctx, "orders", batch)
                .select("raw", "reason", "_source_file", "job", "layer")
                .collectAsList())
        .extracting(
            r -> r.getString(0),
            r -> r.getString(1),
            r -> r.getString(2).replaceAll(".*/", ""),
            r -> r.getString(3),
            r -> r.getString(4))
        .containsExactlyInAnyOrder(
            tuple(
                "a0000000000000000000000000000004,c0000000000000000000000000000004,delivered,"
                    + "\"2017-11-18 19:28:06\"",
                "malformed CSV record: expected 8 fields, found 4",
                "olist_orders_dataset.csv",
                "olist.ingest_bronze",
                "bronze"),
            tuple(
                "a0000000000000000000000000000006,c0000000000000000000000000000006,delivered,"
                    + "\"2017-07-09 21:57:05\",\"2017-07-09 22:10:13\",\"2017-07-11 14:58:04\","
                    + "\"2017-07-26 10:57:55\",\"2017-08-01 00:00:00\",extra",
                "malformed CSV record: expected 8 fields, found 9",
                "olist_orders_dataset.csv",
                "olist.ingest_bronze",
                "bronze"));
    assertThat(quarantine(ctx, "reviews", batch).select("raw", "reason").collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactly(
            tuple(
                "d0000000000000000000000000000005,a0000000000000000000000000000004,\"5\"",
                "malformed CSV record: expected 7 fields, found 3"));
    assertThat(
            bronze("orders")
                .filter(col("order_id").endsWith("4").or(col("order_id").endsWith("6")))
                .count())
        .isZero();
  }

  @Test
  void reIngestingTheSameFolderIsANoOp() {
    assertThat(again.batchId()).isEqualTo(first.batchId());
    assertThat(again.rowsIn()).isEqualTo(43);
    assertThat(again.rowsOut()).isEqualTo(40);
    assertThat(again.writes()).hasSize(9).allMatch(TableWrite::skipped);
    assertThat(versionsAfterAgain).isEqualTo(versionsAfterFirst);
    assertThat(countsAfterAgain).isEqualTo(countsAfterFirst);
    assertThat(againProgress)
        .contains(
            "bronze.olist.orders: already ingested (batch "
                + first.batchId().orElseThrow()
                + "), skipped: 4 rows in bronze, 2 quarantined");
  }

  @Test
  void aSecondBatchAppends() {
    assertThat(second.batchId()).contains("b2");
    assertThat(second.rowsIn()).isEqualTo(43);
    assertThat(second.rowsOut()).isEqualTo(40);
    assertThat(second.writes())
        .hasSize(11)
        .allSatisfy(
            w -> {
              assertThat(w.operation()).as(w.table()).isEqualTo("WRITE");
              assertThat(w.version()).as(w.table()).isEqualTo(1L);
            });
    String firstBatch = first.batchId().orElseThrow();
    for (Map.Entry<String, long[]> e : ROWS.entrySet()) {
      long bronzeRows = e.getValue()[1];
      assertThat(
              DeltaIO.read(spark, bronzePath(ctx, e.getKey()))
                  .groupBy(OlistTables.BATCH_ID)
                  .count()
                  .collectAsList())
          .as(e.getKey())
          .extracting(r -> r.getString(0), r -> r.getLong(1))
          .containsExactlyInAnyOrder(tuple(firstBatch, bronzeRows), tuple("b2", bronzeRows));
      if (e.getValue()[2] > 0) {
        assertThat(quarantine(ctx, e.getKey(), "b2").count()).isEqualTo(e.getValue()[2]);
      }
    }
    assertThat(
            DeltaIO.read(spark, bronzePath(ctx, "sellers"))
                .select(OlistTables.BATCH_ID, OlistTables.INGESTED_AT)
                .distinct()
                .count())
        .as("each batch has its own ingestion time")
        .isEqualTo(2);
  }

  @Test
  void missingFileFailsWithUsageAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.delete(landing.resolve("olist_sellers_dataset.csv"));
    LakehouseException e = failure(tmp, landing.toString());
    assertThat(e.getMessage())
        .contains("Source file olist_sellers_dataset.csv is missing from " + landing);
  }

  @Test
  void relativeSourceIsResolvedAgainstTheWorkingDirectory(@TempDir Path tmp) throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.delete(landing.resolve("olist_customers_dataset.csv"));
    Path relative = Path.of("").toAbsolutePath().relativize(landing.toAbsolutePath());
    assertThat(relative.isAbsolute()).isFalse();
    LakehouseException e = failure(tmp, relative.toString());
    assertThat(e.getMessage())
        .contains(
            "olist_customers_dataset.csv is missing from " + landing.toAbsolutePath().normalize());
  }

  @Test
  void emptyFileFailsWithUsageAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.write(landing.resolve("olist_order_items_dataset.csv"), new byte[0]);
    LakehouseException e = failure(tmp, landing.toString());
    assertThat(e.getMessage())
        .contains("olist_order_items_dataset.csv is empty")
        .contains(landing.toString());
  }

  @Test
  void wrongHeaderFailsWithUsageNamingTheDifferenceAndWritesNothing(@TempDir Path tmp)
      throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    // The last file checked, so the eight good files before it are not written either.
    Path translation = landing.resolve("product_category_name_translation.csv");
    byte[] bytes = Files.readAllBytes(translation);
    String text = new String(bytes, StandardCharsets.UTF_8);
    Files.write(
        translation,
        text.replace("\"product_category_name_english\"", "\"english_name\"")
            .getBytes(StandardCharsets.UTF_8));
    LakehouseException e = failure(tmp, landing.toString());
    assertThat(e.getMessage())
        .contains("product_category_name_translation.csv has an unexpected header")
        .contains("missing column product_category_name_english; unexpected column english_name");
  }

  private LakehouseException failure(Path tmp, String source) {
    Path root = tmp.resolve("lake");
    LakehouseException e =
        catchThrowableOfType(
            LakehouseException.class, () -> job.run(spark, context(root, null, source, null)));
    assertThat(e).isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(root.resolve("bronze")).doesNotExist();
    assertThat(root.resolve("_quarantine")).doesNotExist();
    for (SourceFile f : OlistTables.FILES) {
      assertThat(DeltaIO.exists(spark, root.resolve("bronze/olist/" + f.table()).toString()))
          .isFalse();
    }
    return e;
  }

  private static JobContext context(
      Path root, String batch, String source, ByteArrayOutputStream progress) {
    JobContext c = TestSpark.context(root, batch, source);
    Progress p =
        progress == null
            ? c.progress()
            : new Progress(new PrintStream(progress, true, StandardCharsets.UTF_8));
    return new JobContext(
        c.runId(),
        c.batchId(),
        c.source(),
        c.runDate(),
        c.from(),
        c.to(),
        c.settings(),
        c.layout(),
        p);
  }

  /** The first batch of a bronze table. */
  private Dataset<Row> bronze(String table) {
    return DeltaIO.read(spark, bronzePath(ctx, table))
        .filter(col(OlistTables.BATCH_ID).equalTo(first.batchId().orElseThrow()));
  }

  private static String bronzePath(JobContext ctx, String table) {
    return ctx.layout().path(TableId.bronze(OlistTables.DOMAIN, table));
  }

  private Dataset<Row> quarantine(JobContext ctx, String table, String batch) {
    String path = ctx.layout().quarantine(OlistTables.DOMAIN, table);
    if (!DeltaIO.exists(spark, path)) {
      return spark.emptyDataFrame();
    }
    return DeltaIO.read(spark, path).filter(col(DeltaIO.BATCH_COLUMN).equalTo(batch));
  }

  private Map<String, Long> versions(JobContext ctx) {
    Map<String, Long> v = new HashMap<>();
    for (SourceFile f : OlistTables.FILES) {
      v.put("bronze." + f.table(), DeltaIO.version(spark, bronzePath(ctx, f.table())));
      v.put(
          "quarantine." + f.table(),
          DeltaIO.version(spark, ctx.layout().quarantine(OlistTables.DOMAIN, f.table())));
    }
    return v;
  }

  private Map<String, Long> counts(JobContext ctx) {
    Map<String, Long> n = new HashMap<>();
    for (SourceFile f : OlistTables.FILES) {
      n.put(f.table(), DeltaIO.read(spark, bronzePath(ctx, f.table())).count());
    }
    return n;
  }

  private static Map<String, Row> byKey(Dataset<Row> df, String key) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      assertThat(m.put(r.getAs(key), r)).as("duplicate " + key).isNull();
    }
    return m;
  }
}
