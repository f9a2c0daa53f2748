package dev.lakehouse.launcher.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.Lakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage with the default local settings: the file transport into {@code
 * <root>/_lineage/events.ndjson}. A full Olist demo, then a second run on a new batch with a few
 * changed orders, so silver publishes with a real MERGE and gold overwrites existing tables: those
 * events must carry their inputs too. Runs in its own JVM (surefire execution {@code
 * lineage-file}): the transport is fixed when the session starts.
 */
@Tag("slow") // long: a whole demo and an incremental run; GitHub CI runs it (see pom.xml)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LineageFileTest {
  @TempDir static Path root;
  static Map<String, String> env;
  static TableLayout layout;

  @BeforeAll
  static void start() {
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    // Nothing about lineage: the defaults must give the file transport.
    env = Map.of("LAKEHOUSE_ROOT", root.toString());
    layout = new TableLayout(root.toString());
  }

  static int cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.out.println(buf.toString(StandardCharsets.UTF_8));
    return code;
  }

  static LineageGraph events() throws IOException {
    Path file = root.resolve("_lineage").resolve("events.ndjson");
    assertThat(file).exists();
    List<String> lines =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    return new LineageGraph(lines, layout);
  }

  @Test
  @Order(1)
  void fullRunWritesAConnectedGraphToTheEventsFile() throws IOException {
    assertThat(cli("demo", "--scale", "0.002", "--kamis-days", "0")).isZero();
    LineageGraph g = events();
    g.parsesAsOpenLineage();
    SparkSession spark = SparkSession.active();
    Map<String, List<String>> runs = LineageGraph.runIds(spark, layout);
    Map<String, String> first =
        Map.of(
            "olist.ingest_bronze", runs.get("olist.ingest_bronze").get(0),
            "olist.promote_silver", runs.get("olist.promote_silver").get(0),
            "olist.build_gold", runs.get("olist.build_gold").get(0));
    g.connectedOlistRun(first, "lakehouse");
    g.qualityMatchesResults(
        spark, first.get("olist.promote_silver"), TableId.silver("olist", "orders"));
  }

  @Test
  @Order(2)
  void mergeAndOverwriteOfASecondRunCarryTheirInputs() throws IOException {
    Path landing2 = root.resolve("landing-2");
    LineageGraph.copyLanding(
        Path.of(layout.landing("olist")),
        landing2,
        Map.of(OlistTables.ORDERS.fileName(), LineageGraph.laterEstimates(3)));
    assertThat(cli("run", "olist", "--source", landing2.toString())).isZero();

    LineageGraph g = events();
    Files.write(
        Path.of("target", "lineage-file-events.ndjson"),
        g.all.stream().map(JsonNode::toString).toList());
    Map<String, List<String>> runs = LineageGraph.runIds(SparkSession.active(), layout);
    String silver = runs.get("olist.promote_silver").get(1);
    String gold = runs.get("olist.build_gold").get(1);

    // Silver: the changed orders are MERGEd into the existing table; the MERGE reads bronze (the
    // listener alone lists no inputs for it: Lineage.declareSources declares them).
    String bronzeOrders = g.name(OlistTables.ORDERS.bronze());
    String silverOrders = g.name(OlistTables.ORDERS.silver());
    List<JsonNode> merges = g.completesWriting(silver, silverOrders);
    assertThat(merges).as("COMPLETE events writing silver orders in the second run").isNotEmpty();
    assertThat(merges)
        .as("the MERGE into silver orders")
        .anyMatch(e -> e.path("job").path("name").asText().contains("merge"));
    for (JsonNode e : merges) {
      assertThat(LineageGraph.names(e.path("inputs")))
          .as("inputs of %s", e.path("job").path("name").asText())
          .contains(bronzeOrders);
    }

    // Gold: every mart is overwritten; each overwrite reads silver tables by their silver names.
    Set<String> silverWritten = g.datasets(runs.get("olist.promote_silver").get(0), "outputs");
    for (String mart : List.of("daily_sales", "customer_rfm", "seller_scorecard")) {
      List<JsonNode> writes = g.completesWriting(gold, g.name(TableId.gold("olist", mart)));
      assertThat(writes).as("COMPLETE events writing gold %s", mart).isNotEmpty();
      for (JsonNode e : writes) {
        Set<String> inputs = LineageGraph.names(e.path("inputs"));
        assertThat(inputs).as("inputs of the overwrite of %s", mart).isNotEmpty();
        assertThat(silverWritten).as("inputs of %s are silver tables", mart).containsAll(inputs);
      }
    }
    assertThat(
            LineageGraph.names(
                g.completesWriting(gold, g.name(TableId.gold("olist", "daily_sales")))
                    .get(0)
                    .path("inputs")))
        .contains(silverOrders);
  }
}
