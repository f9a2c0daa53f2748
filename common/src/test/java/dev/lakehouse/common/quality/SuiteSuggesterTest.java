package dev.lakehouse.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.quality.DeequAdapter.SuggestionView;
import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.testing.TestSpark;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SuiteSuggesterTest {

  @Test
  void suggestedSuiteLoadsBackAndPassesOnItsOwnData() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> data = Fixtures.goodOrders(spark, 40).cache();
    String text = SuiteSuggester.suggest(spark, Fixtures.ORDERS, data);

    assertThat(text)
        .startsWith("# Suggested rule suite for silver.shop.orders.")
        .contains("from 40 rows")
        .contains("#   dq-rules/shop/silver_orders.conf")
        .contains("\nsuite = silver.shop.orders\n");
    RuleSuite suite = RuleSuiteLoader.parse(text, "suggested", Fixtures.ORDERS, data.schema());
    assertThat(suite.rules()).allSatisfy(r -> assertThat(r.severity()).isEqualTo(Severity.WARNING));
    assertThat(suite.rules().stream().map(Rule::kind).distinct())
        .contains(
            RuleKind.ROW_COUNT,
            RuleKind.COMPLETENESS,
            RuleKind.ALLOWED_VALUES,
            RuleKind.NON_NEGATIVE,
            RuleKind.UNIQUENESS,
            RuleKind.DATA_TYPE);
    assertThat(suite.rule("status_allowed").orElseThrow().values())
        .containsExactlyInAnyOrder("delivered", "shipped");
    assertThat(suite.rule("zip_type").orElseThrow().type()).isEqualTo(ColumnType.INTEGRAL);
    assertThat(text).contains("# Not translated: NonNegativeNumbersRule on the string column zip");

    SuiteEvaluator.Result r =
        SuiteEvaluator.evaluate(
            data, suite, LocalDate.of(2018, 10, 17), t -> Optional.empty(), null);
    assertThat(r.outcomes())
        .allSatisfy(o -> assertThat(o.status()).as(o.describe()).isEqualTo(Status.PASSED));
    data.unpersist();
  }

  @Test
  void rendersAwkwardNamesAndValuesAsValidHocon() {
    String text =
        SuiteSuggester.render(
            Fixtures.ORDERS,
            10,
            List.of(
                new SuggestionView(
                    "Order Status",
                    "FractionalCategoricalRangeRule",
                    ".isContainedIn(\"Order Status\", Array(\"a\"), _ >= 0.9345678, Some(\"x\"))",
                    "'Order Status' has value range 'it''s', 'true'",
                    List.of("it's", "true", "01")),
                new SuggestionView(
                    "1st", "CompleteIfCompleteRule", ".isComplete(\"1st\")", "ok", List.of()),
                new SuggestionView("x", "HasMean", ".hasMean(\"x\", _ >= 1)", "mean", List.of())),
            new StructType()
                .add("1st", DataTypes.StringType)
                .add("Order Status", DataTypes.StringType)
                .add("x", DataTypes.DoubleType));
    RuleSuite s = RuleSuiteLoader.parse(text, "suggested", Fixtures.ORDERS, null);
    Rule allowed = s.rule("order_status_mostly_allowed").orElseThrow();
    assertThat(allowed.columns()).containsExactly("Order Status");
    assertThat(allowed.values()).containsExactly("it's", "true", "01");
    assertThat(allowed.minFraction()).isEqualTo(0.9345);
    assertThat(s.rule("c_1st_complete")).isPresent();
    assertThat(s.rules().get(1).name()).isEqualTo("c_1st_complete");
    assertThat(text).contains("# Not translated: HasMean: .hasMean(");
  }
}
