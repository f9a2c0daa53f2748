package dev.lakehouse.launcher.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lakehouse.common.lineage.LineageConf;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.Lakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full Olist demo with the OpenLineage listener on the http transport, received by an HTTP server
 * inside the test JVM at Marquez's path; then, in the same session, a failed quality gate, a parent
 * run handed in from outside, a backend slower than {@code lakehouse.lineage.timeout} and an
 * unreachable one. Runs in its own JVM (the surefire execution {@code lineage}): the listener is
 * configured when the session starts, and the other tests' shared session has lineage off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // five pipeline runs incl. timeouts; GitHub CI runs it (see pom.xml)
class LineageHttpTest {
  static final String NAMESPACE = "lakehouse-test";

  @TempDir static Path root;
  static HttpServer server;
  static ExecutorService handlers;
  static final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** How long the receiver waits before answering: above the timeout makes a slow backend. */
  static volatile long answerDelayMillis;

  static Map<String, String> env;
  static TableLayout layout;
  static final List<LogEvent> logged = Collections.synchronizedList(new ArrayList<>());
  static AbstractAppender capture;

  @BeforeAll
  static void start() throws IOException {
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "lineage-receiver");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(handlers);
    server.createContext(
        "/api/v1/lineage",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (answerDelayMillis > 0) {
              Thread.sleep(answerDelayMillis);
            } else if ("POST".equals(exchange.getRequestMethod())) {
              events.add(body);
            }
            exchange.sendResponseHeaders(201, -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    server.start();
    env =
        Map.of(
            "LAKEHOUSE_ROOT",
            root.toString(),
            "LINEAGE_TRANSPORT",
            "http",
            "LINEAGE_URL",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "LINEAGE_NAMESPACE",
            NAMESPACE,
            "LINEAGE_TIMEOUT",
            "3s");
    layout = new TableLayout(root.toString());
    // Every warning and error logged in this JVM, to count the lineage warnings.
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    capture =
        new AbstractAppender("lineage-test-capture", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            logged.add(event.toImmutable());
          }
        };
    capture.start();
    ctx.getConfiguration().addAppender(capture);
    ctx.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
    ctx.updateLoggers();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    handlers.shutdownNow();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
    ctx.updateLoggers();
  }

