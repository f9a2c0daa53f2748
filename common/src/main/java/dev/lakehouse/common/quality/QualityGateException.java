package dev.lakehouse.common.quality;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.util.stream.Collectors;

/**
 * A hard quality gate failed (exit 3): the data was not published. The message lists every failed
 * error rule with its metric value and requirement, and says where the failing rows and results
 * are.
 */
public final class QualityGateException extends LakehouseException {
  private static final long serialVersionUID = 1L;
  private final transient GateReport report;

  public QualityGateException(GateReport report) {
    super(ExitCode.QUALITY_GATE, message(report));
    this.report = report;
  }

  /** The report of the failed gate run. */
  public GateReport report() {
    return report;
  }

  static String message(GateReport r) {
    String rules =
        r.failures().stream().map(RuleOutcome::describe).collect(Collectors.joining("; "));
    return "Quality gate failed for "
        + r.table()
        + ": "
        + rules
        + ". "
        + r.table()
        + " was not changed ("
        + (r.tableVersion() < 0 ? "it does not exist yet" : "still at version " + r.tableVersion())
        + "). "
        + (r.quarantinedRows() > 0
            ? r.quarantinedRows() + " failing rows are in " + r.quarantinePath() + "; "
            : "")
        + "every rule's result is in _ops/dq_results (run "
        + r.runId()
        + "). Fix the source data or the rules ("
        + r.suite()
        + ") and run again.";
  }
}
