package dev.lakehouse.launcher.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.quality.MetricsHistory;
import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.quality.RuleSuites;
import dev.lakehouse.common.quality.SuiteSuggester;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.inspect.TableRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse dq <table> [--json]}: the latest quality gate results of a table (from {@code
 * _ops/dq_results}) and the trend of each metric over its gate runs (from the Deequ metrics
 * history, {@code _ops/dq_metrics}). {@code lakehouse dq suggest <table>}: a draft rule suite from
 * Deequ's constraint suggestions.
 */
@Command(
    name = "dq",
    mixinStandardHelpOptions = true,
    description = {
      "dq <table>          latest quality gate results of a table (rule, severity, status, metric)"
          + " and the trend of each metric over the table's gate runs",
      "dq suggest <table>  profile a table with Deequ and print a draft suite to edit and save as"
          + " dq-rules/<domain>/<layer>_<table>.conf"
    })
public final class DqCommand implements Callable<Integer> {
  /** Values shown per metric in the text trend; --json has them all. */
  private static final int TREND_POINTS = 6;

  @ParentCommand Lakehouse parent;

  @Parameters(arity = "1..2", paramLabel = "[suggest] TABLE")
  List<String> words;

  @Option(names = "--json", description = "Print one JSON document instead of tables.")
  boolean json;

  static String value(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString(v.longValue())
        : String.format(Locale.ROOT, "%.4f", v);
  }

  /** One metric over the gate runs, oldest first. */
  record Trend(
      String entity, String instance, String name, List<MetricsHistory.MetricPoint> points) {}

  @Override
  public Integer call() {
    if (words.size() == 2 && !words.get(0).equals("suggest")) {
      throw Errors.usage("Usage: dq <table> | dq suggest <table>");
    }
    String name = words.get(words.size() - 1);
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    TableRef ref = catalog.require(name);
    if (ref.medallion().isEmpty()) {
      throw Errors.usage(
          "Quality gates guard the bronze, silver and gold tables; "
              + name
              + " has no gate. Its rows: bin/lakehouse show "
              + name);
    }
    TableId table = ref.medallion().get();
    if (words.size() == 2) {
      parent
          .out()
          .print(
              SuiteSuggester.suggest(
                  parent.spark(), table, DeltaIO.read(parent.spark(), ref.path())));
      return 0;
    }
    List<Row> rows =
        QualityResults.latest(parent.spark(), parent.layout(), table)
            .orderBy(col("status"), col("rule"))
            .collectAsList();
    List<Trend> trends = trends(MetricsHistory.of(parent.layout(), table).points(parent.spark()));
    if (json) {
      printJson(table, rows, trends);
      return 0;
    }
    if (rows.isEmpty()) {
      parent
          .out()
          .println(
              "No quality results for "
                  + name
                  + " yet (suite "
                  + RuleSuites.relativePath(table)
                  + "): run its pipeline first.");
      return 0;
    }
    Row first = rows.get(0);
    parent
        .out()
        .printf(
            "%s: gate run %s by %s at %s (batch %s, table version before publish %d)%n",
            name,
            first.getAs("run_id"),
            first.getAs("job"),
            first.getAs("checked_at"),
            first.getAs("batch_id"),
            first.<Long>getAs("table_version"));
    TextTable t = new TextTable("rule", "kind", "severity", "status", "metric", "value", "message");
    for (Row r : rows) {
      t.row(
          r.getAs("rule"),
          r.getAs("kind"),
          r.getAs("severity"),
          r.getAs("status"),
          r.getAs("metric"),
          value(r.getAs("value")),
          r.getAs("message"));
    }
    t.print(parent.out());
    parent.out().println();
    if (trends.isEmpty()) {
      parent.out().println("No metrics history for " + name + " yet.");
      return 0;
    }
    int runs = (int) trends.stream().mapToLong(x -> x.points().size()).max().orElse(0);
    parent
        .out()
        .println(
            "Metric trends over "
                + runs
                + " gate run(s), oldest to newest (last "
                + TREND_POINTS
                + " shown; --json has all):");
    TextTable m = new TextTable("metric", "of", "runs", "first", "latest", "change", "values");
    for (Trend tr : trends) {
      List<MetricsHistory.MetricPoint> p = tr.points();
      double firstValue = p.get(0).value();
      double latest = p.get(p.size() - 1).value();
      List<String> recent = new ArrayList<>();
      for (MetricsHistory.MetricPoint x :
          p.subList(Math.max(0, p.size() - TREND_POINTS), p.size())) {
        recent.add(
            value(x.value()) + (MetricsHistory.FAILED.equals(x.tags().get("gate")) ? "!" : ""));
      }
      m.row(
          tr.name(),
          tr.instance(),
          p.size(),
          value(firstValue),
          value(latest),
          change(firstValue, latest),
          String.join(" → ", recent));
    }
    m.print(parent.out());
    parent
        .out()
        .println("(! marks a run whose gate failed: it is not a baseline for anomaly rules)");
    return 0;
  }

