package dev.lakehouse.common.table;

import java.nio.file.Path;

/**
 * Maps tables to locations under the lakehouse root: {@code <root>/<layer>/<domain>/<table>}, side
 * tables at {@code <root>/_ops/...} and {@code <root>/_quarantine/<domain>/<table>}.
 */
public final class TableLayout {
  private final String root;

  /** A local root is made absolute, so every job and tool sees the same folder. */
  public TableLayout(String root) {
    String r = root.contains("://") ? root : Path.of(root).toAbsolutePath().normalize().toString();
    while (r.endsWith("/") && !r.endsWith("://")) {
      r = r.substring(0, r.length() - 1);
    }
    this.root = r;
  }

  public String root() {
    return root;
  }

  public String path(TableId table) {
    return join(table.layer().id(), table.domain(), table.name());
  }

  public String quarantine(String domain, String table) {
    return join("_quarantine", domain, table);
  }

  public String jobRuns() {
    return join("_ops", "job_runs");
  }

  public String dqResults() {
    return join("_ops", "dq_results");
  }

  public String lineageEvents() {
    return join("_lineage", "events.ndjson");
  }

  public String landing(String domain) {
    return join("landing", domain);
  }

  /** A location under the root. */
  public String join(String... parts) {
    StringBuilder sb = new StringBuilder(root);
    for (String p : parts) {
      sb.append('/').append(p);
    }
    return sb.toString();
  }
}
