package dev.lakehouse.jobs.kamis.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.api.KamisRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A local HTTP server that answers like KAMIS, from a folder of answers written by {@link
 * KamisSampleGenerator} ({@code <dir>/<action>/<slot>/<request-key>.json}). Used by the tests and
 * by {@code bin/lakehouse demo}.
 *
 * <p>Like the real service it listens at {@code /service/price/xml.do}, takes the real parameter
 * names of each action and {@code p_returntype=json}, and echoes the request, credentials included,
 * in {@code condition}. It answers {@code 900} to a wrong key or id, {@code 200} to parameters the
 * action does not take or cannot parse, an HTML page (HTTP 200) to an unknown action or path, and
 * {@code 001} for a request it has no answer for. dailySalesList and productInfo take no day: it
 * serves the latest day it holds.
 *
 * <p>Faults for tests: HTTP errors (e.g. 500) a number of times, 429 with Retry-After, answers
 * slower than a client's timeout, and bodies cut short. It counts every request it receives.
 */
public final class FakeKamisServer implements AutoCloseable {
  /** The path KAMIS serves every action at. */
  public static final String PATH = "/service/price/xml.do";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String HTML =
      "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"UTF-8\"><title>KAMIS 농산물유통정보"
          + "</title></head>\n<body><h1>요청하신 페이지를 찾을 수 없습니다.</h1>\n"
          + "<p>The page you requested was not found.</p></body></html>\n";

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm and the
    // client's delayed ACK every answer would wait ~40 ms. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Path dir;
  private final String certKey;
  private final String certId;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Long> requestNanos = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> requestedActions =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 500;
  private final AtomicInteger rateLimited = new AtomicInteger();
  private volatile int retryAfterSeconds = 1;
  private final AtomicInteger slow = new AtomicInteger();
  private volatile Duration slowBy = Duration.ofSeconds(2);
  private final AtomicInteger truncated = new AtomicInteger();
  private volatile int failFrom = Integer.MAX_VALUE;

