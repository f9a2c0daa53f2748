package dev.lakehouse.launcher.cli;

import static org.apache.spark.sql.functions.col;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.quality.QualityResults;
import dev.lakehouse.common.quality.RuleSuites;
import dev.lakehouse.common.quality.SuiteSuggester;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse dq <table>}: the latest quality gate results of a table. {@code lakehouse dq
 * suggest <table>}: a draft rule suite from Deequ's constraint suggestions.
 */
@Command(
    name = "dq",
    mixinStandardHelpOptions = true,
    description = {
      "dq <table>          latest quality gate results of a table (rule, severity, status, metric)",
      "dq suggest <table>  profile a table with Deequ and print a draft suite to edit and save as"
          + " dq-rules/<domain>/<layer>_<table>.conf"
    })
public final class DqCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(arity = "1..2", paramLabel = "[suggest] TABLE")
  List<String> words;

  private static String value(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString(v.longValue())
        : String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  @Override
  public Integer call() {
    if (words.size() == 2 && !words.get(0).equals("suggest")) {
      throw Errors.usage("Usage: dq <table> | dq suggest <table>");
    }
    String name = words.get(words.size() - 1);
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    String path = catalog.require(name);
    TableId table = TableId.parse(name);
    if (words.size() == 2) {
      parent
          .out()
          .print(SuiteSuggester.suggest(parent.spark(), table, DeltaIO.read(parent.spark(), path)));
      return 0;
    }
    List<Row> rows =
        QualityResults.latest(parent.spark(), parent.layout(), table)
            .orderBy(col("status"), col("rule"))
            .collectAsList();
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
    return 0;
  }
}
