package dev.lakehouse.launcher.report;

import dev.lakehouse.launcher.report.ReportModel.GateRun;
import dev.lakehouse.launcher.report.ReportModel.Site;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import java.util.Locale;

/** {@code index.html}: every table with its layer, size, version and latest gate status. */
final class IndexPage {
  private IndexPage() {}

  static String render(Site site) {
    StringBuilder b = new StringBuilder(8192);
    long passed = 0;
    long warned = 0;
    long failed = 0;
    long none = 0;
    long quarantined = 0;
    for (TableReport t : site.tables()) {
      GateRun g = t.latest();
      if (g == null) {
        none++;
      } else if (ReportModel.FAILED.equals(g.status())) {
        failed++;
      } else if (ReportModel.WARNING.equals(g.status())) {
        warned++;
      } else {
        passed++;
      }
      quarantined += t.quarantine().total();
    }
    b.append("<div class=\"cards\">")
        .append(card(site.tables().size(), "tables"))
        .append(card(passed, "latest gate passed"))
        .append(card(warned, "passed with warnings"))
        .append(card(failed, "latest gate failed"))
        .append(card(none, "no gate run"))
        .append(card(quarantined, "rows in quarantine"))
        .append("</div>");
    b.append("<p class=\"muted\">").append(Html.text(site.lineageNote())).append("</p>");
    if (site.tables().isEmpty()) {
      b.append("<p id=\"empty\">No tables under this root yet: run <code>bin/lakehouse demo</code>")
          .append(" or a pipeline, then <code>bin/lakehouse report</code> again.</p>");
      return Pages.page("Lakehouse quality report", Pages.generatedLine(site), b.toString());
    }
    b.append("<h2>Tables</h2><table id=\"tables\"><thead><tr><th>table</th><th>layer</th>")
        .append("<th class=\"num\">rows</th><th class=\"num\">Delta version</th>")
        .append("<th>last update (UTC)</th><th>latest gate</th><th>failed / warned / rules</th>")
        .append("<th class=\"num\">gate runs</th><th class=\"num\">quarantined</th></tr></thead>")
        .append("<tbody>");
    for (TableReport t : site.tables()) {
      GateRun g = t.latest();
      b.append("<tr data-table=\"")
          .append(Html.text(t.id()))
          .append("\"><td><a href=\"tables/")
          .append(Html.text(t.fileName()))
          .append("\">")
          .append(Html.text(t.id()))
          .append("</a></td><td>")
          .append(Html.text(t.id().layer().id()))
          .append("</td><td class=\"num\">")
          .append(Pages.rows(t))
          .append("</td><td class=\"num\">")
          .append(t.version() < 0 ? "not published" : Long.toString(t.version()))
          .append("</td><td class=\"t\">")
          .append(Html.text(t.updatedAt() == null ? "\u2013" : Pages.MINUTES.format(t.updatedAt())))
          .append("</td><td class=\"gate t\">")
          .append(Pages.badge(g))
          .append(
              g == null
                  ? ""
                  : " <span class=\"muted\" title=\""
                      + Html.text(Pages.time(g.checkedAt()))
                      + "\">"
                      + Html.text(Pages.SHORT_TIME.format(g.checkedAt()))
                      + "</span>")
          .append("</td><td>")
          .append(
              g == null
                  ? "\u2013"
                  : String.format(
                      Locale.ROOT,
                      "%d / %d / %d",
                      g.count(ReportModel.FAILED),
                      g.count(ReportModel.WARNING),
                      g.rules().size()))
          .append("</td><td class=\"num\">")
          .append(t.runs().size())
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%,d", t.quarantine().total()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return Pages.page("Lakehouse quality report", Pages.generatedLine(site), b.toString());
  }

  private static String card(long n, String what) {
    return "<div class=\"card\"><b>"
        + String.format(Locale.ROOT, "%,d", n)
        + "</b><span>"
        + Html.text(what)
        + "</span></div>";
  }
}
