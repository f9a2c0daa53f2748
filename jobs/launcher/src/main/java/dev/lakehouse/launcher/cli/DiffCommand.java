package dev.lakehouse.launcher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.quality.RuleSuites;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.inspect.TableDiff;
import dev.lakehouse.launcher.inspect.TableKeys;
import dev.lakehouse.launcher.inspect.TableRef;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse diff <table> --from V1 [--to V2] [--json]}: what changed between two Delta
 * versions of a table: columns added, removed or retyped, and rows added, removed and changed by
 * the table's key (see {@link TableKeys}; without a key rows are compared whole).
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two versions of a table: schema changes, and rows added, removed and changed by key.",
      "The key is the silver table's MERGE key or the gold mart's primary_key rule; tables without"
          + " one (bronze, _ops, quarantine) are compared by whole rows, so a changed row counts as"
          + " one removed and one added."
    })
public final class DiffCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "<layer>.<domain>.<table>, e.g. silver.olist.orders")
  String table;

  @Option(names = "--from", required = true, paramLabel = "V1", description = "Older version.")
  long from;

  @Option(
      names = "--to",
      paramLabel = "V2",
      description = "Newer version (default: the current one).")
  Long to;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Override
  public Integer call() {
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    TableRef ref = catalog.require(table);
    long toVersion = to != null ? to : catalog.versions(ref).last();
    catalog.requireVersion(ref, from);
    catalog.requireVersion(ref, toVersion);
    Dataset<Row> a = version(ref, from);
    Dataset<Row> b = version(ref, toVersion);
    TableKeys.Key key =
        TableKeys.of(
            ref,
            b.schema(),
            RuleSuites.of(
                parent.settings().quality().rulesDir(),
                parent.spark().sparkContext().hadoopConfiguration()));
    TableDiff.Result d = TableDiff.compare(a, b, key);
    if (json) {
      ObjectNode doc =
          Json.object().put("table", ref.name()).put("from", from).put("to", toVersion);
      ObjectNode schema = doc.putObject("schema");
      columns(schema.putArray("added"), d.added());
      columns(schema.putArray("removed"), d.removed());
      ArrayNode retyped = schema.putArray("retyped");
      d.retyped()
          .forEach(
              r ->
                  retyped
                      .addObject()
                      .put("name", r.name())
                      .put("from", r.from())
                      .put("to", r.to()));
      ArrayNode keys = doc.putArray("key");
      d.key().columns().forEach(keys::add);
      doc.put("key_source", d.key().source());
      ArrayNode compared = doc.putArray("compared_columns");
      d.compared().forEach(compared::add);
      doc.putObject("rows")
          .put("from", d.rowsFrom())
          .put("to", d.rowsTo())
          .put("added", d.rowsAdded())
          .put("removed", d.rowsRemoved())
          .put("changed", d.rowsChanged());
      Json.print(parent.out(), doc);
      return 0;
    }
    var out = parent.out();
    out.printf("%s: version %d → %d%n", ref.name(), from, toVersion);
    if (d.added().isEmpty() && d.removed().isEmpty() && d.retyped().isEmpty()) {
      out.println("Schema: unchanged");
    } else {
      out.println("Schema:");
      d.added().forEach((c, t) -> out.printf("  + %s %s%n", c, t));
      d.removed().forEach((c, t) -> out.printf("  - %s %s%n", c, t));
      d.retyped().forEach(r -> out.printf("  ~ %s %s → %s%n", r.name(), r.from(), r.to()));
    }
    out.println(
        "Key: "
            + (d.key().known()
                ? String.join(", ", d.key().columns()) + " (" + d.key().source() + ")"
                : d.key().source()));
    TextTable t = new TextTable("rows", "count");
    t.row("in version " + from, d.rowsFrom());
    t.row("in version " + toVersion, d.rowsTo());
    t.row("added", d.rowsAdded());
    t.row("removed", d.rowsRemoved());
    t.row("changed", d.rowsChanged() == null ? "-" : d.rowsChanged());
    t.print(out);
    if (d.key().known()) {
      out.println(
          "(changed: same key, a different value in "
              + (d.compared().isEmpty() ? "no column" : String.join(", ", d.compared()))
              + ")");
    }
    return 0;
  }

  private Dataset<Row> version(TableRef ref, long v) {
    return parent.spark().read().format("delta").option("versionAsOf", v).load(ref.path());
  }

  private static void columns(ArrayNode arr, Map<String, String> cols) {
    cols.forEach((c, t) -> arr.addObject().put("name", c).put("type", t));
  }
}
