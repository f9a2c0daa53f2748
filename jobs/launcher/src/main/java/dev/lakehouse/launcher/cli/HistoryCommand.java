package dev.lakehouse.launcher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.inspect.CommitHistory;
import dev.lakehouse.launcher.inspect.TableCatalog;
import dev.lakehouse.launcher.inspect.TableRef;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse history <table> [--limit N] [--json]}: the table's Delta commits, newest first,
 * with the rows each wrote and the job run that made it (from the commit's userMetadata, which the
 * job runner sets to {@code run=<id>}; the id is the run_id of {@code _ops.job_runs}).
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Show a table's Delta history, newest first: version, time, operation, rows written, job run.",
      "Rows written of a MERGE read '12 (+10 ~2)': 10 inserted, 2 updated. The job run is the"
          + " run_id in _ops.job_runs (bin/lakehouse show _ops.job_runs --where \"run_id = '...'\")."
    })
public final class HistoryCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "<layer>.<domain>.<table>, e.g. silver.olist.orders (or _ops.job_runs, ...)")
  String table;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Most recent commits to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    TableRef ref = new TableCatalog(parent.spark(), parent.layout()).require(table);
    List<CommitHistory.Commit> commits = CommitHistory.of(parent.spark(), ref, limit);
    if (json) {
      ObjectNode doc = Json.object().put("table", ref.name()).put("path", ref.path());
      ArrayNode arr = doc.putArray("commits");
      for (CommitHistory.Commit c : commits) {
        arr.addObject()
            .put("version", c.version())
            .put("timestamp", Json.time(c.timestamp()))
            .put("operation", c.operation())
            .put("rows_written", c.rowsWritten())
            .put("rows_inserted", c.rowsInserted())
            .put("rows_updated", c.rowsUpdated())
            .put("rows_deleted", c.rowsDeleted())
            .put("run_id", c.runId().orElse(null))
            .put("user_metadata", c.userMetadata());
      }
      Json.print(parent.out(), doc);
      return 0;
    }
    TextTable t = new TextTable("version", "time (UTC)", "operation", "rows written", "job run");
    for (CommitHistory.Commit c : commits) {
      t.row(c.version(), c.timestamp(), c.operation(), rows(c), c.runId().orElse("-"));
    }
    t.print(parent.out());
    return 0;
  }

  private static String rows(CommitHistory.Commit c) {
    if (c.rowsWritten() == null) {
      return "-";
    }
    if (c.rowsInserted() != null || c.rowsUpdated() != null) {
      return c.rowsWritten()
          + " (+"
          + (c.rowsInserted() == null ? 0 : c.rowsInserted())
          + " ~"
          + (c.rowsUpdated() == null ? 0 : c.rowsUpdated())
          + ")";
    }
    return Long.toString(c.rowsWritten());
  }
}
