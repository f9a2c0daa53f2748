package dev.lakehouse.launcher.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.Lakehouse;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full Olist demo with the OpenLineage listener on the http transport, received by an HTTP server
 * inside the test JVM at Marquez's path. Runs in its own JVM (the surefire execution {@code
 * lineage}): the listener is configured when the session starts, and the other tests' shared
 * session has lineage off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LineageHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> JOBS =
      List.of("olist.ingest_bronze", "olist.promote_silver", "olist.build_gold");

  /** OpenLineage normalizes job names in parent facets; our own job events use the same name. */
  static String ol(String job) {
    return job.replace('.', '_');
  }

  @TempDir static Path root;
  static HttpServer server;
  static final List<String> events = Collections.synchronizedList(new ArrayList<>());
  static Map<String, String> env;
  static TableLayout layout;

  @BeforeAll
  static void start() throws IOException {
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/lineage",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            if ("POST".equals(exchange.getRequestMethod())) {
              events.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
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
            "lakehouse-test");
    layout = new TableLayout(root.toString());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static int cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    return code;
  }

  static List<JsonNode> parsed() {
    List<JsonNode> out = new ArrayList<>();
    synchronized (events) {
      for (String e : events) {
        try {
          out.add(JSON.readTree(e));
        } catch (IOException ex) {
          throw new AssertionError("not JSON: " + e, ex);
        }
      }
    }
    return out;
  }

  static String parentJob(JsonNode event) {
    JsonNode p = event.path("run").path("facets").path("parent").path("job").path("name");
    return p.isMissingNode() ? null : p.asText();
  }

  static String name(TableId t) {
    return Path.of(layout.path(t)).toAbsolutePath().normalize().toString();
  }

  /** namespace|name of every dataset under inputs or outputs of events parented to the job. */
  static Set<String> datasets(List<JsonNode> all, String job, String side) {
    Set<String> s = new HashSet<>();
    for (JsonNode e : all) {
      if (ol(job).equals(parentJob(e))) {
        for (JsonNode d : e.path(side)) {
          s.add(d.path("namespace").asText() + "|" + d.path("name").asText());
        }
      }
    }
    return s;
  }

  @Test
  @Order(1)
  void fullRunDeliversAConnectedGraphWithQuality() throws Exception {
    assertThat(cli("demo", "--scale", "0.002")).isZero();
    java.nio.file.Files.write(Path.of("target", "lineage-events.ndjson"), new ArrayList<>(events));
    List<JsonNode> all = parsed();
    assertThat(all).isNotEmpty();

    // Every event parses into OpenLineage's own model and has what Marquez requires.
    synchronized (events) {
      for (String e : events) {
        OpenLineage.RunEvent ev = OpenLineageClientUtils.runEventFromJson(e);
        assertThat(ev.getEventTime()).as(e).isNotNull();
        assertThat(ev.getRun().getRunId()).as(e).isNotNull();
        assertThat(ev.getJob().getNamespace()).as(e).isNotBlank();
        assertThat(ev.getJob().getName()).as(e).isNotBlank();
        assertThat(ev.getProducer()).as(e).isNotNull();
        assertThat(ev.getSchemaURL()).as(e).isNotNull();
      }
    }

    // Our parent jobs: START and COMPLETE with the run ids of _ops/job_runs.
    SparkSession spark = SparkSession.active();
    Map<String, String> runIds = new HashMap<>();
    for (Row r : DeltaIO.read(spark, layout.jobRuns()).collectAsList()) {
      runIds.put(r.getAs("job"), r.getAs("run_id"));
    }
    for (String job : JOBS) {
      Set<String> types =
          all.stream()
              .filter(e -> ol(job).equals(e.path("job").path("name").asText()))
              .filter(e -> runIds.get(job).equals(e.path("run").path("runId").asText()))
              .map(e -> e.path("eventType").asText())
              .collect(Collectors.toSet());
      assertThat(types).as(job).contains("START", "COMPLETE", "OTHER");
      // Spark-level events of that run carry it in their parent facet.
      assertThat(all)
          .as("events parented to " + job)
          .anyMatch(
              e ->
                  ol(job).equals(parentJob(e))
                      && runIds
                          .get(job)
                          .equals(
                              e.path("run")
                                  .path("facets")
                                  .path("parent")
                                  .path("run")
                                  .path("runId")
                                  .asText())
                      && e.path("job").path("namespace").asText().equals("lakehouse-test"));
    }

    // Connected graph: outputs of one job are inputs of the next, same namespace and name.
    Set<String> bronzeOut = datasets(all, "olist.ingest_bronze", "outputs");
    Set<String> silverIn = datasets(all, "olist.promote_silver", "inputs");
    Set<String> silverOut = datasets(all, "olist.promote_silver", "outputs");
    Set<String> goldIn = datasets(all, "olist.build_gold", "inputs");
    Set<String> goldOut = datasets(all, "olist.build_gold", "outputs");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      String b = "file|" + name(f.bronze());
      String s = "file|" + name(f.silver());
      assertThat(bronzeOut).as("bronze output").contains(b);
      assertThat(silverIn).as("silver input").contains(b);
      assertThat(silverOut).as("silver output").contains(s);
    }
    assertThat(goldIn).as("gold reads silver").anyMatch(d -> d.contains("/silver/olist/"));
    for (String d : goldIn) {
      if (d.contains("/silver/olist/")) {
        assertThat(silverOut).as("gold input written by silver").contains(d);
      }
    }
    assertThat(goldOut)
        .contains("file|" + name(TableId.gold("olist", "daily_sales")))
        .contains("file|" + name(TableId.gold("olist", "customer_rfm")));

    // Schema facets on outputs, column lineage on at least one gold mart.
    List<JsonNode> outputs = new ArrayList<>();
    all.forEach(e -> e.path("outputs").forEach(outputs::add));
    assertThat(outputs)
        .anyMatch(
            o -> o.path("facets").has("schema") && o.path("name").asText().contains("/silver/"));
    assertThat(outputs)
        .anyMatch(
            o ->
                o.path("name").asText().contains("/gold/olist/")
                    && o.path("facets").has("columnLineage"));

    // Quality facets match _ops/dq_results.
    String silverRun = runIds.get("olist.promote_silver");
    String orders = name(TableId.silver("olist", "orders"));
    JsonNode dq =
        all.stream()
            .filter(e -> "OTHER".equals(e.path("eventType").asText()))
            .filter(e -> silverRun.equals(e.path("run").path("runId").asText()))
            .flatMap(e -> toList(e.path("outputs")).stream())
            .filter(o -> orders.equals(o.path("name").asText()))
            .findFirst()
            .orElseThrow();
    Set<String> asserted = new HashSet<>();
    dq.path("facets")
        .path("dataQualityAssertions")
        .path("assertions")
        .forEach(a -> asserted.add(a.path("assertion").asText()));
    Set<String> recorded =
        DeltaIO.read(spark, layout.dqResults())
            .where("run_id = '" + silverRun + "' and `table` = 'silver.olist.orders'")
            .collectAsList()
            .stream()
            .map(r -> (String) r.getAs("rule"))
            .collect(Collectors.toSet());
    assertThat(asserted).isNotEmpty().isEqualTo(recorded);
    JsonNode metrics = dq.path("facets").path("dataQualityMetrics");
    long rows = DeltaIO.read(spark, layout.path(TableId.silver("olist", "orders"))).count();
    assertThat(metrics.path("rowCount").asLong()).isEqualTo(rows);
    assertThat(metrics.path("columnMetrics").size()).isPositive();
  }

  static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  @Test
  @Order(2)
  void unreachableBackendCostsABoundedDelayOnly() {
    server.stop(0);
    server = null;
    long started = System.nanoTime();
    // One job is enough: every event of it goes to a closed port.
    assertThat(cli("run", "olist.ingest_bronze", "--source", layout.landing("olist"))).isZero();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println("run with an unreachable lineage backend: " + seconds + " s");
    assertThat(seconds).isLessThan(30);
  }
}
