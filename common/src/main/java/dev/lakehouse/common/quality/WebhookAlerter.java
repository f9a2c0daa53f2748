package dev.lakehouse.common.quality;

import dev.lakehouse.common.config.LakehouseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one Slack-compatible message ({@code {"text": "..."}}) per gate run to a webhook: when an
 * error rule failed, and, if asked, when only warnings did. A webhook that is down, slow (5 s
 * timeouts) or answers with an error costs one logged warning and never fails the run.
 */
public final class WebhookAlerter implements Alerter {
  /** Connect and request timeout unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerter.class);
  private static final int MAX_LISTED = 20;

  private final String url;
  private final boolean alertOnWarnings;
  private final Duration timeout;

  public WebhookAlerter(String url, boolean alertOnWarnings, Duration timeout) {
    this.url = url;
    this.alertOnWarnings = alertOnWarnings;
    this.timeout = timeout;
  }

  /** The webhook of the settings ({@code ALERT_WEBHOOK_URL}), or no alerts when it is empty. */
  public static Alerter fromSettings(LakehouseSettings settings, boolean alertOnWarnings) {
    String u = settings.alert().webhookUrl();
    return u == null || u.isBlank()
        ? Alerter.NONE
        : new WebhookAlerter(u.trim(), alertOnWarnings, DEFAULT_TIMEOUT);
  }

  @Override
  public void alert(GateReport report) {
    boolean warn = alertOnWarnings && !report.warnings().isEmpty();
    if (report.passed() && !warn) {
      return;
    }
    post(payload(report));
  }

  /**
   * Posts a JSON payload.
   *
   * @return true when the webhook answered 2xx
   */
  boolean post(String json) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      LOG.warn(
          "Quality alert not accepted by the webhook at {}: HTTP {}",
          redacted(),
          response.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Quality alert to the webhook at {} interrupted", redacted());
    } catch (Exception e) {
      LOG.warn("Quality alert to the webhook at {} failed: {}", redacted(), e.toString());
    }
    return false;
  }

  /** The Slack-compatible payload: {@code {"text": "..."}}. */
  static String payload(GateReport r) {
    return "{\"text\":" + json(text(r)) + "}";
  }

  /** The message: table, run, failed rules with their metric values, warnings. */
  static String text(GateReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            r.passed()
                ? ":warning: Quality gate warnings for "
                : ":rotating_light: Quality gate FAILED for ")
        .append(r.table())
        .append(" (job ")
        .append(r.job())
        .append(", run ")
        .append(r.runId())
        .append(r.batchId() == null ? "" : ", batch " + r.batchId())
        .append(", ")
        .append(r.rowCount())
        .append(" rows)");
    list(sb, "Failed", r.failures());
    list(sb, "Warnings", r.warnings());
    if (!r.passed()) {
      sb.append("\n")
          .append(r.table())
          .append(" was not published")
          .append(r.tableVersion() < 0 ? "" : " (still at version " + r.tableVersion() + ")")
          .append(".");
      if (r.quarantinedRows() > 0) {
        sb.append(" ")
            .append(r.quarantinedRows())
            .append(" failing rows are in ")
            .append(r.quarantinePath())
            .append(".");
      }
    }
    return sb.toString();
  }

  private static void list(StringBuilder sb, String title, List<RuleOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    sb.append("\n*").append(title).append(":*");
    outcomes.stream().limit(MAX_LISTED).forEach(o -> sb.append("\n• ").append(o.describe()));
    if (outcomes.size() > MAX_LISTED) {
      sb.append("\n• … and ").append(outcomes.size() - MAX_LISTED).append(" more");
    }
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Webhook URLs carry secrets in their path: log only scheme and host. */
  private String redacted() {
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "(invalid URL)";
    }
  }
}
