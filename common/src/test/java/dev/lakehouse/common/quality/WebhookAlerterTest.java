package dev.lakehouse.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.quality.RuleOutcome.Status;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookAlerterTest {
  private static GateReport report(Status status) {
    RuleOutcome o =
        new RuleOutcome(
            "order_id_is_key",
            RuleKind.PRIMARY_KEY,
            status == Status.WARNING ? Severity.WARNING : Severity.ERROR,
            List.of("order_id"),
            status,
            "Uniqueness",
            0.98,
            "Uniqueness 0.98 < 1");
    return new GateReport(
        "run-1",
        "job",
        "b1",
        Fixtures.ORDERS,
        "s.conf",
        3,
        100,
        List.of(o),
        2,
        "/q",
        Instant.now());
  }

  @Test
  void postsOneSlackCompatibleMessage() {
    try (WebhookServer hook = new WebhookServer()) {
      new WebhookAlerter(hook.url(), false, Duration.ofSeconds(5)).alert(report(Status.FAILED));
      assertThat(hook.bodies())
          .singleElement()
          .asString()
          .startsWith("{\"text\":\":rotating_light: Quality gate FAILED for silver.shop.orders")
          .contains("run run-1")
          .contains("• order_id_is_key (primary_key on order_id): Uniqueness 0.98 < 1")
          .contains("still at version 3")
          .contains("\\n")
          .endsWith("\"}");
      // Warnings alone alert only when asked.
      new WebhookAlerter(hook.url(), false, Duration.ofSeconds(5)).alert(report(Status.WARNING));
      assertThat(hook.bodies()).hasSize(1);
      // A passing report never alerts.
      new WebhookAlerter(hook.url(), true, Duration.ofSeconds(5)).alert(report(Status.PASSED));
      assertThat(hook.bodies()).hasSize(1);
    }
  }

  @Test
  void deadWebhookNeverFailsTheRun() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WebhookAlerter dead =
        new WebhookAlerter("http://127.0.0.1:" + port + "/hook", true, Duration.ofSeconds(2));
    long start = System.nanoTime();
    dead.alert(report(Status.FAILED));
    assertThat(dead.post("{}")).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(new WebhookAlerter("not a url", false, Duration.ofSeconds(1)).post("{}")).isFalse();
  }

  @Test
  void escapesJson() {
    assertThat(WebhookAlerter.json("a \"b\"\n\\c\u0001"))
        .isEqualTo("\"a \\\"b\\\"\\n\\\\c\\u0001\"");
  }
}
