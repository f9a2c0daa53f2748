package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import dev.lakehouse.common.quality.DeequAdapter.ConstraintView;
import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.quality.RuleTranslator.Evaluation;
import dev.lakehouse.common.quality.RuleTranslator.RulePlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * Evaluates a suite on data without side effects other than reading the metrics history: one Deequ
 * verification run for every Deequ and anomaly rule, one join per referential_integrity rule, and
 * schema comparisons for typed data_type rules.
 */
final class SuiteEvaluator {
  /**
   * What the suite found.
   *
   * @param rowCount rows in the data
   * @param outcomes one per rule, in suite order
   * @param riAnnotated per referential_integrity rule: the data with the found/not-found column
   * @param run the Deequ run (its metrics are saved by the gate)
   */
  record Result(
      long rowCount,
      List<RuleOutcome> outcomes,
      Map<String, Dataset<Row>> riAnnotated,
      DeequAdapter.Run run) {}

  private SuiteEvaluator() {}

  /**
   * @param history the metrics history of the table; null when the suite has no anomaly rules
   */
  static Result evaluate(
      Dataset<Row> data,
      RuleSuite suite,
      LocalDate runDate,
      ReferenceTables references,
      MetricsHistory history) {
    List<RulePlan> plans = RuleTranslator.translate(suite, data.schema(), runDate);
    List<RulePlan> toRun = new ArrayList<>();
    Map<String, RuleOutcome> noHistory = new HashMap<>();
    for (RulePlan p : plans) {
      if (p.evaluation() != Evaluation.ANOMALY) {
        toRun.add(p);
      } else if (history != null
          && DeequAdapter.hasHistory(
              data.sparkSession(), history.path(), history.historyTags(), p.constraints().get(0))) {
        toRun.add(p);
      } else {
        noHistory.put(p.rule().name(), baseline(p.rule(), history));
      }
    }
    DeequAdapter.Run run =
        DeequAdapter.verify(
            data,
            toRun,
            history == null ? null : history.path(),
            history == null ? Map.of() : history.historyTags());
    long rows = run.rowCount();
    List<RuleOutcome> outcomes = new ArrayList<>();
    Map<String, Dataset<Row>> annotated = new HashMap<>();
    for (RulePlan p : plans) {
      Rule r = p.rule();
      RuleOutcome o =
          switch (p.evaluation()) {
            case DEEQU -> fromDeequ(p, run.results(r.name()), rows);
            case ANOMALY ->
                noHistory.containsKey(r.name())
                    ? noHistory.get(r.name())
                    : fromDeequ(p, run.results(r.name()), rows);
            case SCHEMA -> schemaType(r, data.schema().apply(r.column()).dataType());
            case REFERENTIAL_INTEGRITY ->
                referentialIntegrity(p, data, rows, references, annotated);
          };
      outcomes.add(o);
    }
    return new Result(rows, outcomes, annotated, run);
  }

  private static RuleOutcome baseline(Rule r, MetricsHistory history) {
    String why =
        history == null
            ? "no metrics repository configured, nothing to compare with"
            : "no earlier passed run of "
                + history.table()
                + " in the metrics repository yet, nothing to compare with";
    return outcome(r, true, null, null, why);
  }

