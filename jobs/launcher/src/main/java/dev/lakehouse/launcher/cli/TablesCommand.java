package dev.lakehouse.launcher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.GateStatus;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.inspect.TableRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse tables [--json]}: every table with its layer, rows, Delta version, last update
 * and the status of its latest quality gate; then the _ops and quarantine tables.
 */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = {
      "List every table under the lakehouse root: layer, rows, Delta version, last update and the"
          + " latest quality gate status (PASSED, WARNING, FAILED; - where no gate ran).",
      "Side tables are listed too: _ops.<name> (run log, gate results) and"
          + " _quarantine.<domain>.<table>; every command accepts these names."
    })
public final class TablesCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    List<TableRef> refs = catalog.list();
    Map<String, String> gates = GateStatus.latestByTable(parent.spark(), parent.layout());
    if (json) {
      ObjectNode doc = Json.object().put("root", parent.layout().root());
      ArrayNode arr = doc.putArray("tables");
      for (TableRef ref : refs) {
        TableCatalog.TableInfo info = catalog.describe(ref, gates);
        arr.addObject()
            .put("table", ref.name())
            .put("layer", ref.kind())
            .put("rows", info.rows())
            .put("version", info.version())
            .put("updated_at", Json.time(info.updatedAt()))
            .put("gate", info.gate().orElse(null))
            .put("path", ref.path());
      }
      Json.print(parent.out(), doc);
      return 0;
    }
    if (refs.isEmpty()) {
      parent
          .out()
          .println("No tables under " + parent.layout().root() + " yet: run bin/lakehouse demo");
      return 0;
    }
    TextTable t = new TextTable("table", "layer", "rows", "version", "last update (UTC)", "gate");
    for (TableRef ref : refs) {
      TableCatalog.TableInfo info = catalog.describe(ref, gates);
      t.row(
          ref.name(),
          ref.kind(),
          info.rows(),
          info.version(),
          info.updatedAt(),
          info.gate().orElse("-"));
    }
    t.print(parent.out());
    return 0;
  }
}
