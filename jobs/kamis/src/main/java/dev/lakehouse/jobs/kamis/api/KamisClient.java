package dev.lakehouse.jobs.kamis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Calls the KAMIS OpenAPI over {@link HttpClient}, one request at a time, within a bounded request
 * rate, retrying what retrying can fix.
 *
 * <ul>
 *   <li>Rate: a smooth Failsafe {@link RateLimiter} at {@code lakehouse.kamis.requests-per-second};
 *       every attempt, retries included, takes a permit.
 *   <li>Retries (Failsafe {@link RetryPolicy}, exponential backoff with jitter): timeouts,
 *       connection errors, HTTP 5xx, HTTP 429 (waiting at least its Retry-After) and a body that is
 *       not complete JSON (KAMIS sometimes cuts an answer short).
 *   <li>Result code {@code 000}: rows; {@code 001}: an empty result. {@code 200} (wrong parameters)
 *       and {@code 900} (bad credentials) fail at once with exit code 4. An HTML page (what KAMIS
 *       answers to an unknown action or URL) fails at once, naming the action and day.
 * </ul>
 *
 * <p>Nothing this class returns, throws or reports holds the credentials: URLs, the {@code
 * condition} echo and every message pass through {@link Redaction}.
 */
public final class KamisClient {
  /** The longest Retry-After honoured; a server asking for more is waited for this long. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KamisSettings settings;
  private final HttpClient http;
  private final Redaction redaction;
  private final Consumer<String> notices;
  private final FailsafeExecutor<KamisResponse> executor;
  private final AtomicInteger attempts = new AtomicInteger();

  /**
   * A client for these settings.
   *
   * @param settings base URL, credentials, rate, timeout and retry settings
   * @param notices receives one line per retry (already free of credentials)
   */
  public KamisClient(KamisSettings settings, Consumer<String> notices) {
    this.settings = settings;
    this.redaction = new Redaction(settings.certKey(), settings.certId());
    this.notices = notices;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    Duration interval =
        Duration.ofNanos(Math.max(1L, Math.round(1e9 / settings.requestsPerSecond())));
    RateLimiter<KamisResponse> limiter =
        RateLimiter.<KamisResponse>smoothBuilder(interval)
            // A permit is always waited for: the limit slows the fetch down, it never fails it.
            .withMaxWaitTime(Duration.ofDays(1))
            .build();
    double jitter = settings.retryJitter();
    RetryPolicy<KamisResponse> retry =
        RetryPolicy.<KamisResponse>builder()
            .handle(RetryableFailure.class)
            .withMaxRetries(settings.maxRetries())
            .withBackoff(settings.retryInitialDelay(), settings.retryMaxDelay())
            .withJitter(jitter)
            // Failsafe applies the jitter to this delay too; dividing by (1 - jitter) keeps the
            // shortest possible wait at what the server asked for.
            .withDelayFnOn(
                ctx -> {
                  RetryableFailure f = ctx.getLastException();
                  // A negative delay tells Failsafe to use the exponential backoff.
                  return f.retryAfter == null
                      ? Duration.ofNanos(-1)
                      : Duration.ofNanos(Math.round(f.retryAfter.toNanos() / (1 - jitter)) + 1);
                },
                RetryableFailure.class)
            .onRetryScheduled(
                e ->
                    notices.accept(
                        redaction.text(
                            "KAMIS retry "
                                + e.getAttemptCount()
                                + "/"
                                + settings.maxRetries()
                                + " in "
                                + e.getDelay().toMillis()
                                + " ms: "
                                + e.getLastException().getMessage())))
            .build();
    // Retry outside, rate limit inside: every attempt waits for its own permit.
    this.executor = Failsafe.with(retry, limiter);
  }

  /** A client that reports nothing. */
  public KamisClient(KamisSettings settings) {
    this(settings, line -> {});
  }

  /** HTTP attempts made so far, retries included. */
  public int attempts() {
    return attempts.get();
  }

  /** The redaction of this client's credentials. */
  public Redaction redaction() {
    return redaction;
  }

  /** The URL of a request, credential values masked. */
  public String safeUrl(KamisRequest request) {
    return redaction.url(uri(request).toString());
  }

  /**
   * Sends the request and returns the accepted answer ({@code 000} or {@code 001}).
   *
   * @throws LakehouseException exit 4 when KAMIS refuses (200, 900, HTTP 4xx), exit 1 when the
   *     answer is not JSON or KAMIS keeps failing after every retry
   */
  public KamisResponse fetch(KamisRequest request) {
    URI uri = uri(request);
    String safeUrl = redaction.url(uri.toString());
    AtomicInteger tries = new AtomicInteger();
    try {
      return executor.get(() -> attempt(request, uri, safeUrl, tries.incrementAndGet()));
    } catch (RetryableFailure f) {
      if (f.brokenJson) {
        throw Errors.kamisUnreadable(
            request.describe(),
            "is not complete JSON after " + tries.get() + " attempts (" + f.getMessage() + ")",
            "KAMIS sometimes cuts an answer short; re-run later (complete days are kept)."
                + " KAMIS_BASE_URL is "
                + settings.baseUrl()
                + ".");
      }
      throw Errors.kamisUnavailable(request.describe(), safeUrl, tries.get(), f.getMessage());
    } catch (dev.failsafe.FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new LakehouseException(
          ExitCode.FAILURE,
          redaction.text("KAMIS request " + request.describe() + " failed: " + cause),
          null);
    }
  }

