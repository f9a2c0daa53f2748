package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lakehouse tables}: every table with its layer, rows, Delta version and last update. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = "List every table under the lakehouse root: rows, Delta version, last update.")
public final class TablesCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Override
  public Integer call() {
    TableCatalog catalog = new TableCatalog(parent.spark(), parent.layout());
    List<TableId> ids = catalog.list();
    if (ids.isEmpty()) {
      parent
          .out()
          .println("No tables under " + parent.layout().root() + " yet: run bin/lakehouse demo");
      return 0;
    }
    TextTable t = new TextTable("table", "layer", "rows", "version", "last update (UTC)");
    for (TableId id : ids) {
      TableCatalog.TableInfo info = catalog.describe(id);
      t.row(id, id.layer().id(), info.rows(), info.version(), info.updatedAt());
    }
    t.print(parent.out());
    return 0;
  }
}