  private static RuleOutcome fromDeequ(RulePlan p, List<ConstraintView> views, long rows) {
    Rule r = p.rule();
    if (views.size() != p.constraints().size()) {
      return outcome(r, false, null, null, "Deequ returned no result for this rule");
    }
    List<String> passedTexts = new ArrayList<>();
    List<String> failedTexts = new ArrayList<>();
    ConstraintView decisive = null;
    for (int i = 0; i < views.size(); i++) {
      ConstraintSpec spec = p.constraints().get(i);
      ConstraintView v = views.get(i);
      boolean ok = v.passed();
      String text;
      if (v.emptyState()) {
        ok = r.kind() != RuleKind.FRESHNESS;
        text =
            ok
                ? "no values to check (" + (rows == 0 ? "no rows" : "all values are null") + ")"
                : "no rows, so no " + r.column() + " value is recent enough";
      } else if (v.value() == null) {
        text = "Deequ could not compute " + v.metric() + ": " + v.failure();
      } else if (spec.anomaly() != null) {
        text =
            v.metric()
                + " "
                + Bound.format(v.value())
                + (ok ? " is within " : " is an anomaly: not within ")
                + spec.anomaly().describe()
                + " (previous passed runs)";
      } else {
        text =
            v.metric()
                + " "
                + Bound.format(v.value())
                + " "
                + (ok ? spec.bound().describe() : spec.bound().violation());
      }
      if (spec.note() != null && v.value() != null) {
        text += " (" + spec.note() + ")";
      }
      (ok ? passedTexts : failedTexts).add(text);
      if (decisive == null && !ok) {
        decisive = v;
      }
    }
    boolean ok = failedTexts.isEmpty();
    ConstraintView shown = decisive != null ? decisive : views.get(views.size() - 1);
    String message = String.join("; ", ok ? passedTexts : failedTexts);
    return outcome(r, ok, shown.metric(), shown.value(), message);
  }

  private static RuleOutcome schemaType(Rule r, DataType t) {
    boolean ok = r.type().matches(t);
    String message =
        "column "
            + r.column()
            + " has Spark type "
            + t.simpleString()
            + (ok ? ", which is " : ", which is not ")
            + r.type().id();
    return outcome(r, ok, "SchemaType", ok ? 1.0 : 0.0, message);
  }

  private static RuleOutcome referentialIntegrity(
      RulePlan p,
      Dataset<Row> data,
      long rows,
      ReferenceTables references,
      Map<String, Dataset<Row>> annotated) {
    Rule r = p.rule();
    ConstraintSpec spec = p.constraints().get(0);
    Rule.Reference ref = r.reference();
    if (rows == 0) {
      return outcome(r, true, "ReferentialIntegrity", null, "no values to check (no rows)");
    }
    Optional<Dataset<Row>> refData = references.read(ref.table());
    if (refData.isEmpty()) {
      return outcome(
          r,
          false,
          "ReferentialIntegrity",
          null,
          "reference table " + ref.table() + " does not exist; promote it before this table");
    }
    List<String> missing =
        ref.columns().stream()
            .filter(c -> !Arrays.asList(refData.get().columns()).contains(c))
            .toList();
    if (!missing.isEmpty()) {
      return outcome(
          r,
          false,
          "ReferentialIntegrity",
          null,
          "reference table " + ref.table() + " has no column " + String.join(", ", missing));
    }
    DeequAdapter.RiView v =
        DeequAdapter.referentialIntegrity(
            data, r.columns(), refData.get(), ref.columns(), ViolationFilters.RI_FOUND);
    if (v.failure() != null) {
      return outcome(r, false, "ReferentialIntegrity", null, v.failure());
    }
    annotated.put(r.name(), v.annotated());
    Column keyPresent =
        r.columns().stream()
            .map(c -> col(RuleTranslator.quote(c)).isNotNull())
            .reduce(Column::and)
            .orElseThrow();
    long orphans =
        v.annotated().filter(not(col(ViolationFilters.RI_FOUND)).and(keyPresent)).count();
    double ratio = 1.0 - (double) orphans / rows;
    boolean ok = spec.bound().test(ratio);
    String message =
        "ReferentialIntegrity "
            + Bound.format(ratio)
            + " "
            + (ok ? spec.bound().describe() : spec.bound().violation())
            + " ("
            + orphans
            + " of "
            + rows
            + " rows have "
            + String.join(", ", r.columns())
            + " not found in "
            + ref.table()
            + "."
            + String.join(", ", ref.columns())
            + "; null keys are not checked)";
    return outcome(r, ok, "ReferentialIntegrity", ratio, message);
  }

  private static RuleOutcome outcome(
      Rule r, boolean ok, String metric, Double value, String message) {
    Status status =
        ok ? Status.PASSED : r.severity() == Severity.ERROR ? Status.FAILED : Status.WARNING;
    return new RuleOutcome(
        r.name(), r.kind(), r.severity(), r.columns(), status, metric, value, message);
  }
}
