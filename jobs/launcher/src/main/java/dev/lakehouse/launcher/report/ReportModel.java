package dev.lakehouse.launcher.report;

import dev.lakehouse.common.table.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the report shows, read once from the lakehouse and then rendered without Spark: plain
 * values, so the pages can be tested on hand-made data.
 */
final class ReportModel {
  private ReportModel() {}

  /** Gate statuses, worst last. */
  static final String PASSED = "PASSED";

  static final String WARNING = "WARNING";
  static final String FAILED = "FAILED";

  /** One row of {@code _ops/dq_results}: what one rule found in one gate run. */
  record RuleResult(
      String rule,
      String kind,
      String severity,
      String columns,
      String status,
      String metric,
      Double value,
      String message) {}

  /** One gate run over one table: the rules in suite order. */
  record GateRun(
      String runId,
      String job,
      String batchId,
      long tableVersion,
      Instant checkedAt,
      List<RuleResult> rules) {
    GateRun {
      rules = List.copyOf(rules);
    }

    /** FAILED when an error rule failed, WARNING when only warning rules did, else PASSED. */
    String status() {
      if (rules.stream().anyMatch(r -> FAILED.equals(r.status()))) {
        return FAILED;
      }
      if (rules.stream().anyMatch(r -> WARNING.equals(r.status()))) {
        return WARNING;
      }
      return PASSED;
    }

    long count(String status) {
      return rules.stream().filter(r -> status.equals(r.status())).count();
    }
  }

  /** One commit of the table's Delta log. */
  record Commit(long version, Instant at, String operation, String jobRun) {}

  /** A quarantined row as shown on a page (the raw record may be cut). */
  record QuarantineSample(String batchId, String job, String reason, String raw) {}

  /**
   * The table's rows in {@code _quarantine/<domain>/<table>} (those of its layer).
   *
   * @param byReason rows per reason, most first
   */
  record QuarantineSummary(
      String location, long total, Map<String, Long> byReason, List<QuarantineSample> samples) {
    QuarantineSummary {
      byReason = Map.copyOf(byReason);
      samples = List.copyOf(samples);
    }

    static QuarantineSummary none(String location) {
      return new QuarantineSummary(location, 0, Map.of(), List.of());
    }
  }

  /**
   * A table's neighbours in the lineage events.
   *
   * @param upstream tables whose data a job read to write this one
   * @param upstreamOther other datasets read to write it (landing files, ...), by path under the
   *     root
   * @param downstream tables written from this one
   * @param downstreamOther other datasets written from it (quarantine, ...)
   * @param jobs the jobs that wrote this table
   */
  record Neighbours(
      List<TableId> upstream,
      List<String> upstreamOther,
      List<TableId> downstream,
      List<String> downstreamOther,
      List<String> jobs) {
    Neighbours {
      upstream = List.copyOf(upstream);
      upstreamOther = List.copyOf(upstreamOther);
      downstream = List.copyOf(downstream);
      downstreamOther = List.copyOf(downstreamOther);
      jobs = List.copyOf(jobs);
    }

    static final Neighbours NONE =
        new Neighbours(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Everything about one table.
   *
   * @param runs gate runs, oldest first
   * @param commits recent Delta commits, newest first
   */
  record TableReport(
      TableId id,
      String location,
      long rows,
      long version,
      Instant updatedAt,
      List<GateRun> runs,
      List<Commit> commits,
      QuarantineSummary quarantine,
      Neighbours lineage) {
    TableReport {
      runs = List.copyOf(runs);
      commits = List.copyOf(commits);
    }

    /** The latest gate run, or null when no gate ran for this table. */
    GateRun latest() {
      return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    /** The page's file name under {@code tables/}. */
    String fileName() {
      return id + ".html";
    }
  }

  /**
   * The whole site.
   *
   * @param lineageNote what the lineage events were (or why there are none), for the index
   */
  record Site(String root, Instant generatedAt, List<TableReport> tables, String lineageNote) {
    Site {
      tables = List.copyOf(tables);
    }
  }
}
