package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import java.util.concurrent.Callable;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehouse show <table> [--version N | --as-of TIME] [--limit N] [--where EXPR]}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show rows of a table, now or as of an earlier version or time (time travel).")
public final class ShowCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "<layer>.<domain>.<table>, e.g. gold.olist.daily_sales")
  String table;

  @Option(names = "--version", description = "Delta version to read.")
  Long version;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description = "Read the table as of a time, e.g. '2024-01-31 12:00:00'.")
  String asOf;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Rows to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--where",
      paramLabel = "EXPR",
      description = "A Spark SQL filter, e.g. \"order_status = 'canceled'\".")
  String where;

  @Override
  public Integer call() {
    if (version != null && asOf != null) {
      throw Errors.usage("Give --version or --as-of, not both.");
    }
    String path = new TableCatalog(parent.spark(), parent.layout()).require(table);
    DataFrameReader reader = parent.spark().read().format("delta");
    if (version != null) {
      reader = reader.option("versionAsOf", version);
    }
    if (asOf != null) {
      reader = reader.option("timestampAsOf", asOf);
    }
    Dataset<Row> df;
    try {
      df = reader.load(path);
      if (where != null) {
        df = df.where(where);
      }
    } catch (RuntimeException e) {
      throw Errors.usage(
          "Cannot read " + table + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    String[] cols = df.columns();
    TextTable t = new TextTable(cols);
    for (Row r : df.limit(limit).collectAsList()) {
      Object[] cells = new Object[cols.length];
      for (int i = 0; i < cols.length; i++) {
        cells[i] = r.get(i);
      }
      t.row(cells);
    }
    t.print(parent.out());
    parent
        .out()
        .println(
            "("
                + t.size()
                + " rows shown"
                + (t.size() == limit ? "; more with --limit" : "")
                + ")");
    return 0;
  }
}
