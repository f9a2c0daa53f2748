package dev.lakehouse.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.quality.ConstraintSpec.Type;
import dev.lakehouse.common.quality.RuleTranslator.Evaluation;
import dev.lakehouse.common.quality.RuleTranslator.RulePlan;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Rules to Deequ constraints, without Spark: the specs, Deequ's own description of the Check it
 * builds, and how Deequ's Check decides on given metric values.
 */
class RuleTranslatorTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2018, 10, 17);

  private static RulePlan plan(String check) {
    RuleSuite s = Fixtures.orders(check);
    return RuleTranslator.translate(s, Fixtures.ORDERS_SCHEMA, RUN_DATE).get(0);
  }

  private static List<String> deequ(RulePlan p) {
    return DeequAdapter.describe(p.rule().name(), p.constraints());
  }

  private static boolean passesAt(RulePlan p, double metric) {
    return DeequAdapter.evaluateOffline(p.rule().name(), p.constraints(), metric);
  }

  @Test
  void rowCountIsDeequSizeWithBothBounds() {
    RulePlan p = plan("{ name = r, kind = row_count, min = 1, max = 1000, severity = error }");
    assertThat(p.evaluation()).isEqualTo(Evaluation.DEEQU);
    assertThat(p.constraints())
        .extracting(ConstraintSpec::type)
        .containsExactly(Type.SIZE, Type.SIZE);
    assertThat(deequ(p)).allSatisfy(d -> assertThat(d).startsWith("SizeConstraint(Size(None))"));
    assertThat(passesAt(p, 0)).isFalse();
    assertThat(passesAt(p, 1)).isTrue();
    assertThat(passesAt(p, 1000)).isTrue();
    assertThat(passesAt(p, 1001)).isFalse();
  }

  @Test
  void completenessDefaultsToAllRowsAndTakesAFraction() {
    RulePlan all = plan("{ name = c, kind = completeness, column = zip, severity = error }");
    assertThat(deequ(all)).containsExactly("CompletenessConstraint(Completeness(zip,None,None))");
    assertThat(passesAt(all, 1.0)).isTrue();
    assertThat(passesAt(all, 0.999)).isFalse();
    RulePlan most =
        plan(
            "{ name = c, kind = completeness, columns = [zip, status], min-fraction = 0.95,"
                + " severity = error }");
    assertThat(most.constraints()).hasSize(2);
    assertThat(most.constraints().get(0).bound()).isEqualTo(Bound.atLeast(0.95));
    assertThat(passesAt(most, 0.95)).isTrue();
    assertThat(passesAt(most, 0.949)).isFalse();
  }

  @Test
  void primaryKeyIsCompletenessPlusDeequIsPrimaryKey() {
    RulePlan p =
        plan(
            "{ name = k, kind = primary_key, columns = [order_id, customer_id], severity = error }");
    assertThat(p.constraints())
        .extracting(ConstraintSpec::type)
        .containsExactly(Type.COMPLETENESS, Type.COMPLETENESS, Type.PRIMARY_KEY);
    assertThat(deequ(p).get(2))
        .isEqualTo("UniquenessConstraint(Uniqueness(List(order_id, customer_id),None,None))");
    assertThat(passesAt(p, 1.0)).isTrue();
    assertThat(passesAt(p, 0.99)).isFalse();
    RulePlan u =
        plan("{ name = u, kind = uniqueness, column = zip, min-fraction = 0.9, severity = error }");
    assertThat(deequ(u)).containsExactly("UniquenessConstraint(Uniqueness(List(zip),None,None))");
    assertThat(passesAt(u, 0.9)).isTrue();
  }

  @Test
  void allowedValuesIsDeequIsContainedIn() {
    RulePlan p =
        plan(
            "{ name = s, kind = allowed_values, column = status, values = [delivered, \"it's\"],"
                + " min-fraction = 0.5, severity = error }");
    assertThat(deequ(p).get(0))
        .contains("Compliance(status contained in delivered,it's")
        .contains("`status` IS NULL OR `status` IN ('delivered','it\\'s')");
    assertThat(passesAt(p, 0.5)).isTrue();
    assertThat(passesAt(p, 0.49)).isFalse();
  }

  @Test
  void numericBoundsAreMinimumAndMaximum() {
    RulePlan range =
        plan("{ name = p, kind = range, column = price, min = 0, max = 100, severity = error }");
    assertThat(deequ(range))
        .containsExactly(
            "MinimumConstraint(Minimum(price,None,None))",
            "MaximumConstraint(Maximum(price,None,None))");
    assertThat(passesAt(range, 50)).isTrue();
    assertThat(passesAt(range, 101)).isFalse();
    assertThat(passesAt(range, -1)).isFalse();
    RulePlan nonNeg = plan("{ name = n, kind = non_negative, column = price, severity = error }");
    assertThat(deequ(nonNeg).get(0)).contains("Compliance(price is non-negative");
    RulePlan pos = plan("{ name = n, kind = positive, column = price, severity = error }");
    assertThat(deequ(pos).get(0)).contains("Compliance(price is positive");
  }

  @Test
  void patternOnlyLooksAtNonNullValues() {
    RulePlan p =
        plan(
            "{ name = z, kind = pattern, column = zip, regex = \"^[0-9]{5}$\", severity = error }");
    ConstraintSpec s = p.constraints().get(0);
    assertThat(s.type()).isEqualTo(Type.PATTERN);
    assertThat(s.where()).isEqualTo("`zip` IS NOT NULL");
    assertThat(deequ(p)).containsExactly("PatternMatchConstraint(zip, ^[0-9]{5}$)");
    assertThat(passesAt(p, 1.0)).isTrue();
    assertThat(passesAt(p, 0.99)).isFalse();
  }

  @Test
  void stringLengthAndSatisfies() {
    RulePlan len =
        plan(
            "{ name = l, kind = string_length, column = zip, min = 5, max = 5, severity = error }");
    assertThat(deequ(len))
        .containsExactly(
            "MinLengthConstraint(MinLength(zip,None,None))",
            "MaxLengthConstraint(MaxLength(zip,None,None))");
    RulePlan sat =
        plan(
            "{ name = d, kind = satisfies, predicate = \"price > 0 AND zip IS NOT NULL\","
                + " min-fraction = 0.8, severity = error }");
    assertThat(sat.rule().columns()).containsExactly("price", "zip");
    assertThat(deequ(sat).get(0)).contains("Compliance(price > 0 AND zip IS NOT NULL");
    assertThat(passesAt(sat, 0.8)).isTrue();
    assertThat(passesAt(sat, 0.79)).isFalse();
  }

  @Test
  void freshnessIsComplianceAboveZeroAgainstTheRunDate() {
    RulePlan p =
        plan(
            "{ name = f, kind = freshness, column = ordered_at, max-age = \"400 days\","
                + " severity = error }");
    ConstraintSpec s = p.constraints().get(0);
    assertThat(s.type()).isEqualTo(Type.COMPLIANCE);
    assertThat(s.argument()).isEqualTo("`ordered_at` >= TIMESTAMP '2017-09-12 00:00:00'");
    assertThat(s.bound()).isEqualTo(Bound.above(0));
    assertThat(s.note()).contains("run date 2018-10-17 minus 400 days");
    assertThat(passesAt(p, 0.001)).isTrue();
    assertThat(passesAt(p, 0.0)).isFalse();
  }

  @Test
  void dataTypeUsesDeequOnStringsAndTheSchemaOtherwise() {
    StructType schema =
        new StructType().add("code", DataTypes.StringType).add("n", DataTypes.LongType);
    RuleSuite s =
        RuleSuiteLoader.parse(
            "suite = silver.shop.orders\nchecks = [\n"
                + "{ name = a, kind = data_type, column = code, type = integral, severity = error }\n"
                + "{ name = b, kind = data_type, column = n, type = integral, severity = error }\n]",
            "t.conf",
            Fixtures.ORDERS,
            schema);
    List<RulePlan> plans = RuleTranslator.translate(s, schema, RUN_DATE);
    assertThat(plans.get(0).constraints().get(0).type()).isEqualTo(Type.DATA_TYPE);
    assertThat(deequ(plans.get(0)).get(0)).contains("DataType(code,None)");
    assertThat(plans.get(1).evaluation()).isEqualTo(Evaluation.SCHEMA);
  }

  @Test
  void referentialIntegrityAndAnomaliesAreEvaluatedBesidesChecks() {
    RulePlan ri =
        plan(
            "{ name = r, kind = referential_integrity, column = customer_id,"
                + " reference = silver.shop.customers, min-fraction = 0.99, severity = error }");
    assertThat(ri.evaluation()).isEqualTo(Evaluation.REFERENTIAL_INTEGRITY);
    assertThat(ri.constraints().get(0).bound()).isEqualTo(Bound.atLeast(0.99));
    RulePlan a =
        plan(
            "{ name = a, kind = anomaly_completeness, column = zip, max-increase = 0.1,"
                + " max-decrease = 0.05, severity = warning }");
    assertThat(a.evaluation()).isEqualTo(Evaluation.ANOMALY);
    assertThat(a.constraints().get(0).anomaly())
        .isEqualTo(new Rule.Anomaly(Rule.Strategy.ABSOLUTE_CHANGE, 0.1, 0.05));
    assertThat(a.constraints().get(0).anomaly().describe())
        .isEqualTo("change from the previous run within -0.05..+0.1");
  }

  @Test
  void boundsWordTheirViolation() {
    assertThat(Bound.atLeast(1).violation()).isEqualTo("< 1");
    assertThat(Bound.atMost(0.5).describe()).isEqualTo("<= 0.5");
    assertThat(Bound.format(0.3333333333)).isEqualTo("0.333333");
    assertThat(Bound.format(300.0)).isEqualTo("300");
  }
}