  static int cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    return code;
  }

  static LineageGraph graph() {
    synchronized (events) {
      return new LineageGraph(new ArrayList<>(events), layout);
    }
  }

  static String lastRun(String job) {
    List<String> runs = LineageGraph.runIds(SparkSession.active(), layout).get(job);
    return runs.get(runs.size() - 1);
  }

  @Test
  @Order(1)
  void fullRunDeliversAConnectedGraphWithQuality() throws Exception {
    assertThat(cli("demo", "--scale", "0.002", "--kamis-days", "0")).isZero();
    Files.write(Path.of("target", "lineage-events.ndjson"), new ArrayList<>(events));
    LineageGraph g = graph();
    g.parsesAsOpenLineage();
    SparkSession spark = SparkSession.active();
    Map<String, String> runIds =
        Map.of(
            "olist.ingest_bronze", lastRun("olist.ingest_bronze"),
            "olist.promote_silver", lastRun("olist.promote_silver"),
            "olist.build_gold", lastRun("olist.build_gold"));
    g.connectedOlistRun(runIds, NAMESPACE);
    g.qualityMatchesResults(
        spark, runIds.get("olist.promote_silver"), TableId.silver("olist", "orders"));
  }

  @Test
  @Order(2)
  void failedGateStillReportsItsQuality() throws IOException {
    Path bad = root.resolve("landing-duplicate-order");
    LineageGraph.copyLanding(
        Path.of(layout.landing("olist")),
        bad,
        Map.of(OlistTables.ORDERS.fileName(), LineageGraph.duplicateFirstRow()));
    assertThat(cli("run", "olist.ingest_bronze", "--source", bad.toString())).isEqualTo(3);

    String run = lastRun("olist.ingest_bronze");
    LineageGraph g = graph();
    JsonNode orders = g.qualityDataset(run, OlistTables.ORDERS.bronze());
    List<JsonNode> assertions =
        LineageGraph.toList(orders.path("facets").path("dataQualityAssertions").path("assertions"));
    assertThat(assertions)
        .anyMatch(
            a ->
                a.path("assertion").asText().equals("order_id_unique_in_batch")
                    && !a.path("success").asBoolean(true)
                    && a.path("column").asText().equals("order_id"));
    assertThat(g.all)
        .as("the job run ends with FAIL")
        .anyMatch(
            e ->
                run.equals(e.path("run").path("runId").asText())
                    && "FAIL".equals(e.path("eventType").asText()));
  }

  @Test
  @Order(3)
  void parentHandedInFromOutsideBecomesTheParent() throws IOException {
    // What Airflow's OpenLineage provider passes with spark-submit --conf.
    UUID airflowRun = UUID.randomUUID();
    SparkSession spark = SparkSession.active();
    spark.conf().set(LineageConf.PARENT_JOB_NAMESPACE, "airflow-test");
    spark.conf().set(LineageConf.PARENT_JOB_NAME, "olist_dag.ingest_bronze");
    spark.conf().set(LineageConf.PARENT_RUN_ID, airflowRun.toString());
    Path again = root.resolve("landing-again");
    LineageGraph.copyLanding(Path.of(layout.landing("olist")), again, Map.of());
    int code;
    try {
      code = cli("run", "olist.ingest_bronze", "--source", again.toString());
    } finally {
      spark.conf().unset(LineageConf.PARENT_JOB_NAMESPACE);
      spark.conf().unset(LineageConf.PARENT_JOB_NAME);
      spark.conf().unset(LineageConf.PARENT_RUN_ID);
    }
    assertThat(code).isZero();

    String run = lastRun("olist.ingest_bronze");
    LineageGraph g = graph();
    // Our job run names the outside run as its parent.
    List<JsonNode> ours =
        g.all.stream().filter(e -> run.equals(e.path("run").path("runId").asText())).toList();
    assertThat(ours.stream().map(e -> e.path("eventType").asText()))
        .contains("START", "COMPLETE", "OTHER");
    for (JsonNode e : ours) {
      JsonNode parent = e.path("run").path("facets").path("parent");
      assertThat(parent.path("run").path("runId").asText()).isEqualTo(airflowRun.toString());
      assertThat(parent.path("job").path("namespace").asText()).isEqualTo("airflow-test");
      assertThat(parent.path("job").path("name").asText()).isEqualTo("olist_dag.ingest_bronze");
    }
    // The Spark-level events of the run hang under the outside run, not under our job run.
    assertThat(g.all)
        .as("Spark-level events under the outside run")
        .anyMatch(
            e ->
                airflowRun.toString().equals(LineageGraph.parentRun(e))
                    && "airflow-test"
                        .equals(
                            e.path("run")
                                .path("facets")
                                .path("parent")
                                .path("job")
                                .path("namespace")
                                .asText())
                    && LineageGraph.names(e.path("outputs"))
                        .contains(g.name(OlistTables.ORDERS.bronze())));
    assertThat(g.all).noneMatch(e -> run.equals(LineageGraph.parentRun(e)));
  }

  static List<LogEvent> lineageWarnings() {
    synchronized (logged) {
      return logged.stream()
          .filter(e -> e.getLevel().isMoreSpecificThan(Level.WARN))
          .filter(e -> e.getLoggerName().startsWith("dev.lakehouse.common.lineage"))
          .toList();
    }
  }

  static List<LogEvent> stackTracesFromOpenLineage() {
    synchronized (logged) {
      return logged.stream()
          .filter(e -> e.getLoggerName().startsWith("io.openlineage") && e.getThrown() != null)
          .toList();
    }
  }

  @Test
  @Order(4)
  void slowBackendCostsOneTimeoutAndOneWarning() {
    answerDelayMillis = 10_000; // the timeout is 3 s
    logged.clear();
    long started = System.nanoTime();
    // The batch is in bronze already: a short run, its events all go to the slow backend.
    assertThat(cli("run", "olist.ingest_bronze", "--source", layout.landing("olist"))).isZero();
    System.out.printf(
        "run with a lineage backend slower than the timeout: %.1f s%n",
        (System.nanoTime() - started) / 1e9);
    assertThat(lineageWarnings())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getMessage().getFormattedMessage()).contains("not delivered");
              assertThat(e.getThrown()).isNull();
            });
    assertThat(stackTracesFromOpenLineage()).isEmpty();
  }

  @Test
  @Order(5)
  void unreachableBackendStillLetsTheJobSucceed() {
    server.stop(0);
    server = null;
    long started = System.nanoTime();
    assertThat(cli("run", "olist.ingest_bronze", "--source", layout.landing("olist"))).isZero();
    System.out.printf(
        "run with an unreachable lineage backend: %.1f s%n", (System.nanoTime() - started) / 1e9);
    // Still the same outage: no second warning, no stack traces.
    assertThat(lineageWarnings()).hasSize(1);
    assertThat(stackTracesFromOpenLineage()).isEmpty();
  }
}