  private static String change(double first, double latest) {
    if (first == latest) {
      return "=";
    }
    String d = (latest > first ? "+" : "") + value(latest - first);
    return first == 0
        ? d
        : d + String.format(Locale.ROOT, " (%+.1f%%)", (latest - first) / Math.abs(first) * 100);
  }

  static List<Trend> trends(List<MetricsHistory.MetricPoint> points) {
    Map<String, Trend> byMetric = new LinkedHashMap<>();
    for (MetricsHistory.MetricPoint p : points) {
      String k = p.entity() + "\u0000" + p.instance() + "\u0000" + p.name();
      byMetric
          .computeIfAbsent(k, x -> new Trend(p.entity(), p.instance(), p.name(), new ArrayList<>()))
          .points()
          .add(p);
    }
    List<Trend> out = new ArrayList<>(byMetric.values());
    out.sort(
        (a, b) ->
            a.entity().equals(b.entity())
                ? (a.name() + a.instance()).compareTo(b.name() + b.instance())
                : b.entity().compareTo(a.entity()));
    return out;
  }

  private void printJson(TableId table, List<Row> rows, List<Trend> trends) {
    ObjectNode doc = Json.object().put("table", table.toString());
    doc.put("suite", RuleSuites.relativePath(table));
    if (rows.isEmpty()) {
      doc.putNull("latest");
    } else {
      Row first = rows.get(0);
      ObjectNode latest = doc.putObject("latest");
      latest
          .put("run_id", first.<String>getAs("run_id"))
          .put("job", first.<String>getAs("job"))
          .put("batch_id", first.<String>getAs("batch_id"))
          .put("checked_at", Json.time(first.<Timestamp>getAs("checked_at")))
          .put("table_version", first.<Long>getAs("table_version"))
          .put("status", gate(rows));
      ArrayNode results = latest.putArray("results");
      for (Row r : rows) {
        results
            .addObject()
            .put("rule", r.<String>getAs("rule"))
            .put("kind", r.<String>getAs("kind"))
            .put("severity", r.<String>getAs("severity"))
            .put("columns", r.<String>getAs("columns"))
            .put("status", r.<String>getAs("status"))
            .put("metric", r.<String>getAs("metric"))
            .put("value", r.<Double>getAs("value"))
            .put("message", r.<String>getAs("message"));
      }
    }
    ArrayNode arr = doc.putArray("trends");
    for (Trend tr : trends) {
      ObjectNode o =
          arr.addObject()
              .put("metric", tr.name())
              .put("entity", tr.entity())
              .put("instance", tr.instance());
      ArrayNode pts = o.putArray("points");
      for (MetricsHistory.MetricPoint p : tr.points()) {
        pts.addObject()
            .put("at", Instant.ofEpochMilli(p.time()).toString())
            .put("run_id", p.tags().get("run_id"))
            .put("gate", p.tags().get("gate"))
            .put("value", p.value());
      }
    }
    Json.print(parent.out(), doc);
  }

  private static String gate(List<Row> rows) {
    boolean warning = false;
    for (Row r : rows) {
      String s = r.getAs("status");
      if ("FAILED".equals(s)) {
        return "FAILED";
      }
      warning |= "WARNING".equals(s);
    }
    return warning ? "WARNING" : "PASSED";
  }
}