  private FakeKamisServer(Path dir, String certKey, String certId) throws IOException {
    this.dir = dir;
    this.certKey = certKey;
    this.certId = certId;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Several threads: a deliberately slow answer must not hold up the next request.
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-kamis");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on 127.0.0.1 on a free port.
   *
   * @param responsesDir the folder of answers (it may be empty: every request then gets 001)
   * @param certKey the key it accepts
   * @param certId the id it accepts
   */
  public static FakeKamisServer start(Path responsesDir, String certKey, String certId) {
    try {
      return new FakeKamisServer(responsesDir, certKey, certId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake KAMIS server", e);
    }
  }

  /** The URL to set as KAMIS_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** Requests received so far, faults included. */
  public int requestCount() {
    return requests.get();
  }

  /** When each request arrived ({@link System#nanoTime()}), in order of arrival. */
  public List<Long> requestNanos() {
    synchronized (requestNanos) {
      return List.copyOf(requestNanos);
    }
  }

  /** The action parameter of each request received ("" when absent), in order of arrival. */
  public List<String> requestedActions() {
    synchronized (requestedActions) {
      return List.copyOf(requestedActions);
    }
  }

  /** The next {@code times} requests get HTTP {@code status} (e.g. 500, 503) and no body. */
  public void failNext(int times, int status) {
    failureStatus = status;
    failures.set(times);
  }

  /**
   * Every request from the {@code n}-th one received (counting from 1, faults included) gets HTTP
   * {@code status}, like a service that goes down in the middle of a backfill. {@link #recover}
   * ends it.
   */
  public void failFrom(int n, int status) {
    failureStatus = status;
    failFrom = n;
  }

  /** Ends {@link #failFrom} and every pending fault. */
  public void recover() {
    failFrom = Integer.MAX_VALUE;
    failures.set(0);
    rateLimited.set(0);
    slow.set(0);
    truncated.set(0);
  }

  /** The next {@code times} requests get HTTP 429 with {@code Retry-After: seconds}. */
  public void rateLimitNext(int times, int seconds) {
    retryAfterSeconds = seconds;
    rateLimited.set(times);
  }

  /** The next {@code times} requests are answered only after {@code delay}. */
  public void delayNext(int times, Duration delay) {
    slowBy = delay;
    slow.set(times);
  }

  /** The next {@code times} JSON answers are cut off halfway (HTTP 200, the body incomplete). */
  public void truncateNext(int times) {
    truncated.set(times);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      int number = requests.incrementAndGet();
      requestNanos.add(System.nanoTime());
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      requestedActions.add(q.getOrDefault("action", ""));
      if (takeOne(slow)) {
        try {
          Thread.sleep(slowBy.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (number >= failFrom || takeOne(failures)) {
        ex.sendResponseHeaders(failureStatus, -1);
        return;
      }
      if (takeOne(rateLimited)) {
        ex.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        ex.sendResponseHeaders(429, -1);
        return;
      }
      if (!ex.getRequestURI().getPath().equals(PATH)) {
        html(ex);
        return;
      }
      Optional<KamisAction> action = KamisAction.fromApiName(q.getOrDefault("action", ""));
      if (action.isEmpty()) {
        html(ex);
        return;
      }
      json(ex, answer(action.get(), q));
    } catch (IOException e) {
      // The client gave up (a timeout test): nothing to answer to.
    }
  }

  private JsonNode answer(KamisAction action, Map<String, String> q) throws IOException {
    if (!certKey.equals(q.get("p_cert_key")) || !certId.equals(q.get("p_cert_id"))) {
      return error(action, q, "900");
    }
    if (!"json".equals(q.get("p_returntype"))) {
      return error(action, q, "200");
    }
    for (String name : q.keySet()) {
      if (!action.accepts(name)) {
        return error(action, q, "200");
      }
    }
    for (String name : action.requiredParams()) {
      if (q.getOrDefault(name, "").isEmpty()) {
        return error(action, q, "200");
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : action.requiredParams()) {
      params.put(name, q.get(name));
    }
    for (String name : action.optionalParams()) {
      if (q.containsKey(name)) {
        params.put(name, q.get(name));
      }
    }
    String slot;
    switch (action.slotKind()) {
      case DAY:
        Optional<LocalDate> day = day(q.get("p_regday"));
        if (day.isEmpty() || !codesValid(action, q)) {
          return error(action, q, "200");
        }
        slot = day.get().toString();
        break;
      case PERIOD:
        Optional<LocalDate> start = day(q.get("p_startday"));
        Optional<LocalDate> end = day(q.get("p_endday"));
        if (start.isEmpty()
            || end.isEmpty()
            || start.get().isAfter(end.get())
            || !codesValid(action, q)) {
          return error(action, q, "200");
        }
        slot = KamisRequest.periodSlot(start.get(), end.get());
        break;
      default:
        slot = latestSlot(action).orElse(null);
    }
    String key = KamisRequest.keyOf(action, params);
    Path file =
        slot == null ? null : dir.resolve(action.apiName()).resolve(slot).resolve(key + ".json");
    JsonNode stored;
    if (file != null && Files.isRegularFile(file)) {
      stored = JSON.readTree(file.toFile());
    } else if (action.slotKind() == KamisAction.SlotKind.PERIOD) {
      stored =
          periodWithin(action, key, day(q.get("p_startday")).get(), day(q.get("p_endday")).get());
      if (stored == null) {
        return error(action, q, "001");
      }
    } else {
      return error(action, q, "001");
    }
    if (stored.isObject() && action.slotKind() != KamisAction.SlotKind.LATEST) {
      // Echo the request as KAMIS does, credentials and all.
      ((ObjectNode) stored).set("condition", echo(q));
    }
    return stored;
  }

  /**
   * A period asked for that was not generated as such: the rows of the answers whose periods
   * overlap it, cut to its days (summary rows first, as KAMIS orders them); null when none has a
   * row in it.
   */
  private JsonNode periodWithin(KamisAction action, String key, LocalDate start, LocalDate end)
      throws IOException {
    Path actionDir = dir.resolve(action.apiName());
    if (!Files.isDirectory(actionDir)) {
      return null;
    }
    List<Path> files;
    try (Stream<Path> slots = Files.list(actionDir)) {
      files =
          slots
              .filter(
                  p -> {
                    String[] range = p.getFileName().toString().split("_");
                    return range.length == 2
                        && !LocalDate.parse(range[0]).isAfter(end)
                        && !LocalDate.parse(range[1]).isBefore(start);
                  })
              .map(p -> p.resolve(key + ".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<JsonNode> averages = new ArrayList<>();
    List<JsonNode> normals = new ArrayList<>();
    List<JsonNode> markets = new ArrayList<>();
    for (Path f : files) {
      for (JsonNode row : JSON.readTree(f.toFile()).path("data").path("item")) {
        LocalDate d =
            LocalDate.parse(
                row.path("yyyy").asText() + "-" + row.path("regday").asText().replace('/', '-'));
        if (d.isBefore(start) || d.isAfter(end)) {
          continue;
        }
        String county = row.path("countyname").asText();
        (county.equals("평균") ? averages : county.equals("평년") ? normals : markets).add(row);
      }
    }
    if (averages.isEmpty() && markets.isEmpty()) {
      return null;
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putArray("condition");
    ObjectNode data = root.putObject("data");
    data.put("error_code", "000");
    ArrayNode item = data.putArray("item");
    averages.forEach(item::add);
    normals.forEach(item::add);
    markets.forEach(item::add);
    return root;
  }

  private static boolean codesValid(KamisAction action, Map<String, String> q) {
    for (Map.Entry<String, String> e : q.entrySet()) {
      String v = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "p_product_cls_code" -> v.matches("0[12]");
            case "p_item_category_code", "p_itemcategorycode" -> v.matches("[1-6]00");
            case "p_country_code", "p_countrycode", "p_countycode" -> v.matches("|[0-9]{4}");
            case "p_itemcode" -> v.matches("[0-9]{3,4}");
            case "p_kindcode", "p_productrankcode" -> v.matches("[0-9]{2}");
            case "p_convert_kg_yn" -> v.matches("[YN]");
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> latestSlot(KamisAction action) throws IOException {
    Path actionDir = dir.resolve(action.apiName());
    if (!Files.isDirectory(actionDir)) {
      return Optional.empty();
    }
    String key = KamisRequest.keyOf(action, Map.of()) + ".json";
    try (Stream<Path> slots = Files.list(actionDir)) {
      return slots
          .filter(p -> Files.isRegularFile(p.resolve(key)))
          .map(p -> p.getFileName().toString())
          .max(String::compareTo);
    }
  }

  /** An error or no-data answer in the shape the action uses. */
  private static JsonNode error(KamisAction action, Map<String, String> q, String code) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    switch (action) {
      case DAILY_SALES:
        root.putArray("condition")
            .addArray()
            .add(BASIC.format(LocalDate.now(java.time.ZoneOffset.UTC)));
        root.put("error_code", code);
        root.putArray("price");
        return root;
      case PRODUCT_INFO:
        root.set("condition", echo(q));
        root.put("error_code", code);
        root.putArray("info");
        return root;
      default:
        root.set("condition", echo(q));
        root.putArray("data").add(code);
        return root;
    }
  }

  private static ArrayNode echo(Map<String, String> q) {
    ArrayNode condition = JsonNodeFactory.instance.arrayNode();
    ObjectNode c = condition.addObject();
    q.forEach(c::put);
    return condition;
  }

  private static Optional<LocalDate> day(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.contains("-") ? LocalDate.parse(text) : LocalDate.parse(text, BASIC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void json(HttpExchange ex, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    if (takeOne(truncated)) {
      // Chunked, so that HTTP itself is fine and only the JSON is incomplete.
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes, 0, bytes.length / 2);
      }
      return;
    }
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void html(HttpExchange ex) throws IOException {
    byte[] bytes = HTML.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static boolean takeOne(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int i = pair.indexOf('=');
      String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
      String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }
}
