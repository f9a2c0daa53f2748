package dev.lakehouse.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.launcher.report.ReportModel.GateRun;
import dev.lakehouse.launcher.report.ReportModel.Neighbours;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSample;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSummary;
import dev.lakehouse.launcher.report.ReportModel.RuleResult;
import dev.lakehouse.launcher.report.ReportModel.Site;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages and the lineage index on hand-made data, without Spark. */
class ReportPagesTest {
  static final String SCRIPT = "<script>alert('x')</script>";
  static final TableId ORDERS = TableId.silver("olist", "orders");
  static final TableId BRONZE = TableId.bronze("olist", "orders");
  static final TableId SALES = TableId.gold("olist", "daily_sales");

  static RuleResult rule(String name, String status, Double value, String message) {
    return new RuleResult(
        name, "primary_key", "error", "order_id", status, "Uniqueness", value, message);
  }

  static Site site() {
    GateRun passed =
        new GateRun(
            "run-1",
            "olist.promote_silver",
            "b1",
            -1,
            Instant.parse("2026-01-02T10:00:00Z"),
            List.of(
                rule("order_id_is_key", "PASSED", 1.0, "ok"), rule("rows", "PASSED", 99.0, "")));
    GateRun failed =
        new GateRun(
            "run-2",
            "olist.promote_silver",
            "b2",
            0,
            Instant.parse("2026-01-03T10:00:00Z"),
            List.of(
                rule("order_id_is_key", "FAILED", 0.98, "Uniqueness 0.98 < 1 " + SCRIPT),
                rule("rows", "WARNING", 120.0, "more rows")));
    TableReport orders =
        new TableReport(
            ORDERS,
            "/lake/silver/olist/orders",
            99,
            3,
            Instant.parse("2026-01-03T10:00:01Z"),
            List.of(passed, failed),
            List.of(new ReportModel.Commit(3, Instant.parse("2026-01-03T10:00:01Z"), "MERGE", "r")),
            new QuarantineSummary(
                "/lake/_quarantine/olist/orders",
                3,
                Map.of("status unknown", 2L, "bad date", 1L),
                List.of(new QuarantineSample("b2", "olist.promote_silver", "bad date", SCRIPT))),
            new Neighbours(
                List.of(BRONZE),
                List.of("landing/olist/o.csv"),
                List.of(SALES),
                List.of(),
                List.of("olist_promote_silver")));
    TableReport sales =
        new TableReport(
            SALES,
            "/lake/gold/olist/daily_sales",
            -1,
            -1,
            null,
            List.of(),
            List.of(),
            QuarantineSummary.none("/lake/_quarantine/olist/daily_sales"),
            Neighbours.NONE);
    return new Site(
        "/lake",
        Instant.parse("2026-01-04T00:00:00Z"),
        List.of(orders, sales),
        "Lineage from 2 events.");
  }

  @Test
  void indexListsTablesWithTheirLatestGate() {
    String html = IndexPage.render(site());
    assertThat(html)
        .contains(
            "href=\"tables/silver.olist.orders.html\"",
            "href=\"tables/gold.olist.daily_sales.html\"")
        .contains(
            "<span class=\"badge failed\">failed</span>",
            "<span class=\"badge none\">no gate</span>")
        .contains("not published")
        .doesNotContain("<script");
  }

  @Test
  void tablePageEscapesDataAndDrawsTrends() {
    Site site = site();
    String html = TablePage.render(site, site.tables().get(0));
    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        // one chart per rule with values, one point per run
        .contains("<svg class=\"chart\"")
        .contains(
            "<circle class=\"pt failed\"",
            "<circle class=\"pt passed\"",
            "<circle class=\"pt warning\"")
        // a table not in the report (no page) is named, not linked
        .contains("<li class=\"table\">bronze.olist.orders</li>")
        .contains("<a href=\"gold.olist.daily_sales.html\">gold.olist.daily_sales</a>")
        .contains("landing/olist/o.csv")
        .contains("status unknown", "3 rows quarantined");
    assertThat(html.split("<svg ", -1)).hasSize(3);
    assertThat(html.split("<circle ", -1)).hasSize(5);
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
  }

