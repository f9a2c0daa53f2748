package dev.lakehouse.launcher.demo;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.GateReport;
import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.quality.Quarantine;
import dev.lakehouse.common.quality.RuleKind;
import dev.lakehouse.common.quality.RuleOutcome;
import dev.lakehouse.common.quality.Severity;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehouse report} on the shared demo lakehouse (written to a folder of the test's own, so
 * the demo stays as it is): the index lists every table with the gate status {@code
 * _ops/dq_results} holds, table pages carry trend charts and the lineage neighbours the events
 * give, and both pages render in headless Chromium (DOM checked, screenshots under {@code
 * target/report-screenshots/}). A second, tiny lakehouse adds what the demo does not produce: a
 * failed gate and quarantined rows.
 */
class QualityReportTest {
  static final TableId SILVER_ORDERS = TableId.silver("olist", "orders");
  static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  @TempDir static Path out;
  @TempDir static Path browserWork;
  static String output;
  static int exitCode;

  @BeforeAll
  static void writeReport() {
    DemoLakehouse.root();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    exitCode =
        Lakehouse.execute(
            new String[] {"report", "--out", out.toString()},
            DemoLakehouse.env(),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    output = buf.toString(StandardCharsets.UTF_8);
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static Path page(Path dir, TableId t) {
    return dir.resolve("tables").resolve(t + ".html");
  }

  /** The index row of a table, from its opening tag to its end. */
  static String indexRow(String index, TableId t) {
    int start = index.indexOf("<tr data-table=\"" + t + "\">");
    assertThat(start).as("index row of " + t).isNotNegative();
    return index.substring(start, index.indexOf("</tr>", start));
  }

  /**
   * The gate status of each table's latest run, worked out from the results table in one read:
   * failed when an error rule failed, warning when only warning rules did.
   */
  static Map<String, String> latestStatuses(SparkSession spark, TableLayout layout) {
    Map<String, java.sql.Timestamp> latestAt = new HashMap<>();
    Map<String, Set<String>> statuses = new HashMap<>();
    for (Row r :
        QualityResults.read(spark, layout)
            .select("table", "checked_at", "status")
            .orderBy("checked_at")
            .collectAsList()) {
      String table = r.getString(0);
      java.sql.Timestamp at = r.getTimestamp(1);
      if (!at.equals(latestAt.get(table))) {
        latestAt.put(table, at);
        statuses.put(table, new HashSet<>());
      }
      statuses.get(table).add(r.getString(2));
    }
    Map<String, String> out = new HashMap<>();
    statuses.forEach(
        (t, s) ->
            out.put(
                t, s.contains("FAILED") ? "failed" : s.contains("WARNING") ? "warning" : "passed"));
    return out;
  }

  @Test
  void indexListsEveryTableWithItsLatestGateStatus() throws IOException {
    assertThat(exitCode).as(output).isZero();
    assertThat(output)
        .contains("Quality report of " + DemoLakehouse.root())
        .contains(SILVER_ORDERS + ": ")
        .contains("Report: ");
    SparkSession spark = DemoLakehouse.spark();
    TableLayout layout = new TableLayout(DemoLakehouse.root().toString());
    List<TableId> tables =
        new TableCatalog(spark, layout)
            .list().stream().flatMap(ref -> ref.medallion().stream()).toList();
    assertThat(tables).hasSizeGreaterThan(20);
    String index = read(out.resolve("index.html"));
    Set<String> seen = new HashSet<>();
    Map<String, String> latest = latestStatuses(spark, layout);
    for (TableId t : tables) {
      String row = indexRow(index, t);
      String status = latest.getOrDefault(t.toString(), "none");
      assertThat(row).as(t.toString()).contains("<span class=\"badge " + status + "\">");
      seen.add(status);
      assertThat(page(out, t)).as(t.toString()).exists();
    }
    // The demo passes every gate, some with warnings (see DemoLakehouseTest).
    assertThat(seen).contains("passed", "warning");
    long rows = DeltaIO.read(spark, layout.path(SILVER_ORDERS)).count();
    assertThat(indexRow(index, SILVER_ORDERS))
        .contains(String.format(java.util.Locale.ROOT, "<td class=\"num\">%,d</td>", rows));
    // Self-contained: nothing is fetched or run.
    assertThat(index).doesNotContain("<script", "<link", "@import", "url(");
  }

  @Test
  void tablePageShowsChartsAndLineageNeighbours() throws IOException {
    String html = read(page(out, SILVER_ORDERS));
    assertThat(html).contains("<svg class=\"chart\"").contains("<circle class=\"pt ");
    String up = section(html, "upstream");
    String down = section(html, "downstream");
    assertThat(up).contains("<a href=\"bronze.olist.orders.html\">bronze.olist.orders</a>");
    assertThat(up).doesNotContain("gold.", "silver.olist.orders<");
    assertThat(down).contains("<a href=\"gold.olist.daily_sales.html\">gold.olist.daily_sales</a>");
    assertThat(down).doesNotContain("bronze.");
    assertThat(html).contains("olist_promote_silver");
    // Bronze reads the landing file: shown as a dataset under the root.
    assertThat(section(read(page(out, TableId.bronze("olist", "orders"))), "upstream"))
        .contains("landing/olist/olist_orders_dataset.csv");
    // KAMIS silver computes from checkpoints (one-node plans): its writes still name the bronze
    // tables the rows came from.
    assertThat(section(read(page(out, TableId.silver("kamis", "item_prices"))), "upstream"))
        .contains("<a href=\"bronze.kamis.daily_price_by_category.html\">")
        .contains("<a href=\"bronze.kamis.eco_prices.html\">");
    // Every rule of the latest gate run is on the page.
    for (Row r :
        QualityResults.latest(
                DemoLakehouse.spark(),
                new TableLayout(DemoLakehouse.root().toString()),
                SILVER_ORDERS)
            .select("rule")
            .collectAsList()) {
      assertThat(html).contains("<td>" + r.getString(0) + "</td>");
    }
    assertThat(html).doesNotContain("<script", "<link", "@import", "url(");
  }

  static String section(String html, String id) {
    int start = html.indexOf("<div id=\"" + id + "\">");
    assertThat(start).as(id).isNotNegative();
    return html.substring(start, html.indexOf("</div>", start));
  }

  @Test
  void rendersInHeadlessChromium() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require(browserWork);
    Path index = out.resolve("index.html");
    Path orders = page(out, SILVER_ORDERS);
    String indexDom = chromium.dumpDom(index);
    assertThat(indexDom)
        .contains("Lakehouse quality report")
        .contains("gold.olist.daily_sales")
        .contains("bronze.kamis.");
    String ordersDom = chromium.dumpDom(orders);
    assertThat(ordersDom)
        .contains("Metric trends")
        .contains("<svg class=\"chart\"")
        .contains("bronze.olist.orders")
        .contains("Rule results over time");
    for (Path p : List.of(index, orders)) {
      Path png = SCREENSHOTS.resolve(p.getFileName().toString().replace(".html", ".png"));
      chromium.screenshot(p, png);
      assertNonTrivialPng(png);
    }
  }

  /** A real 1280 x 900 PNG with many colours, not a blank or error page. */
  static void assertNonTrivialPng(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1280);
    assertThat(img.getHeight()).isEqualTo(900);
    Set<Integer> colours = new HashSet<>();
    int dark = 0;
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
        if (grey < 128) {
          dark++;
        }
      }
    }
    assertThat(colours).as("distinct colours in " + png).hasSizeGreaterThan(50);
    assertThat(dark).as("dark pixels (text, header) in " + png).isGreaterThan(1000);
  }

  /**
   * A lakehouse of one bronze table whose quarantine holds rows of two layers, and a silver table
   * whose first gate failed (so it was never published).
   */
  @Test
  void failedGatesAndQuarantineOfATinyLakehouse(@TempDir Path root, @TempDir Path site)
      throws IOException {
    SparkSession spark = TestSpark.session();
    JobContext ctx = TestSpark.context(root, "b1", null);
    TableLayout layout = ctx.layout();
    TableId bronze = TableId.bronze("shop", "orders");
    TableId silver = TableId.silver("shop", "orders");
    StructType schema = new StructType().add("order_id", DataTypes.StringType);
    spark
        .createDataFrame(List.of(RowFactory.create("o1"), RowFactory.create("o2")), schema)
        .write()
        .format("delta")
        .save(layout.path(bronze));
    StructType rejected =
        new StructType()
            .add("raw", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("_source_file", DataTypes.StringType);
    Quarantine.append(
        spark,
        ctx,
        "shop.ingest_bronze",
        "bronze",
        "shop",
        "orders",
        "b1",
        spark.createDataFrame(
            List.of(
                RowFactory.create("o3,<b>bold</b>", "too many columns", "orders.csv"),
                RowFactory.create("o4,x,y", "too many columns", "orders.csv"),
                RowFactory.create("\"o5", "unclosed quote", "orders.csv")),
            rejected));
    Quarantine.append(
        spark,
        ctx,
        "shop.promote_silver",
        "silver",
        "shop",
        "orders",
        "b1",
        spark.createDataFrame(List.of(RowFactory.create("o2", "status unknown", null)), rejected));
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    QualityResults.append(
        spark,
        layout,
        gate("r1", "shop.ingest_bronze", bronze, RuleOutcome.Status.PASSED, 1.0, at));
    QualityResults.append(
        spark,
        layout,
        gate(
            "r2",
            "shop.promote_silver",
            silver,
            RuleOutcome.Status.FAILED,
            0.5,
            at.plusSeconds(60)));

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code =
        Lakehouse.execute(
            new String[] {"report", "--out", site.toString()},
            Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "none"),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed)
        .contains("No lineage events at ")
        .contains(silver + ": not published, gate FAILED, 1 quarantined");

    String index = read(site.resolve("index.html"));
    assertThat(indexRow(index, bronze))
        .contains("<span class=\"badge passed\">")
        .contains("<td class=\"num\">3</td>");
    assertThat(indexRow(index, silver)).contains("<span class=\"badge failed\">", "not published");
    String bronzePage = read(page(site, bronze));
    long bronzeQuarantined =
        DeltaIO.read(spark, layout.quarantine("shop", "orders"))
            .filter(col("layer").equalTo("bronze"))
            .count();
    assertThat(bronzeQuarantined).isEqualTo(3);
    assertThat(bronzePage)
        .contains("<p id=\"quarantine-total\">3 rows quarantined")
        .contains("<td>too many columns</td><td class=\"num\">2</td>")
        .contains("<td>unclosed quote</td><td class=\"num\">1</td>")
        .contains("o3,&lt;b&gt;bold&lt;/b&gt;")
        .doesNotContain("<b>bold</b>");
    String silverPage = read(page(site, silver));
    assertThat(silverPage)
        .contains("<p id=\"quarantine-total\">1 row quarantined")
        .contains("<span class=\"badge failed\">failed</span>")
        .contains("<circle class=\"pt failed\"");
  }

  static GateReport gate(
      String runId,
      String job,
      TableId table,
      RuleOutcome.Status status,
      double value,
      Instant at) {
    return new GateReport(
        runId,
        job,
        "b1",
        table,
        "dq-rules/shop/" + table.layer().id() + "_orders.conf",
        -1,
        2,
        List.of(
            new RuleOutcome(
                "order_id_is_key",
                RuleKind.PRIMARY_KEY,
                Severity.ERROR,
                List.of("order_id"),
                status,
                "Uniqueness",
                value,
                "Uniqueness " + value + (status == RuleOutcome.Status.PASSED ? " = 1" : " < 1"))),
        0,
        null,
        at);
  }
}
