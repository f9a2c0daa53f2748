package dev.lakehouse.common.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The loader validates a whole suite file, without Spark, before any data is read. */
class RuleSuiteLoaderTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String text) {
    return assertThatThrownBy(
            () ->
                RuleSuiteLoader.parse(
                    text,
                    "dq-rules/shop/silver_orders.conf",
                    Fixtures.ORDERS,
                    Fixtures.ORDERS_SCHEMA))
        .isInstanceOf(LakehouseException.class)
        .satisfies(e -> assertThat(((LakehouseException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("dq-rules/shop/silver_orders.conf");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejectsChecks(String checks) {
    return rejects(Fixtures.suiteText(checks));
  }

  @Test
  void loadsEveryKindWithItsParameters() {
    RuleSuite s =
        RuleSuiteLoader.parse(
            TestFiles.resource("dq/shop/silver_orders.conf"),
            "dq/shop/silver_orders.conf",
            Fixtures.ORDERS,
            Fixtures.ORDERS_SCHEMA);
    assertThat(s.name()).isEqualTo("silver.shop.orders");
    assertThat(s.description()).isEqualTo("Orders of the test shop");
    assertThat(s.rules()).hasSize(10);
    Rule key = s.rule("order_id_is_key").orElseThrow();
    assertThat(key.kind()).isEqualTo(RuleKind.PRIMARY_KEY);
    assertThat(key.columns()).containsExactly("order_id");
    assertThat(key.severity()).isEqualTo(Severity.ERROR);
    assertThat(key.line()).isEqualTo(6);
    assertThat(s.rule("status_known").orElseThrow().values())
        .containsExactly("delivered", "shipped", "canceled");
    Rule zip = s.rule("zip_is_5_digits").orElseThrow();
    assertThat(zip.regex()).isEqualTo("^[0-9]{5}$");
    assertThat(zip.minFraction()).isEqualTo(0.9);
    assertThat(zip.severity()).isEqualTo(Severity.WARNING);
    assertThat(s.rule("delivered_has_date").orElseThrow().columns())
        .containsExactly("status", "delivered_at");
    assertThat(s.rule("recent_orders").orElseThrow().maxAge()).isEqualTo(Duration.ofDays(400));
    Rule ri = s.rule("customer_known").orElseThrow();
    assertThat(ri.reference().table()).isEqualTo(Fixtures.CUSTOMERS);
    assertThat(ri.reference().columns()).containsExactly("customer_id");
    Rule anomaly = s.rule("row_count_stable").orElseThrow();
    assertThat(anomaly.anomaly())
        .isEqualTo(new Rule.Anomaly(Rule.Strategy.RELATIVE_RATE, 2.0, 0.5));
    assertThat(s.rule("price_range").orElseThrow().min()).isEqualTo(0.0);
  }

  @Test
  void syntaxErrorNamesFileAndLine() {
    rejects("suite = silver.shop.orders\nchecks = [\n  { name = a, kind = row_count, min = 1 \n]\n")
        .hasMessageContaining("line 4")
        .hasMessageContaining("HOCON syntax error");
  }

  @Test
  void unknownKindNamesLineRuleAndKnownKinds() {
    rejectsChecks(
            "  { name = a, kind = row_count, min = 1, severity = error }\n"
                + "  { name = b, kind = is_awesome, column = price, severity = error }")
        .hasMessageContaining("line 4, rule b: unknown rule kind 'is_awesome'")
        .hasMessageContaining("primary_key");
  }

  @Test
  void missingAndIllTypedParameters() {
    rejectsChecks(
            "  { name = a, kind = completeness, severity = error }\n"
                + "  { name = b, kind = row_count, min = \"one\", severity = error }\n"
                + "  { name = c, kind = allowed_values, column = status, values = delivered,"
                + " severity = error }")
        .hasMessageContaining("line 3, rule a: missing parameter 'column'")
        .hasMessageContaining("line 4, rule b: parameter 'min' must be a number")
        .hasMessageContaining("line 5, rule c: parameter 'values' must be a list")
        .hasMessageContaining("3 problems");
  }

  @Test
  void unknownColumnSuggestsTheClosestOne() {
    rejectsChecks(
            "  { name = status_known, kind = allowed_values, column = order_status,"
                + " values = [a], severity = error }")
        .hasMessageContaining("line 3, rule status_known: unknown column 'order_status'")
        .hasMessageContaining("did you mean 'status'");
    rejectsChecks("  { name = s, kind = completeness, column = Status, severity = error }")
        .hasMessageContaining("unknown column 'Status'; did you mean 'status'?");
    rejectsChecks("  { name = s, kind = completeness, column = xyzzy, severity = error }")
        .hasMessageContaining("unknown column 'xyzzy'; the table has columns: order_id,");
  }

  @Test
  void columnOfTheWrongTypeForTheKind() {
    rejectsChecks(
            "  { name = p, kind = pattern, column = price, regex = \"^1\", severity = error }")
        .hasMessageContaining("column 'price' has type double but this kind needs type string");
    rejectsChecks("  { name = p, kind = min, column = zip, min = 1, severity = error }")
        .hasMessageContaining("this kind needs a numeric type");
  }

  @Test
  void badThresholds() {
    rejectsChecks(
            "  { name = a, kind = completeness, column = zip, min-fraction = 1.5,"
                + " severity = error }\n"
                + "  { name = b, kind = range, column = price, min = 10, max = 1, severity = error }\n"
                + "  { name = c, kind = row_count, min = -1, severity = error }\n"
                + "  { name = d, kind = freshness, column = ordered_at, max-age = \"soon\","
                + " severity = error }\n"
                + "  { name = e, kind = anomaly_row_count, max-rate-increase = 0.5, severity = error }")
        .hasMessageContaining("rule a: min-fraction must be between 0 and 1, not 1.5")
        .hasMessageContaining("rule b: min (10) is greater than max (1)")
        .hasMessageContaining("rule c: parameter 'min' must be a whole number >= 0")
        .hasMessageContaining("rule d: max-age 'soon' is not a duration")
        .hasMessageContaining("rule e: max-rate-increase is a ratio such as 2.0");
  }

  @Test
  void duplicateNamesAndUnknownSeverity() {
    rejectsChecks(
            "  { name = a, kind = row_count, min = 1, severity = error }\n"
                + "  { name = a, kind = row_count, max = 9, severity = fatal }")
        .hasMessageContaining("line 4, rule a: duplicate rule name 'a' (first used on line 3)")
        .hasMessageContaining("line 4, rule a: unknown severity 'fatal'; use error or warning");
    rejectsChecks("  { name = a, kind = row_count, min = 1 }")
        .hasMessageContaining("rule a: missing parameter 'severity'");
  }

  @Test
  void suiteNameMustMatchTheFile() {
    rejects(
            "suite = silver.shop.order\nchecks = [\n  { name = a, kind = row_count, min = 1,"
                + " severity = error }\n]")
        .hasMessageContaining(
            "line 1: suite is 'silver.shop.order' but this file holds the rules"
                + " of silver.shop.orders (dq-rules/shop/silver_orders.conf)");
  }

  @Test
  void unknownParametersAndBadPredicates() {
    rejectsChecks(
            "  { name = a, kind = completeness, column = zip, min_fraction = 0.5,"
                + " severity = error }\n"
                + "  { name = b, kind = satisfies, predicate = \"price >>> 0\", severity = error }\n"
                + "  { name = c, kind = satisfies, predicate = \"prize > 0\", severity = error }\n"
                + "  { name = d, kind = pattern, column = zip, regex = \"[0-9\", severity = error }")
        .hasMessageContaining("rule a: unknown parameter 'min_fraction' for kind completeness")
        .hasMessageContaining("rule b: predicate is not valid SQL")
        .hasMessageContaining("rule c: unknown column 'prize'; did you mean 'price'")
        .hasMessageContaining("rule d: regex does not compile");
  }

  @Test
  void structuralProblems() {
    rejects("suite = silver.shop.orders\nrules = []\n")
        .hasMessageContaining("unknown top-level key 'rules'")
        .hasMessageContaining("has no 'checks = [ ... ]' list");
    rejects("suite = silver.shop.orders\nchecks = [ 1 ]\n")
        .hasMessageContaining("check #1 must be an object");
  }

  @Test
  void referentialIntegrityNeedsMatchingColumns() {
    rejectsChecks(
            "  { name = a, kind = referential_integrity, column = customer_id,"
                + " reference = \"shop.customers\", severity = error }\n"
                + "  { name = b, kind = referential_integrity, columns = [customer_id, zip],"
                + " reference = silver.shop.customers, reference-column = customer_id,"
                + " severity = error }")
        .hasMessageContaining("rule a: reference: Table name 'shop.customers' is not of the form")
        .hasMessageContaining("rule b: needs as many reference columns as columns (2), not 1");
  }

  @Test
  void withoutSchemaColumnsAreNotChecked() {
    RuleSuite s =
        RuleSuiteLoader.parse(
            Fixtures.suiteText(
                "  { name = a, kind = completeness, column = anything," + " severity = warning }"),
            "x.conf",
            null,
            null);
    assertThat(s.table()).isEqualTo(Fixtures.ORDERS);
    assertThat(s.rules().get(0).columns()).containsExactly("anything");
  }
}
