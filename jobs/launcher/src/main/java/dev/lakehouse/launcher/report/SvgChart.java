package dev.lakehouse.launcher.report;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart of one metric over gate runs, as inline SVG: no script, font or style sheet
 * from anywhere else, so a page opens the same from a laptop folder, an S3 download or a mail. Each
 * point is coloured by the status of its rule in that run and carries a tooltip.
 */
final class SvgChart {
  static final int WIDTH = 360;
  static final int HEIGHT = 150;
  private static final int LEFT = 62;
  private static final int RIGHT = 14;
  private static final int TOP = 14;
  private static final int BOTTOM = 30;

  private SvgChart() {}

  /**
   * One value of the series.
   *
   * @param label the run, for the x axis and the tooltip (e.g. the time it ran)
   * @param status the rule's status in that run (PASSED, WARNING, FAILED)
   */
  record Point(String label, double value, String status) {}

  /** The chart, or an empty string when there is nothing to draw. */
  static String line(String title, List<Point> points) {
    if (points.isEmpty()) {
      return "";
    }
    double lo = points.stream().mapToDouble(Point::value).min().orElseThrow();
    double hi = points.stream().mapToDouble(Point::value).max().orElseThrow();
    if (hi - lo < 1e-12) {
      // A flat series still needs a scale: centre it, with a margin people can read.
      double pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.05 : 1;
      lo -= pad;
      hi += pad;
    }
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    int n = points.size();
    StringBuilder svg = new StringBuilder(2048);
    svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.text(title))
        .append("\"><title>")
        .append(Html.text(title))
        .append("</title>");
    svg.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" fill=\"#ffffff\"/>");
    // Three grid lines with their values: bottom, middle, top.
    for (int g = 0; g <= 2; g++) {
      double v = lo + (hi - lo) * g / 2.0;
      double y = TOP + plotH - plotH * g / 2.0;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dde3ea\"/>",
                  LEFT,
                  y,
                  WIDTH - RIGHT,
                  y))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\""
                      + " font-family=\"sans-serif\" fill=\"#52606d\">%s</text>",
                  LEFT - 6,
                  y + 3.5,
                  Html.text(Html.number(v))));
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = n == 1 ? LEFT + plotW / 2 : LEFT + plotW * i / (n - 1);
      ys[i] = TOP + plotH - plotH * (points.get(i).value() - lo) / (hi - lo);
    }
    if (n > 1) {
      svg.append("<polyline fill=\"none\" stroke=\"#3b6ea5\" stroke-width=\"2\" points=\"");
      for (int i = 0; i < n; i++) {
        svg.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
      }
      svg.append("\"/>");
    }
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle class=\"pt %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">",
                  Html.statusClass(p.status()),
                  xs[i],
                  ys[i],
                  colour(p.status())))
          .append("<title>")
          .append(Html.text(p.label() + ": " + Html.number(p.value()) + " (" + p.status() + ")"))
          .append("</title></circle>");
    }
    // The first and the last run under the x axis.
    svg.append(
        axisLabel(points.get(0).label(), n == 1 ? xs[0] : LEFT, n == 1 ? "middle" : "start"));
    if (n > 1) {
      svg.append(axisLabel(points.get(n - 1).label(), WIDTH - RIGHT, "end"));
    }
    return svg.append("</svg>").toString();
  }

  private static String axisLabel(String label, double x, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" font-size=\"10\" font-family=\"sans-serif\""
            + " fill=\"#52606d\">%s</text>",
        x,
        HEIGHT - 10,
        anchor,
        Html.text(label));
  }

  static String colour(String status) {
    if (ReportModel.FAILED.equals(status)) {
      return "#c0392b";
    }
    if (ReportModel.WARNING.equals(status)) {
      return "#d68910";
    }
    return "#1e8449";
  }
}
