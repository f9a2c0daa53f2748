package dev.lakehouse.common.quality;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.RuleOutcome.Status;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate end to end on a lakehouse root: results, quarantine, metrics history, alerts. */
class QualityGateTest {
  private static final String JOB = "shop.promote_orders";
  private final SparkSession spark = TestSpark.session();
  private final RuleSuites suites = new RuleSuites(null, Path.of("no-such-dir"), "dq");

  /** A lakehouse with the customers reference table and version 0 of the orders table. */
  private JobContext lakehouse(Path root) {
    JobContext ctx = TestSpark.context(root, "b1", null);
    Fixtures.customers(spark).write().format("delta").save(ctx.layout().path(Fixtures.CUSTOMERS));
    Fixtures.goodOrders(spark, 5).write().format("delta").save(ctx.layout().path(Fixtures.ORDERS));
    return ctx;
  }

  private GateOptions options(JobContext ctx, Alerter alerter) {
    return GateOptions.defaults(spark, ctx).withAlerter(alerter);
  }

  @Test
  void hardFailureRecordsResultsQuarantinesRowsAndAlerts(@TempDir Path root) {
    JobContext ctx = lakehouse(root);
    Dataset<Row> data =
        Fixtures.goodOrders(spark, 8)
            .union(
                Fixtures.frame(
                    spark,
                    Fixtures.ORDERS_SCHEMA,
                    Fixtures.order(
                        "o00001", "c1", "delivered", 5.0, "12345", "2018-10-02 10:00:00"),
                    Fixtures.order("o00100", "c2", "shipped", -3.0, "12345", "2018-10-02 10:00:00"),
                    Fixtures.order("o00101", "c9", "lost", 1.0, "1234", "2018-10-02 10:00:00")))
            .persist();
    RuleSuite suite = suites.load(Fixtures.ORDERS, data.schema());

    GateReport report;
    try (WebhookServer hook = new WebhookServer()) {
      Alerter alerter = new WebhookAlerter(hook.url(), false, Duration.ofSeconds(5));
      report =
          QualityGate.run(spark, ctx, JOB, Fixtures.ORDERS, data, suite, options(ctx, alerter));
      assertThat(hook.bodies()).hasSize(1);
      assertThat(hook.bodies().get(0))
          .startsWith("{\"text\":\":rotating_light: Quality gate FAILED for silver.shop.orders")
          .contains("run " + ctx.runId())
          .contains("order_id_is_key (primary_key on order_id): Uniqueness 0.818182 < 1")
          .contains("customer_known");
    }

    assertThat(report.passed()).isFalse();
    assertThat(report.rowCount()).isEqualTo(11);
    assertThat(report.tableVersion()).isZero();
    assertThat(Fixtures.names(report.failures()))
        .containsExactly("order_id_is_key", "status_known", "price_non_negative", "customer_known");
    assertThat(Fixtures.names(report.warnings())).containsExactly("price_range");
    assertThat(report.summaryLine())
        .startsWith("Quality gate silver.shop.orders: FAILED, 4 of 10 rules failed")
        .endsWith("11 rows, 5 quarantined");
    assertThat(DeltaIO.version(spark, ctx.layout().path(Fixtures.ORDERS))).isZero();

    Dataset<Row> results =
        QualityResults.read(spark, ctx.layout()).filter(col("run_id").equalTo(ctx.runId()));
    assertThat(results.count()).isEqualTo(10);
    Row key = results.filter(col("rule").equalTo("order_id_is_key")).first();
    assertThat(key.<String>getAs("status")).isEqualTo("FAILED");
    assertThat(key.<String>getAs("kind")).isEqualTo("primary_key");
    assertThat(key.<String>getAs("metric")).isEqualTo("Uniqueness");
    assertThat(key.<Double>getAs("value"))
        .isEqualTo(9.0 / 11, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(key.<Long>getAs("table_version")).isZero();
    assertThat(key.<String>getAs("job")).isEqualTo(JOB);
    assertThat(key.<String>getAs("suite")).isEqualTo("dq/shop/silver_orders.conf");
    assertThat(QualityResults.latest(spark, ctx.layout(), Fixtures.ORDERS).count()).isEqualTo(10);

    Dataset<Row> quarantine = DeltaIO.read(spark, ctx.layout().quarantine("shop", "orders"));
    assertThat(quarantine.count()).isEqualTo(5);
    List<String> reasons =
        quarantine.select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(reasons.stream().filter(r -> r.startsWith("rule order_id_is_key (primary_key)")))
        .hasSize(2);
    assertThat(reasons).anyMatch(r -> r.startsWith("rule price_non_negative (non_negative)"));
    assertThat(reasons).anyMatch(r -> r.startsWith("rule status_known (allowed_values)"));
    assertThat(reasons).anyMatch(r -> r.startsWith("rule customer_known (referential_integrity)"));
    Row orphan = quarantine.filter(col("reason").startsWith("rule customer_known")).first();
    assertThat(orphan.<String>getAs("raw")).contains("\"order_id\":\"o00101\"");
    assertThat(orphan.<String>getAs("_batch_id")).isEqualTo("b1");
    assertThat(orphan.<String>getAs("layer")).isEqualTo("silver");

    assertThatThrownBy(report::throwIfFailed)
        .isInstanceOf(QualityGateException.class)
        .satisfies(
            e -> assertThat(((QualityGateException) e).exitCode()).isEqualTo(ExitCode.QUALITY_GATE))
        .satisfies(e -> assertThat(((QualityGateException) e).exitCode().code()).isEqualTo(3))
        .hasMessageStartingWith(
            "Quality gate failed for silver.shop.orders: order_id_is_key (primary_key on order_id):"
                + " Uniqueness 0.818182 < 1; status_known (allowed_values on status): Compliance"
                + " 0.909091 < 1; price_non_negative (non_negative on price): Compliance 0.909091 < 1;"
                + " customer_known (referential_integrity on customer_id): ReferentialIntegrity"
                + " 0.909091 < 1")
        .hasMessageContaining("still at version 0")
        .hasMessageContaining("5 failing rows are in " + ctx.layout().quarantine("shop", "orders"));
    data.unpersist();
  }

  @Test
  void warningsAloneLetTheDataThrough(@TempDir Path root) {
    JobContext ctx = TestSpark.context(root, "b1", null);
    Dataset<Row> data =
        Fixtures.goodOrders(spark, 6)
            .union(
                Fixtures.frame(
                    spark,
                    Fixtures.ORDERS_SCHEMA,
                    Fixtures.order(
                        "o00100", "c2", "delivered", 99999.0, "1-2", "2018-10-02 10:00:00")));
    RuleSuite suite = suites.load(Fixtures.ORDERS, data.schema());
    GateReport report;
    try (WebhookServer hook = new WebhookServer()) {
      Alerter alerter = new WebhookAlerter(hook.url(), true, Duration.ofSeconds(5));
      GateOptions opts =
          options(ctx, alerter).withReferences(t -> Optional.of(Fixtures.customers(spark)));
      report = QualityGate.run(spark, ctx, JOB, Fixtures.ORDERS, data, suite, opts);
      assertThat(hook.bodies())
          .singleElement()
          .asString()
          .startsWith("{\"text\":\":warning: Quality gate warnings for silver.shop.orders")
          .contains("zip_is_5_digits");
    }
    assertThat(data.storageLevel().useMemory()).as("the gate persisted the data").isTrue();
    assertThat(report.passed()).isTrue();
    assertThatCode(report::throwIfFailed).doesNotThrowAnyException();
    assertThat(Fixtures.names(report.warnings())).containsExactly("price_range", "zip_is_5_digits");
    assertThat(report.quarantinedRows()).isZero();
    assertThat(DeltaIO.exists(spark, ctx.layout().quarantine("shop", "orders"))).isFalse();
    assertThat(
            QualityResults.read(spark, ctx.layout())
                .filter(col("status").equalTo("WARNING"))
                .count())
        .isEqualTo(2);
    data.unpersist();
  }

  @Test
  void anomalyRuleFiresOnAThreefoldJumpInRowCount(@TempDir Path root) {
    JobContext ctx = TestSpark.context(root, null, null);
    RuleSuite suite =
        Fixtures.orders(
            "{ name = has_rows, kind = row_count, min = 1, severity = error }\n"
                + "{ name = row_count_stable, kind = anomaly_row_count, max-rate-increase = 2.0,"
                + " max-rate-decrease = 0.5, severity = error }");
    int[] sizes = {100, 100, 100, 300, 100};
    RuleOutcome[] outcomes = new RuleOutcome[sizes.length];
    Instant t0 = Instant.parse("2018-10-01T00:00:00Z");
    for (int i = 0; i < sizes.length; i++) {
      JobContext run = ctx.withRunId("run-" + i);
      GateOptions opts =
          options(run, Alerter.NONE)
              .withClock(Clock.fixed(t0.plus(Duration.ofDays(i)), ZoneOffset.UTC));
      Dataset<Row> data = Fixtures.goodOrders(spark, sizes[i]);
      GateReport report = QualityGate.run(spark, run, JOB, Fixtures.ORDERS, data, suite, opts);
      outcomes[i] = report.outcomes().get(1);
      data.unpersist();
    }
    assertThat(outcomes[0].status()).isEqualTo(Status.PASSED);
    assertThat(outcomes[0].message()).contains("no earlier passed run of silver.shop.orders");
    assertThat(outcomes[1].status()).isEqualTo(Status.PASSED);
    assertThat(outcomes[2].status()).isEqualTo(Status.PASSED);
    assertThat(outcomes[2].message())
        .isEqualTo(
            "Size 100 is within ratio to the previous run within 0.5..2 (previous passed runs)");
    assertThat(outcomes[3].status()).isEqualTo(Status.FAILED);
    assertThat(outcomes[3].value()).isEqualTo(300.0);
    assertThat(outcomes[3].message()).startsWith("Size 300 is an anomaly");
    // The rejected run is not the baseline: 100 rows again compare with the passed runs.
    assertThat(outcomes[4].status()).isEqualTo(Status.PASSED);
    assertThat(java.nio.file.Files.exists(Path.of(MetricsHistory.repositoryPath(ctx.layout()))))
        .isTrue();
  }
}