  private KamisResponse attempt(KamisRequest request, URI uri, String safeUrl, int attempt) {
    attempts.incrementAndGet();
    HttpRequest httpRequest =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response = send(httpRequest);
    int status = response.statusCode();
    if (status == 429) {
      Duration wait = retryAfter(response).orElse(null);
      throw new RetryableFailure(
          "HTTP 429 (too many requests)"
              + (wait == null ? "" : ", Retry-After " + wait.toMillis() + " ms"),
          wait,
          false);
    }
    if (status >= 500) {
      throw new RetryableFailure("HTTP " + status, null, false);
    }
    if (status != 200) {
      throw Errors.kamisHttpRefused(request.describe(), safeUrl, status);
    }
    byte[] bytes = response.body();
    String text = new String(bytes, StandardCharsets.UTF_8);
    String start = text.stripLeading();
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (start.startsWith("<") || contentType.toLowerCase(Locale.ROOT).contains("text/html")) {
      throw Errors.kamisUnreadable(
          request.describe(),
          "is an HTML page (HTTP 200), not JSON",
          "KAMIS answers an HTML page to an unknown action or URL: check KAMIS_BASE_URL ("
              + settings.baseUrl()
              + ") and the action name.");
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new RetryableFailure(
          "broken JSON at byte " + e.getLocation().getByteOffset() + " of " + bytes.length,
          null,
          true);
    } catch (IOException e) {
      throw new RetryableFailure("unreadable body: " + e.getMessage(), null, true);
    }
    if (body == null || body.isMissingNode() || !body.isObject()) {
      throw new RetryableFailure(
          bytes.length == 0 ? "empty body" : "the body is JSON but not an object", null, true);
    }
    String code =
        KamisPayload.resultCode(body)
            .orElseThrow(
                () ->
                    Errors.kamisUnreadable(
                        request.describe(),
                        "has no result code (neither data nor error_code)",
                        "Check that KAMIS_BASE_URL ("
                            + settings.baseUrl()
                            + ") is the KAMIS OpenAPI endpoint."));
    switch (code) {
      case KamisPayload.OK:
      case KamisPayload.NO_DATA:
        JsonNode clean = redaction.json(body);
        return new KamisResponse(
            request,
            safeUrl,
            status,
            code,
            clean,
            Instant.now(),
            KamisPayload.rows(request.action(), clean).size(),
            attempt);
      case KamisPayload.BAD_PARAMETERS:
        throw Errors.kamisRejectedParameters(request.describe(), safeUrl);
      case KamisPayload.UNAUTHENTICATED:
        throw Errors.kamisUnauthenticated(request.describe(), settings.baseUrl());
      default:
        throw new LakehouseException(
            ExitCode.SOURCE_REFUSED,
            "KAMIS answered result code '"
                + redaction.text(code)
                + "' to "
                + request.describe()
                + "; known codes are 000, 001, 200 and 900. URL "
                + safeUrl
                + ".");
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      // The request timeout covers the headers only; this bounds the body as well.
      return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RetryableFailure(
          "no complete answer within " + settings.requestTimeout().toMillis() + " ms", null, false);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new LakehouseException(ExitCode.FAILURE, "Interrupted while calling KAMIS", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String what =
          cause instanceof java.net.http.HttpTimeoutException
              ? "no answer within " + settings.requestTimeout().toMillis() + " ms"
              : cause.getClass().getSimpleName()
                  + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      throw new RetryableFailure(redaction.text(what), null, false);
    }
  }

  /** The Retry-After of a response: seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(KamisClient::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    Duration d;
    if (v.matches("\\d+")) {
      d = Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        d = Duration.between(Instant.now(), at.toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
  }

  private URI uri(KamisRequest request) {
    StringBuilder q = new StringBuilder(settings.baseUrl());
    q.append(settings.baseUrl().contains("?") ? '&' : '?');
    q.append("action=").append(enc(request.action().apiName()));
    q.append("&p_cert_key=").append(enc(settings.certKey()));
    q.append("&p_cert_id=").append(enc(settings.certId()));
    q.append("&p_returntype=json");
    for (Map.Entry<String, String> p : request.params().entrySet()) {
      q.append('&').append(p.getKey()).append('=').append(enc(p.getValue()));
    }
    return URI.create(q.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A failure retrying may fix. Its message never holds a credential. */
  static final class RetryableFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Duration retryAfter;
    final boolean brokenJson;

    RetryableFailure(String message, Duration retryAfter, boolean brokenJson) {
      super(message, null, false, false);
      this.retryAfter = retryAfter;
      this.brokenJson = brokenJson;
    }
  }
}
