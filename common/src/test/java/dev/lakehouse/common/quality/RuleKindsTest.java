package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule kind passes on good data and fails on bad data. One suite with a rule of each kind
 * runs once on each data set (one Deequ verification each), and the rows each failed rule blames
 * are exactly the bad ones.
 */
class RuleKindsTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2018, 10, 17);
  private static final String CHECKS =
      String.join(
          "\n",
          "{ name = rows, kind = row_count, min = 1, max = 4, severity = error }",
          "{ name = id_complete, kind = completeness, column = id, severity = error }",
          "{ name = id_unique, kind = uniqueness, column = id, severity = error }",
          "{ name = id_key, kind = primary_key, column = id, severity = error }",
          "{ name = status_known, kind = allowed_values, column = status,"
              + " values = [delivered, shipped], severity = error }",
          "{ name = n_min, kind = min, column = n, min = 0, severity = error }",
          "{ name = n_max, kind = max, column = n, max = 100, severity = error }",
          "{ name = n_range, kind = range, column = n, min = 0, max = 100, severity = error }",
          "{ name = price_non_negative, kind = non_negative, column = price, severity = error }",
          "{ name = price_positive, kind = positive, column = price, severity = error }",
          "{ name = zip_pattern, kind = pattern, column = zip, regex = \"^[0-9]{5}$\","
              + " severity = error }",
          "{ name = code_integral, kind = data_type, column = code, type = integral,"
              + " severity = error }",
          "{ name = n_integral, kind = data_type, column = n, type = integral, severity = error }",
          "{ name = name_length, kind = string_length, column = name, min = 2, max = 10,"
              + " severity = error }",
          "{ name = shipped_has_zip, kind = satisfies,"
              + " predicate = \"status <> 'shipped' OR zip IS NOT NULL\", severity = warning }",
          "{ name = fresh, kind = freshness, column = ts, max-age = \"30 days\", severity = error }",
          "{ name = customer_known, kind = referential_integrity, column = customer_id,"
              + " reference = silver.shop.customers, severity = error }");

  private static SparkSession spark;
  private static final ReferenceTables REFS =
      t -> t.equals(Fixtures.CUSTOMERS) ? Optional.of(Fixtures.customers(spark)) : Optional.empty();

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
  }

  private static StructType schema(DataType n) {
    return new StructType()
        .add("id", DataTypes.StringType)
        .add("customer_id", DataTypes.StringType)
        .add("n", n)
        .add("price", DataTypes.DoubleType)
        .add("status", DataTypes.StringType)
        .add("zip", DataTypes.StringType)
        .add("ts", DataTypes.TimestampType)
        .add("code", DataTypes.StringType)
        .add("name", DataTypes.StringType);
  }

  private static Row row(Object... v) {
    Object[] values = v.clone();
    values[6] = Fixtures.ts((String) v[6]);
    return RowFactory.create(values);
  }

  private static Dataset<Row> good() {
    return Fixtures.frame(
        spark,
        schema(DataTypes.LongType),
        row("a", "c1", 1L, 10.0, "delivered", "12345", "2018-10-10 08:00:00", "1", "Ann"),
        row("b", "c2", 2L, 20.0, "shipped", "54321", "2018-10-01 08:00:00", "2", "Bob"),
        row("c", "c1", 3L, 30.0, "delivered", null, "2018-09-20 08:00:00", "3", "Cy"),
        row("d", null, 100L, 0.5, "shipped", "11111", null, null, "Dan"));
  }

  /** Five rows (one too many), with a flaw for every rule; n is a double here. */
  private static Dataset<Row> bad() {
    return Fixtures.frame(
        spark,
        schema(DataTypes.DoubleType),
        row("a", "c1", -1.0, 10.0, "delivered", "12345", "2018-01-01 08:00:00", "1", "Ann"),
        row("a", "c2", 200.0, -5.0, "shipped", null, "2018-01-02 08:00:00", "2", "x"),
        row(null, "c1", 5.0, 0.0, "lost", "12a45", null, "x1", "Bartholomew"),
        row("c", "zzz", 6.0, 1.0, "delivered", "54321", "2018-01-03 08:00:00", "3", "Cy"),
        row("d", null, 7.0, 2.0, "shipped", "11111", "2018-01-04 08:00:00", "4", "Di"));
  }

  private static RuleSuite suite(Dataset<Row> data) {
    return RuleSuiteLoader.parse(
        Fixtures.suiteText(CHECKS), "kinds.conf", Fixtures.ORDERS, data.schema());
  }

  private static Map<String, RuleOutcome> byName(List<RuleOutcome> outcomes) {
    return outcomes.stream().collect(Collectors.toMap(RuleOutcome::rule, Function.identity()));
  }

  @Test
  void everyKindPassesOnGoodData(@TempDir Path dir) {
    Dataset<Row> data = good();
    RuleSuite suite = suite(data);
    SuiteEvaluator.Result r = SuiteEvaluator.evaluate(data, suite, RUN_DATE, REFS, null);
    assertThat(r.rowCount()).isEqualTo(4);
    assertThat(r.outcomes()).hasSize(suite.rules().size());
    assertThat(r.outcomes())
        .allSatisfy(o -> assertThat(o.status()).as(o.describe()).isEqualTo(Status.PASSED));
    Map<String, RuleOutcome> o = byName(r.outcomes());
    assertThat(o.get("id_key").message()).isEqualTo("Completeness 1 >= 1; Uniqueness 1 >= 1");
    assertThat(o.get("n_integral").message())
        .isEqualTo("column n has Spark type bigint, which is integral");
    assertThat(o.get("code_integral").metric()).isEqualTo("DataType");
    assertThat(o.get("fresh").value()).isEqualTo(0.75);
    assertThat(o.get("customer_known").value()).isEqualTo(1.0);

    // Deequ's repository serializes every metric these kinds produce.
    MetricsHistory history = new MetricsHistory(dir.resolve("m.json").toString(), Fixtures.ORDERS);
    r.run().saveMetrics(spark, history.path(), 1L, history.runTags("j", "r", "s", true));
    ConstraintSpec size = ConstraintSpec.of(ConstraintSpec.Type.ANOMALY_SIZE, List.of(), null);
    assertThat(DeequAdapter.hasHistory(spark, history.path(), history.historyTags(), size))
        .isTrue();
    assertThat(DeequAdapter.hasHistory(spark, history.path(), Map.of("table", "other"), size))
        .isFalse();
  }

  @Test
  void everyKindFailsOnBadDataAndBlamesTheBadRows() {
    Dataset<Row> data = bad();
    RuleSuite suite = suite(data);
    SuiteEvaluator.Result r = SuiteEvaluator.evaluate(data, suite, RUN_DATE, REFS, null);
    Map<String, RuleOutcome> o = byName(r.outcomes());
    assertThat(r.outcomes())
        .allSatisfy(x -> assertThat(x.status()).as(x.describe()).isNotEqualTo(Status.PASSED));
    assertThat(o.get("shipped_has_zip").status()).isEqualTo(Status.WARNING);
    assertThat(o.get("rows").message()).isEqualTo("Size 5 > 4");
    assertThat(o.get("id_complete").message()).isEqualTo("Completeness 0.8 < 1");
    assertThat(o.get("id_unique").message()).isEqualTo("Uniqueness 0.5 < 1");
    assertThat(o.get("id_key").message()).isEqualTo("Completeness 0.8 < 1; Uniqueness 0.5 < 1");
    assertThat(o.get("id_key").metric()).isEqualTo("Completeness");
    assertThat(o.get("status_known").message()).isEqualTo("Compliance 0.8 < 1");
    assertThat(o.get("n_range").message()).isEqualTo("Minimum -1 < 0; Maximum 200 > 100");
    assertThat(o.get("zip_pattern").value()).isEqualTo(0.75); // 3 of 4 non-null zips
    assertThat(o.get("code_integral").value()).isEqualTo(0.8);
    assertThat(o.get("n_integral").message()).contains("type double, which is not integral");
    assertThat(o.get("name_length").message()).isEqualTo("MinLength 1 < 2; MaxLength 11 > 10");
    assertThat(o.get("fresh").message())
        .startsWith("Compliance 0 <= 0 (share of rows with ts at or after 2018-09-17 00:00:00");
    assertThat(o.get("customer_known").message())
        .startsWith(
            "ReferentialIntegrity 0.8 < 1 (1 of 5 rows have customer_id not found in"
                + " silver.shop.customers.customer_id");

    Map<String, Long> blamed =
        Map.ofEntries(
            Map.entry("id_complete", 1L),
            Map.entry("id_unique", 2L),
            Map.entry("id_key", 3L),
            Map.entry("status_known", 1L),
            Map.entry("n_min", 1L),
            Map.entry("n_max", 1L),
            Map.entry("n_range", 2L),
            Map.entry("price_non_negative", 1L),
            Map.entry("price_positive", 2L),
            Map.entry("zip_pattern", 1L),
            Map.entry("name_length", 2L),
            Map.entry("shipped_has_zip", 1L),
            Map.entry("customer_known", 1L));
    // The rows each rule blames, counted in one Spark job.
    Dataset<Row> all = null;
    for (String rule : blamed.keySet()) {
      Dataset<Row> rows =
          ViolationFilters.offending(
              suite.rule(rule).orElseThrow(), data, r.riAnnotated().get(rule));
      assertThat(rows.columns()).as(rule).containsExactly(data.columns());
      Dataset<Row> tagged = rows.select(lit(rule).as("rule"));
      all = all == null ? tagged : all.union(tagged);
    }
    Map<String, Long> counted =
        all.groupBy("rule").count().collectAsList().stream()
            .collect(Collectors.toMap(x -> x.getString(0), x -> x.getLong(1)));
    assertThat(counted).isEqualTo(blamed);
  }

  @Test
  void emptyDataPassesColumnRulesButNotRowCountOrFreshness() {
    Dataset<Row> data = good().limit(0);
    SuiteEvaluator.Result r = SuiteEvaluator.evaluate(data, suite(data), RUN_DATE, REFS, null);
    assertThat(r.rowCount()).isZero();
    Map<String, RuleOutcome> o = byName(r.outcomes());
    assertThat(o.get("rows").status()).isEqualTo(Status.FAILED);
    assertThat(o.get("fresh").status()).isEqualTo(Status.FAILED);
    assertThat(o.get("fresh").message()).contains("no rows");
    assertThat(r.outcomes().stream().filter(x -> x.status() == Status.PASSED).count())
        .isEqualTo(r.outcomes().size() - 2);
    assertThat(o.get("id_unique").message()).isEqualTo("no values to check (no rows)");
  }

  @Test
  void predicatesAreAnalyzedAgainstTheSchemaWhenASessionIsActive() {
    StructType schema = good().schema();
    assertThatThrownBy(
            () ->
                RuleSuiteLoader.parse(
                    Fixtures.suiteText(
                        "{ name = f, kind = satisfies, predicate = \"nosuchfn(n) > 0\","
                            + " severity = error }\n"
                            + "{ name = g, kind = satisfies, predicate = \"n + 1\","
                            + " severity = error }"),
                    "p.conf",
                    Fixtures.ORDERS,
                    schema))
        .hasMessageContaining("line 3, rule f: predicate does not work on this table:")
        .hasMessageContaining("nosuchfn")
        .hasMessageContaining("line 4, rule g: predicate does not work on this table:");
  }

  @Test
  void missingReferenceTableFailsTheRuleWithAClearMessage() {
    Dataset<Row> data = good();
    RuleSuite suite = suite(data);
    SuiteEvaluator.Result r =
        SuiteEvaluator.evaluate(data, suite, RUN_DATE, t -> Optional.empty(), null);
    RuleOutcome o = byName(r.outcomes()).get("customer_known");
    assertThat(o.status()).isEqualTo(Status.FAILED);
    assertThat(o.message())
        .isEqualTo(
            "reference table silver.shop.customers does not exist; promote it before this"
                + " table");
    assertThat(TableId.parse("silver.shop.customers")).isEqualTo(Fixtures.CUSTOMERS);
  }
}