  @Test
  void flatSeriesAndSinglePointsStillDraw() {
    String one = SvgChart.line("t", List.of(new SvgChart.Point("a", 1.0, "PASSED")));
    assertThat(one).contains("<circle").doesNotContain("NaN").doesNotContain("<polyline");
    String flat =
        SvgChart.line(
            "t",
            List.of(new SvgChart.Point("a", 0, "PASSED"), new SvgChart.Point("b", 0, "FAILED")));
    assertThat(flat).contains("<polyline").doesNotContain("NaN").doesNotContain("Infinity");
  }

  static String event(String ns, String in, String out, String parentJob) {
    ObjectMapper m = new ObjectMapper();
    var e = m.createObjectNode();
    e.put("eventType", "COMPLETE");
    e.putObject("job").put("namespace", "lakehouse").put("name", "spark_write");
    if (parentJob != null) {
      e.putObject("run")
          .putObject("facets")
          .putObject("parent")
          .putObject("job")
          .put("name", parentJob);
    }
    if (in != null) {
      e.putArray("inputs").addObject().put("namespace", ns).put("name", in);
    }
    e.putArray("outputs").addObject().put("namespace", ns).put("name", out);
    return e.toString();
  }

  @Test
  void lineageMapsLocalDatasetsToTables() throws IOException {
    String events =
        String.join(
            "\n",
            event(
                "file",
                "/lake/landing/olist/o.csv",
                "/lake/bronze/olist/orders",
                "olist_ingest_bronze"),
            event(
                "file",
                "/lake/bronze/olist/orders",
                "/lake/silver/olist/orders",
                "olist_promote_silver"),
            event(
                "file",
                "/lake/silver/olist/orders",
                "/lake/silver/olist/orders",
                "olist_promote_silver"),
            event(
                "file",
                "/lake/silver/olist/orders",
                "/lake/gold/olist/daily_sales",
                "olist_build_gold"),
            event("file", "/elsewhere/x", "/lake/gold/olist/daily_sales", "olist_build_gold"),
            "not json {",
            "");
    LineageIndex idx = new LineageIndex("/lake").read(new BufferedReader(new StringReader(events)));
    assertThat(idx.events()).isEqualTo(5);
    assertThat(idx.unreadable()).isEqualTo(1);
    Neighbours silver = idx.neighbours(ORDERS);
    assertThat(silver.upstream()).containsExactly(BRONZE);
    assertThat(silver.downstream()).containsExactly(SALES);
    assertThat(silver.jobs()).containsExactly("olist_promote_silver");
    assertThat(idx.neighbours(BRONZE).upstreamOther()).containsExactly("landing/olist/o.csv");
    assertThat(idx.neighbours(SALES).upstreamOther()).containsExactly("/elsewhere/x");
  }

  @Test
  void lineageMapsS3DatasetsToTablesUnderAnS3aRoot() throws IOException {
    String events =
        event(
            "s3://bucket",
            "lake/bronze/olist/orders",
            "lake/silver/olist/orders",
            "olist_promote_silver");
    LineageIndex idx =
        new LineageIndex("s3a://bucket/lake").read(new BufferedReader(new StringReader(events)));
    assertThat(idx.neighbours(ORDERS).upstream()).containsExactly(BRONZE);
    assertThat(idx.neighbours(BRONZE).downstream()).containsExactly(ORDERS);
    // another bucket is not this lakehouse
    LineageIndex other =
        new LineageIndex("s3a://other/lake").read(new BufferedReader(new StringReader(events)));
    assertThat(other.neighbours(ORDERS).upstream()).isEmpty();
  }
}
