package dev.lakehouse.launcher.report;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.launcher.report.ReportModel.Commit;
import dev.lakehouse.launcher.report.ReportModel.GateRun;
import dev.lakehouse.launcher.report.ReportModel.Neighbours;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSample;
import dev.lakehouse.launcher.report.ReportModel.QuarantineSummary;
import dev.lakehouse.launcher.report.ReportModel.RuleResult;
import dev.lakehouse.launcher.report.ReportModel.Site;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code tables/<layer>.<domain>.<table>.html}: one table's facts, lineage neighbours, latest gate
 * run, rule results over time, metric trend charts, quarantine and recent Delta commits.
 */
final class TablePage {
  /** Longest raw record shown in the quarantine samples. */
  static final int RAW_CHARS = 300;

  private TablePage() {}

  static String render(Site site, TableReport t) {
    Set<TableId> known = new LinkedHashSet<>();
    site.tables().forEach(x -> known.add(x.id()));
    StringBuilder b = new StringBuilder(16384);
    b.append("<p><a href=\"../index.html\">\u2190 all tables</a></p>");
    facts(b, t);
    lineage(b, t.lineage(), known);
    latest(b, t.latest());
    overTime(b, t.runs());
    charts(b, t.runs());
    quarantine(b, t.quarantine());
    commits(b, t.commits());
    return Pages.page(t.id().toString(), Pages.generatedLine(site), b.toString());
  }

  private static void facts(StringBuilder b, TableReport t) {
    b.append("<h2>Table</h2><table class=\"facts\"><tbody>")
        .append(fact("gate", Pages.badge(t.latest())))
        .append(fact("layer", Html.text(t.id().layer().id())))
        .append(fact("location", "<code>" + Html.text(t.location()) + "</code>"))
        .append(fact("rows", t.rows() < 0 ? "not published yet" : Pages.rows(t)))
        .append(fact("Delta version", t.version() < 0 ? "\u2013" : Long.toString(t.version())))
        .append(fact("last update", Html.text(Pages.time(t.updatedAt()))))
        .append(
            fact(
                "written by",
                t.lineage().jobs().isEmpty()
                    ? "<span class=\"muted\">no lineage events</span>"
                    : Html.text(String.join(", ", t.lineage().jobs()))))
        .append("</tbody></table>");
  }

  private static String fact(String name, String html) {
    return "<tr><td>" + Html.text(name) + "</td><td>" + html + "</td></tr>";
  }

  private static void lineage(StringBuilder b, Neighbours n, Set<TableId> known) {
    b.append("<h2>Lineage</h2><div class=\"lineage\">");
    side(
        b,
        "upstream",
        "Upstream (read to write this table)",
        n.upstream(),
        n.upstreamOther(),
        known);
    side(
        b,
        "downstream",
        "Downstream (written from this table)",
        n.downstream(),
        n.downstreamOther(),
        known);
    b.append("</div>");
  }

  private static void side(
      StringBuilder b,
      String id,
      String title,
      List<TableId> tables,
      List<String> others,
      Set<TableId> known) {
    b.append("<div id=\"").append(id).append("\"><b>").append(Html.text(title)).append("</b>");
    if (tables.isEmpty() && others.isEmpty()) {
      b.append("<p class=\"muted\">none in the lineage events</p></div>");
      return;
    }
    b.append("<ul>");
    for (TableId t : tables) {
      b.append("<li class=\"table\">");
      if (known.contains(t)) {
        b.append("<a href=\"").append(Html.text(t + ".html")).append("\">");
        b.append(Html.text(t)).append("</a>");
      } else {
        b.append(Html.text(t));
      }
      b.append("</li>");
    }
    for (String o : others) {
      b.append("<li class=\"dataset\"><code>").append(Html.text(o)).append("</code></li>");
    }
    b.append("</ul></div>");
  }

