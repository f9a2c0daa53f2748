package dev.lakehouse.launcher.cli;

import static org.apache.spark.sql.functions.col;

import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.TableCatalog;
import io.delta.tables.DeltaTable;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehouse history <table>}: the table's Delta commits, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Show a table's Delta history: version, time, operation, rows written, job run.")
public final class HistoryCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "<layer>.<domain>.<table>, e.g. silver.olist.orders")
  String table;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Most recent commits to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    String path = new TableCatalog(parent.spark(), parent.layout()).require(table);
    TextTable t = new TextTable("version", "time (UTC)", "operation", "rows written", "job run");
    for (Row r :
        DeltaTable.forPath(parent.spark(), path)
            .history(limit)
            .select(
                col("version"),
                col("timestamp"),
                col("operation"),
                col("operationMetrics"),
                col("userMetadata"))
            .collectAsList()) {
      Map<String, String> m = r.getJavaMap(3);
      t.row(
          r.getLong(0),
          r.getTimestamp(1),
          r.getString(2),
          rowsWritten(m),
          r.isNullAt(4) ? "" : r.getString(4));
    }
    t.print(parent.out());
    return 0;
  }

  private static String rowsWritten(Map<String, String> m) {
    if (m == null) {
      return "-";
    }
    if (m.containsKey("numTargetRowsInserted")) {
      return "+"
          + m.get("numTargetRowsInserted")
          + " ~"
          + m.getOrDefault("numTargetRowsUpdated", "0");
    }
    return m.getOrDefault("numOutputRows", "-");
  }
}
