package dev.lakehouse.launcher.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.inspect.TableRef;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse show <table> [--version N | --as-of TIME] [--limit N] [--where EXPR] [--json]}:
 * rows of a table now or as of an earlier version or time (Delta time travel).
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show rows of a table, now or as of an earlier version or time (time travel).")
public final class ShowCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description =
          "<layer>.<domain>.<table>, e.g. gold.olist.daily_sales (or _ops.dq_results, ...)")
  String table;

  @Option(names = "--version", description = "Delta version to read (see history).")
  Long version;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description = "Read the table as of a time (UTC), e.g. '2024-01-31 12:00:00'.")
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

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    if (version != null && asOf != null) {
      throw Errors.usage("Give --version or --as-of, not both.");
    }
    if (limit < 0) {
      throw Errors.usage("--limit must be 0 or more, not " + limit + ".");
    }
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    TableRef ref = catalog.require(table);
    if (version != null) {
      catalog.requireVersion(ref, version);
    }
    DataFrameReader reader = parent.spark().read().format("delta");
    if (version != null) {
      reader = reader.option("versionAsOf", version);
    }
    if (asOf != null) {
      reader = reader.option("timestampAsOf", asOf);
    }
    Dataset<Row> df;
    List<Row> rows;
    try {
      df = reader.load(ref.path());
      if (where != null) {
        df = df.where(where);
      }
      df = df.limit(limit);
      rows =
          json
              ? df.select(to_json(struct(all(df)), Map.of("ignoreNullFields", "false")))
                  .collectAsList()
              : df.collectAsList();
    } catch (Exception e) {
      // Spark's analysis errors (a bad --where, a time before the first commit) are user errors;
      // AnalysisException is a checked exception that Scala code throws undeclared.
      throw Errors.usage(
          "Cannot read " + table + (asOf != null ? " as of " + asOf : "") + ": " + message(e));
    }
    if (json) {
      ObjectNode doc = Json.object().put("table", ref.name());
      doc.put("version", version).put("as_of", asOf).put("where", where).put("limit", limit);
      ArrayNode cols = doc.putArray("columns");
      for (StructField f : df.schema().fields()) {
        cols.addObject().put("name", f.name()).put("type", f.dataType().simpleString());
      }
      ArrayNode arr = doc.putArray("rows");
      rows.forEach(r -> arr.add(Json.parse(r.getString(0))));
      Json.print(parent.out(), doc);
      return 0;
    }
    String[] names = df.columns();
    TextTable t = new TextTable(names);
    for (Row r : rows) {
      Object[] cells = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
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

  /** The error without the query plan Spark appends, on one line. */
  private static String message(Exception e) {
    String m =
        e instanceof AnalysisException ae ? ae.getSimpleMessage() : String.valueOf(e.getMessage());
    return m.replaceAll("\\s+", " ").trim();
  }

  private static Column[] all(Dataset<Row> df) {
    return Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }
}
