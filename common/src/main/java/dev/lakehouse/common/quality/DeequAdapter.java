package dev.lakehouse.common.quality;

import com.amazon.deequ.AnomalyCheckConfig;
import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.analyzers.runners.EmptyStateException;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.comparison.ComparisonFailed;
import com.amazon.deequ.comparison.ReferentialIntegrity$;
import com.amazon.deequ.constraints.ConstrainableDataTypes;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Distribution;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import com.amazon.deequ.suggestions.ConstraintSuggestion;
import com.amazon.deequ.suggestions.ConstraintSuggestionResult;
import com.amazon.deequ.suggestions.ConstraintSuggestionRunner;
import com.amazon.deequ.suggestions.ConstraintSuggestionWithValue;
import com.amazon.deequ.suggestions.Rules;
import com.amazon.deequ.suggestions.rules.ConstraintRule;
import com.amazon.deequ.suggestions.rules.UniqueIfApproximatelyUniqueRule;
import dev.lakehouse.common.quality.RuleTranslator.RulePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.Predef;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.util.Either;
import scala.util.Left;
import scala.util.Success;
import scala.util.Try;

/**
 * The one place that talks to Deequ and Scala: default arguments ({@code Option.empty()}), Scala
 * functions from Java lambdas, Scala collections. Everything it returns is plain Java, so no other
 * class of the quality package sees a Scala type.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class DeequAdapter {
  private DeequAdapter() {}

  /** The result of one constraint. {@code value} is null when Deequ computed no number. */
  record ConstraintView(
      boolean passed, String metric, Double value, String failure, boolean emptyState) {}

  /** Referential integrity: the data with a boolean outcome column, or why it could not run. */
  record RiView(String failure, Dataset<Row> annotated) {}

  /** One of Deequ's constraint suggestions. */
  record SuggestionView(
      String column, String rule, String code, String description, List<String> values) {}

  /** Deequ's suggestions for a data set. */
  record Suggestions(long rows, List<SuggestionView> suggestions) {}

  /** A finished verification run. */
  static final class Run {
    private final VerificationResult result;
    private final Map<String, List<ConstraintView>> byRule = new HashMap<>();
    private final long rowCount;

    private Run(VerificationResult result, List<RulePlan> plans) {
      this.result = result;
      Map<String, RulePlan> plansByName = new HashMap<>();
      plans.forEach(p -> plansByName.put(p.rule().name(), p));
      for (CheckResult cr : JavaConverters.asJavaCollection(result.checkResults().values())) {
        RulePlan plan = plansByName.get(cr.check().description());
        List<ConstraintView> views = new ArrayList<>();
        List<ConstraintResult> rs = JavaConverters.seqAsJavaList(cr.constraintResults());
        for (int i = 0; i < rs.size(); i++) {
          ConstraintSpec spec = plan == null ? null : plan.constraints().get(i);
          views.add(view(rs.get(i), spec));
        }
        byRule.put(cr.check().description(), views);
      }
      Option<Metric<?>> size = result.metrics().get(size());
      this.rowCount =
          size.isDefined() && size.get().value().isSuccess()
              ? ((Number) size.get().value().get()).longValue()
              : -1;
    }

    /** Rows in the data (Deequ's Size, computed in the same scan). */
    long rowCount() {
      return rowCount;
    }

    /** The results of a rule's constraints, in the order of its plan; empty if not run. */
    List<ConstraintView> results(String ruleName) {
      return byRule.getOrDefault(ruleName, List.of());
    }

    /** Saves every successful metric of this run under a key of time and tags. */
    void saveMetrics(SparkSession spark, String path, long time, Map<String, String> tags) {
      FileSystemMetricsRepository.apply(spark, path)
          .save(new ResultKey(time, scalaMap(tags)), AnalyzerContext.apply(result.metrics()));
    }
  }

  /**
   * Runs ONE Deequ verification over {@code data}: every Deequ check and anomaly check of the
   * plans, plus the Size analyzer. Deequ computes all scan-shareable metrics in one pass and groups
   * the grouping ones (uniqueness) by column set.
   *
   * @param repositoryPath the metrics repository, needed when there are anomaly plans
   * @param historyTags the tags that select this table's earlier runs in the repository
   */
  static Run verify(
      Dataset<Row> data,
      List<RulePlan> plans,
      String repositoryPath,
      Map<String, String> historyTags) {
    VerificationRunBuilder builder =
        VerificationSuite.apply().onData(data).addRequiredAnalyzer(size());
    List<Check> checks = new ArrayList<>();
    List<RulePlan> anomalies = new ArrayList<>();
    for (RulePlan p : plans) {
      if (p.evaluation() == RuleTranslator.Evaluation.DEEQU) {
        checks.add(toCheck(p.rule().name(), p.rule().severity(), p.constraints()));
      } else if (p.evaluation() == RuleTranslator.Evaluation.ANOMALY) {
        anomalies.add(p);
      }
    }
    builder = builder.addChecks(seq(checks));
    if (anomalies.isEmpty()) {
      return new Run(builder.run(), plans);
    }
    SparkSession spark = data.sparkSession();
    VerificationRunBuilderWithRepository withRepo =
        builder.useRepository(FileSystemMetricsRepository.apply(spark, repositoryPath));
    for (RulePlan p : anomalies) {
      ConstraintSpec spec = p.constraints().get(0);
      AnomalyCheckConfig config =
          new AnomalyCheckConfig(
              level(p.rule().severity()),
              p.rule().name(),
              scalaMap(historyTags),
              Option.empty(),
              Option.empty());
      withRepo =
          withRepo.addAnomalyCheck(strategy(spec.anomaly()), analyzer(spec), Option.apply(config));
    }
    return new Run(withRepo.run(), plans);
  }

  /** Every successful metric saved with these tags, oldest run first, as plain Java values. */
  static List<MetricsHistory.MetricPoint> metricPoints(
      SparkSession spark, String path, Map<String, String> tags) {
    List<MetricsHistory.MetricPoint> points = new ArrayList<>();
    Seq<AnalysisResult> results =
        FileSystemMetricsRepository.apply(spark, path).load().withTagValues(scalaMap(tags)).get();
    for (AnalysisResult r : JavaConverters.seqAsJavaList(results)) {
      Map<String, String> runTags = JavaConverters.mapAsJavaMap(r.resultKey().tags());
      for (Metric<?> m :
          JavaConverters.asJavaCollection(r.analyzerContext().metricMap().values())) {
        for (DoubleMetric d : JavaConverters.seqAsJavaList(m.flatten())) {
          if (d.value().isSuccess()) {
            points.add(
                new MetricsHistory.MetricPoint(
                    d.entity().toString(),
                    d.instance(),
                    d.name(),
                    ((Number) d.value().get()).doubleValue(),
                    r.resultKey().dataSetDate(),
                    Map.copyOf(runTags)));
          }
        }
      }
    }
    points.sort(java.util.Comparator.comparingLong(MetricsHistory.MetricPoint::time));
    return points;
  }

  /** True when the repository holds the metric of an anomaly constraint for these tags. */
  static boolean hasHistory(
      SparkSession spark, String path, Map<String, String> tags, ConstraintSpec anomaly) {
    Seq<AnalysisResult> results =
        FileSystemMetricsRepository.apply(spark, path)
            .load()
            .withTagValues(scalaMap(tags))
            .forAnalyzers(seq(List.of(analyzer(anomaly))))
            .get();
    for (AnalysisResult r : JavaConverters.seqAsJavaList(results)) {
      if (!r.analyzerContext().metricMap().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Builds the Deequ Check of one rule: description = rule name, level = severity. */
  static Check toCheck(String name, Severity severity, List<ConstraintSpec> specs) {
    Check check = new Check(level(severity), name, Check.apply$default$3());
    for (ConstraintSpec s : specs) {
      check = add(check, s);
    }
    return check;
  }

  private static Check add(Check c, ConstraintSpec s) {
    Function1<Object, Object> a = v -> s.bound().test(((Number) v).doubleValue());
    Option<String> hint = Option.apply(s.bound().describe());
    String col = s.columns().isEmpty() ? null : s.columns().get(0);
    return switch (s.type()) {
      case SIZE -> c.hasSize(a, hint);
      case COMPLETENESS -> c.hasCompleteness(col, a, hint, Option.empty());
      case UNIQUENESS -> c.hasUniqueness(seq(s.columns()), a, hint);
      case PRIMARY_KEY ->
          c.isPrimaryKey(col, hint, seq(s.columns().subList(1, s.columns().size())));
      case CONTAINED_IN ->
          c.isContainedIn(col, s.values().toArray(new String[0]), a, hint, Option.empty());
      case COMPLIANCE ->
          c.satisfies(
              s.argument(),
              s.argument(),
              a,
              hint,
              JavaConverters.asScalaBuffer(s.columns()).toList(),
              Option.empty());
      case PATTERN ->
          c.hasPattern(
                  col,
                  new scala.util.matching.Regex(s.argument(), seq(List.<String>of())),
                  a,
                  Option.empty(),
                  hint,
                  Option.empty())
              .where(s.where());
      case MIN -> c.hasMin(col, a, hint, Option.empty());
      case MAX -> c.hasMax(col, a, hint, Option.empty());
      case MIN_LENGTH -> c.hasMinLength(col, a, hint, Option.empty());
      case MAX_LENGTH -> c.hasMaxLength(col, a, hint, Option.empty());
      case DATA_TYPE -> c.hasDataType(col, deequType(s.dataType()), a, hint);
      case NON_NEGATIVE -> c.isNonNegative(col, a, hint);
      case POSITIVE -> c.isPositive(col, a, hint);
      default -> throw new IllegalArgumentException(s.type() + " is not a constraint of a Check");
    };
  }

  /**
   * Evaluates a rule's Deequ check against given metric values, without data or Spark: every
   * analyzer the check needs gets {@code metricValue}. For translator tests.
   */
  static boolean evaluateOffline(String name, List<ConstraintSpec> specs, double metricValue) {
    Check check = toCheck(name, Severity.ERROR, specs);
    Map<Analyzer, Metric> metrics = new HashMap<>();
    for (Analyzer an : JavaConverters.setAsJavaSet(check.requiredAnalyzers())) {
      metrics.put(
          an,
          new DoubleMetric(
              Entity.Column(), "offline", "offline", new Success<>(metricValue), Option.empty()));
    }
    CheckResult r = check.evaluate(new AnalyzerContext(scalaMap((Map) metrics)));
    return r.status() == CheckStatus.Success();
  }

  /** The Deequ constraints of a rule as Deequ prints them, for tests and debugging. */
  static List<String> describe(String name, List<ConstraintSpec> specs) {
    List<String> out = new ArrayList<>();
    JavaConverters.seqAsJavaList(toCheck(name, Severity.ERROR, specs).constraints())
        .forEach(c -> out.add(c.toString()));
    return out;
  }

  /**
   * Deequ's ReferentialIntegrity.subsetCheckRowLevel: {@code data} left-joined to the distinct
   * reference keys, with a boolean column {@code outcomeColumn} (true: the key is found).
   */
  static RiView referentialIntegrity(
      Dataset<Row> data,
      List<String> columns,
      Dataset<Row> reference,
      List<String> referenceColumns,
      String outcomeColumn) {
    Either<ComparisonFailed, Dataset<Row>> e =
        ReferentialIntegrity$.MODULE$.subsetCheckRowLevel(
            data, seq(columns), reference, seq(referenceColumns), Option.apply(outcomeColumn));
    if (e instanceof Left<ComparisonFailed, Dataset<Row>> left) {
      return new RiView(left.value().errorMessage(), null);
    }
    return new RiView(null, e.right().get());
  }

  /** Deequ's constraint suggestions with Rules.DEFAULT plus the approximately-unique rule. */
  static Suggestions suggest(Dataset<Row> data) {
    List<ConstraintRule<ColumnProfile>> rules =
        new ArrayList<>(JavaConverters.seqAsJavaList(Rules.DEFAULT()));
    rules.add((ConstraintRule) new UniqueIfApproximatelyUniqueRule());
    ConstraintSuggestionResult r =
        ConstraintSuggestionRunner.apply().onData(data).addConstraintRules(seq(rules)).run();
    List<SuggestionView> out = new ArrayList<>();
    for (Seq<ConstraintSuggestion> perColumn :
        JavaConverters.asJavaCollection(r.constraintSuggestions().values())) {
      for (ConstraintSuggestion s : JavaConverters.seqAsJavaList(perColumn)) {
        List<String> values =
            s instanceof ConstraintSuggestionWithValue<?> v && v.value() instanceof Seq<?> seq
                ? JavaConverters.seqAsJavaList(seq).stream().map(String::valueOf).toList()
                : List.of();
        out.add(
            new SuggestionView(
                s.columnName(),
                s.suggestingRule().getClass().getSimpleName(),
                s.codeForConstraint(),
                s.description(),
                values));
      }
    }
    return new Suggestions(r.numRecordsUsedForProfiling(), out);
  }

  /**
   * The columns a SQL predicate reads (top-level names, in order), parsed with Spark's own SQL
   * parser without a session.
   *
   * @throws IllegalArgumentException with the parser's message when the predicate is not SQL
   */
  static List<String> predicateColumns(String sql) {
    Expression e;
    try {
      e = CatalystSqlParser$.MODULE$.parseExpression(sql);
    } catch (Exception ex) {
      String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
      String first = m.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(m);
      throw new IllegalArgumentException(first, ex);
    }
    Set<String> out = new LinkedHashSet<>();
    collectAttributes(e, out);
    return List.copyOf(out);
  }

  /**
   * Why a predicate does not analyze against a schema (unknown function, not boolean, wrong types),
   * checked on an empty frame in the active (or default) session without reading data; empty when
   * it is fine or there is no session.
   */
  static Optional<String> predicateProblem(String sql, StructType schema) {
    Option<SparkSession> spark = SparkSession.getActiveSession();
    spark = spark.isDefined() ? spark : SparkSession.getDefaultSession();
    if (spark.isEmpty()) {
      return Optional.empty();
    }
    try {
      spark.get().createDataFrame(List.<Row>of(), schema).filter(functions.expr(sql));
      return Optional.empty();
    } catch (Exception ex) {
      String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
      return Optional.of(
          m.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(m));
    }
  }

  private static void collectAttributes(Expression e, Set<String> out) {
    if (e instanceof UnresolvedAttribute a) {
      out.add(a.nameParts().head());
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      collectAttributes(child, out);
    }
  }

  // ---- results ----

  private static ConstraintView view(ConstraintResult r, ConstraintSpec spec) {
    boolean passed = r.status() == ConstraintStatus.Success();
    String failure = r.message().isDefined() ? r.message().get() : null;
    if (r.metric().isEmpty()) {
      return new ConstraintView(passed, null, null, failure, false);
    }
    Metric<?> m = r.metric().get();
    Try<?> t = m.value();
    if (t.isFailure()) {
      Throwable ex = t.failed().get();
      boolean empty = false;
      for (Throwable c = ex; c != null && !empty; c = c.getCause() == c ? null : c.getCause()) {
        empty = c instanceof EmptyStateException;
      }
      return new ConstraintView(passed, m.name(), null, String.valueOf(ex.getMessage()), empty);
    }
    Object v = t.get();
    if (v instanceof Number n) {
      return new ConstraintView(passed, m.name(), n.doubleValue(), failure, false);
    }
    if (v instanceof Distribution d && spec != null && spec.dataType() != null) {
      Map<String, Long> counts = new HashMap<>();
      JavaConverters.mapAsJavaMap(d.values()).forEach((k, dv) -> counts.put(k, dv.absolute()));
      Double share = spec.dataType().shareOf(counts);
      return new ConstraintView(passed, "DataType", share, failure, share == null);
    }
    return new ConstraintView(passed, m.name(), null, failure, false);
  }

  // ---- Deequ values ----

  private static scala.Enumeration.Value level(Severity s) {
    return s == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning();
  }

  private static scala.Enumeration.Value deequType(ColumnType t) {
    return switch (t) {
      case INTEGRAL -> ConstrainableDataTypes.Integral();
      case FRACTIONAL -> ConstrainableDataTypes.Fractional();
      case NUMERIC -> ConstrainableDataTypes.Numeric();
      case BOOLEAN -> ConstrainableDataTypes.Boolean();
      default -> throw new IllegalArgumentException("Deequ cannot classify strings as " + t.id());
    };
  }

  private static Analyzer size() {
    return new Size(Option.empty());
  }

  private static Analyzer analyzer(ConstraintSpec anomaly) {
    return anomaly.type() == ConstraintSpec.Type.ANOMALY_SIZE
        ? size()
        : new Completeness(anomaly.columns().get(0), Option.empty(), Option.empty());
  }

  private static AnomalyDetectionStrategy strategy(Rule.Anomaly a) {
    Double down = a.maxDecrease();
    return a.strategy() == Rule.Strategy.RELATIVE_RATE
        ? new RelativeRateOfChangeStrategy(option(down), option(a.maxIncrease()), 1)
        : new AbsoluteChangeStrategy(
            option(down == null ? null : -down), option(a.maxIncrease()), 1);
  }

  // ---- Scala collections ----

  /** An immutable Scala List: Deequ prints and serializes analyzers with it. */
  private static <T> Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  private static Option<Object> option(Double d) {
    return d == null ? Option.empty() : Option.apply(d);
  }

  private static <K, V> scala.collection.immutable.Map<K, V> scalaMap(Map<K, V> m) {
    return JavaConverters.mapAsScalaMap(m).toMap(Predef.<Tuple2<K, V>>$conforms());
  }
}
