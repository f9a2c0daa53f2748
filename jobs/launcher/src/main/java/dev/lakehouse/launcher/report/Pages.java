package dev.lakehouse.launcher.report;

import dev.lakehouse.launcher.report.ReportModel.GateRun;
import dev.lakehouse.launcher.report.ReportModel.Site;
import dev.lakehouse.launcher.report.ReportModel.TableReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The page frame shared by the index and the table pages: one inline style sheet and a content
 * security policy that lets nothing load or run (no scripts, no fonts, no remote images), so what
 * Chromium shows is exactly the file.
 */
final class Pages {
  private Pages() {}

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SHORT_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  static String time(Instant at) {
    return at == null ? "\u2013" : TIME.format(at);
  }

  private static final String STYLE =
      """
      :root{--ink:#1f2933;--muted:#52606d;--line:#dde3ea;--bg:#f5f7fa;--ok:#1e8449;\
      --warn:#b9770e;--bad:#c0392b;--none:#7b8794;--link:#2a5d95}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--ink);\
      font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      header{background:#243b53;color:#fff;padding:14px 28px}
      header h1{margin:0;font-size:20px;font-weight:600}
      header p{margin:2px 0 0;color:#d9e2ec;font-size:12px}
      header a{color:#d9e2ec}
      main{padding:20px 28px 40px;max-width:1400px}
      h2{font-size:16px;margin:26px 0 8px}
      a{color:var(--link);text-decoration:none}
      a:hover{text-decoration:underline}
      table{border-collapse:collapse;background:#fff;border:1px solid var(--line);max-width:100%}
      th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;\
      vertical-align:top}
      th{background:#eef2f7;font-weight:600;font-size:12px;color:var(--muted);white-space:nowrap}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      td.t{white-space:nowrap}
      td.msg{min-width:180px;overflow-wrap:anywhere}
      #latest-rules{width:100%}
      code{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;\
      font-weight:600;color:#fff;white-space:nowrap}
      .badge.passed{background:var(--ok)}.badge.warning{background:var(--warn)}
      .badge.failed{background:var(--bad)}.badge.none{background:var(--none)}
      .cards{display:flex;gap:12px;flex-wrap:wrap;margin:4px 0 10px}
      .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 14px;\
      min-width:120px}
      .card b{display:block;font-size:22px}
      .card span{color:var(--muted);font-size:12px}
      .muted{color:var(--muted)}
      .facts td:first-child{color:var(--muted);white-space:nowrap}
      .charts{display:flex;flex-wrap:wrap;gap:12px}
      figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px}
      figcaption{font-size:12px;color:var(--muted);margin:0 0 2px 4px}
      .lineage{display:flex;gap:28px;flex-wrap:wrap}
      .lineage ul{margin:4px 0;padding-left:18px}
      .cell{display:inline-block;min-width:18px;text-align:center}
      """;

  /** A whole page: head with the inline style, a header bar, the body. */
  static String page(String title, String subtitle, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
        + " style-src 'unsafe-inline'; img-src data:\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Html.text(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body><header><h1>"
        + Html.text(title)
        + "</h1><p>"
        + subtitle
        + "</p></header><main>"
        + body
        + "</main></body></html>\n";
  }

  /** The status badge of a gate run, or "no gate" when none ran. */
  static String badge(GateRun run) {
    return run == null
        ? badge(null, "no gate")
        : badge(run.status(), run.status().toLowerCase(Locale.ROOT));
  }

  static String badge(String status, String text) {
    return "<span class=\"badge " + Html.statusClass(status) + "\">" + Html.text(text) + "</span>";
  }

  static String generatedLine(Site site) {
    return "Root "
        + Html.text(site.root())
        + " \u00b7 generated "
        + Html.text(time(site.generatedAt()));
  }

  static String rows(TableReport t) {
    return t.rows() < 0 ? "\u2013" : String.format(Locale.ROOT, "%,d", t.rows());
  }
}