  private static void latest(StringBuilder b, GateRun g) {
    b.append("<h2>Latest gate run</h2>");
    if (g == null) {
      b.append("<p class=\"muted\">No quality gate ran for this table (no rows in")
          .append(" <code>_ops/dq_results</code>).</p>");
      return;
    }
    b.append("<p>")
        .append(Pages.badge(g))
        .append(" run <code>")
        .append(Html.text(g.runId()))
        .append("</code> of ")
        .append(Html.text(g.job()))
        .append(" at ")
        .append(Html.text(Pages.time(g.checkedAt())))
        .append(", batch <code>")
        .append(Html.text(g.batchId() == null ? "\u2013" : g.batchId()))
        .append("</code>, table version before publishing ")
        .append(g.tableVersion() < 0 ? "none (new table)" : Long.toString(g.tableVersion()))
        .append("</p>");
    b.append("<table id=\"latest-rules\"><thead><tr><th>rule</th><th>kind</th><th>severity</th>")
        .append("<th>columns</th><th>status</th><th>metric</th><th class=\"num\">value</th>")
        .append("<th>message</th></tr></thead><tbody>");
    for (RuleResult r : g.rules()) {
      b.append("<tr><td>")
          .append(Html.text(r.rule()))
          .append("</td><td>")
          .append(Html.text(r.kind()))
          .append("</td><td>")
          .append(Html.text(r.severity()))
          .append("</td><td>")
          .append(Html.text(r.columns() == null ? "" : r.columns().replace(",", ", ")))
          .append("</td><td>")
          .append(Pages.badge(r.status(), r.status().toLowerCase(Locale.ROOT)))
          .append("</td><td>")
          .append(Html.text(r.metric() == null ? "" : r.metric()))
          .append("</td><td class=\"num\">")
          .append(Html.text(Html.number(r.value())))
          .append("</td><td class=\"msg\">")
          .append(Html.text(r.message() == null ? "" : r.message()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  /** One row per rule, one column per run (oldest left): the status of the rule in that run. */
  private static void overTime(StringBuilder b, List<GateRun> runs) {
    if (runs.isEmpty()) {
      return;
    }
    Map<String, Map<String, RuleResult>> byRule = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (RuleResult r : runs.get(i).rules()) {
        byRule.computeIfAbsent(r.rule(), k -> new LinkedHashMap<>()).put(runs.get(i).runId(), r);
      }
    }
    b.append("<h2>Rule results over time</h2><table id=\"over-time\"><thead><tr><th>rule</th>");
    for (GateRun g : runs) {
      b.append("<th title=\"")
          .append(Html.text("run " + g.runId() + ", batch " + g.batchId() + ", " + g.job()))
          .append("\">")
          .append(Html.text(Pages.SHORT_TIME.format(g.checkedAt())))
          .append("<br>")
          .append(Pages.badge(g))
          .append("</th>");
    }
    b.append("</tr></thead><tbody>");
    byRule.forEach(
        (rule, perRun) -> {
          b.append("<tr><td>").append(Html.text(rule)).append("</td>");
          for (GateRun g : runs) {
            RuleResult r = perRun.get(g.runId());
            if (r == null) {
              b.append("<td class=\"muted\">\u2013</td>");
              continue;
            }
            b.append("<td title=\"")
                .append(Html.text(r.message() == null ? r.status() : r.message()))
                .append("\"><span class=\"cell badge ")
                .append(Html.statusClass(r.status()))
                .append("\">")
                .append(Html.text(symbol(r.status())))
                .append("</span> ")
                .append(Html.text(Html.number(r.value())))
                .append("</td>");
          }
          b.append("</tr>");
        });
    b.append("</tbody></table>");
  }

  private static String symbol(String status) {
    if (ReportModel.FAILED.equals(status)) {
      return "\u2717";
    }
    if (ReportModel.WARNING.equals(status)) {
      return "!";
    }
    return "\u2713";
  }

  /** A chart per rule that has a metric value in at least one run. */
  private static void charts(StringBuilder b, List<GateRun> runs) {
    Map<String, List<SvgChart.Point>> series = new LinkedHashMap<>();
    Map<String, String> metric = new LinkedHashMap<>();
    for (GateRun g : runs) {
      String label = Pages.SHORT_TIME.format(g.checkedAt());
      for (RuleResult r : g.rules()) {
        if (r.value() == null || r.value().isNaN() || r.value().isInfinite()) {
          continue;
        }
        series
            .computeIfAbsent(r.rule(), k -> new ArrayList<>())
            .add(new SvgChart.Point(label, r.value(), r.status()));
        metric.putIfAbsent(r.rule(), r.metric());
      }
    }
    if (series.isEmpty()) {
      return;
    }
    b.append("<h2>Metric trends</h2><div class=\"charts\" id=\"charts\">");
    series.forEach(
        (rule, points) -> {
          String m = metric.get(rule);
          String title = m == null ? rule : rule + " \u00b7 " + m;
          b.append("<figure><figcaption>")
              .append(Html.text(title))
              .append("</figcaption>")
              .append(SvgChart.line(title, points))
              .append("</figure>");
        });
    b.append("</div>");
  }

  private static void quarantine(StringBuilder b, QuarantineSummary q) {
    b.append("<h2>Quarantine</h2><p id=\"quarantine-total\">")
        .append(String.format(Locale.ROOT, "%,d", q.total()))
        .append(q.total() == 1 ? " row" : " rows")
        .append(" quarantined by this layer in <code>")
        .append(Html.text(q.location()))
        .append("</code></p>");
    if (q.total() == 0) {
      return;
    }
    b.append("<table id=\"quarantine-reasons\"><thead><tr><th>reason</th>")
        .append("<th class=\"num\">rows</th></tr></thead><tbody>");
    q.byReason().entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e ->
                b.append("<tr><td>")
                    .append(Html.text(e.getKey()))
                    .append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", e.getValue()))
                    .append("</td></tr>"));
    b.append("</tbody></table>");
    b.append("<p class=\"muted\">Latest ")
        .append(q.samples().size())
        .append(" quarantined rows:</p><table id=\"quarantine-samples\"><thead><tr>")
        .append("<th>batch</th><th>job</th><th>reason</th><th>raw record</th></tr></thead><tbody>");
    for (QuarantineSample s : q.samples()) {
      b.append("<tr><td><code>")
          .append(Html.text(s.batchId()))
          .append("</code></td><td>")
          .append(Html.text(s.job()))
          .append("</td><td>")
          .append(Html.text(s.reason()))
          .append("</td><td><code>")
          .append(Html.text(Html.shorten(s.raw(), RAW_CHARS)))
          .append("</code></td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static void commits(StringBuilder b, List<Commit> commits) {
    if (commits.isEmpty()) {
      return;
    }
    b.append("<h2>Recent Delta commits</h2><table id=\"commits\"><thead><tr>")
        .append("<th class=\"num\">version</th><th>time</th><th>operation</th><th>job run</th>")
        .append("</tr></thead><tbody>");
    for (Commit c : commits) {
      b.append("<tr><td class=\"num\">")
          .append(c.version())
          .append("</td><td>")
          .append(Html.text(Pages.time(c.at())))
          .append("</td><td>")
          .append(Html.text(c.operation()))
          .append("</td><td><code>")
          .append(Html.text(c.jobRun() == null ? "" : c.jobRun()))
          .append("</code></td></tr>");
    }
    b.append("</tbody></table>");
  }
}
