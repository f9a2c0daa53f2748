package dev.lakehouse.launcher.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The assertions on a set of OpenLineage events shared by the lineage tests (http and file
 * transport): events parse into OpenLineage's model, job runs have START/COMPLETE and quality
 * events, Spark-level events hang under their job run, the datasets connect bronze → silver → gold
 * by namespace and name, and the quality facets match {@code _ops/dq_results}.
 */
final class LineageGraph {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> JOBS =
      List.of("olist.ingest_bronze", "olist.promote_silver", "olist.build_gold");

  private final List<String> raw;
  final List<JsonNode> all;
  private final TableLayout layout;

  LineageGraph(List<String> events, TableLayout layout) {
    this.raw = List.copyOf(events);
    this.layout = layout;
    List<JsonNode> parsed = new ArrayList<>();
    for (String e : raw) {
      try {
        parsed.add(JSON.readTree(e));
      } catch (IOException ex) {
        throw new AssertionError("not JSON: " + e, ex);
      }
    }
    this.all = parsed;
  }

  /** OpenLineage normalizes job names in parent facets; our own job events use the same name. */
  static String ol(String job) {
    return job.replace('.', '_');
  }

  static String parentJob(JsonNode event) {
    JsonNode p = event.path("run").path("facets").path("parent").path("job").path("name");
    return p.isMissingNode() ? null : p.asText();
  }

  static String parentRun(JsonNode event) {
    JsonNode p = event.path("run").path("facets").path("parent").path("run").path("runId");
    return p.isMissingNode() ? null : p.asText();
  }

  String name(TableId t) {
    return "file|" + Path.of(layout.path(t)).toAbsolutePath().normalize();
  }

  static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  static Set<String> names(JsonNode datasets) {
    return toList(datasets).stream()
        .map(d -> d.path("namespace").asText() + "|" + d.path("name").asText())
        .collect(Collectors.toSet());
  }

  /** namespace|name of every dataset on one side of the events parented to a run. */
  Set<String> datasets(String parentRunId, String side) {
    Set<String> s = new HashSet<>();
    for (JsonNode e : all) {
      if (parentRunId.equals(parentRun(e))) {
        s.addAll(names(e.path(side)));
      }
    }
    return s;
  }

  /** The COMPLETE events parented to a run whose outputs include the dataset. */
  List<JsonNode> completesWriting(String parentRunId, String dataset) {
    return all.stream()
        .filter(e -> parentRunId.equals(parentRun(e)))
        .filter(e -> "COMPLETE".equals(e.path("eventType").asText()))
        .filter(e -> names(e.path("outputs")).contains(dataset))
        .toList();
  }

  /** Run ids of each job in the run log, oldest first. */
  static Map<String, List<String>> runIds(SparkSession spark, TableLayout layout) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (Row r : DeltaIO.read(spark, layout.jobRuns()).orderBy("started_at").collectAsList()) {
      ids.computeIfAbsent(r.getAs("job"), k -> new ArrayList<>()).add(r.getAs("run_id"));
    }
    return ids;
  }

  /** Every event parses into OpenLineage's own model and has the fields Marquez requires. */
  void parsesAsOpenLineage() {
    assertThat(raw).isNotEmpty();
    for (String e : raw) {
      OpenLineage.RunEvent ev = OpenLineageClientUtils.runEventFromJson(e);
      assertThat(ev.getEventTime()).as(e).isNotNull();
      assertThat(ev.getRun().getRunId()).as(e).isNotNull();
      assertThat(ev.getJob().getNamespace()).as(e).isNotBlank();
      assertThat(ev.getJob().getName()).as(e).isNotBlank();
      assertThat(ev.getProducer()).as(e).isNotNull();
      assertThat(ev.getSchemaURL()).as(e).isNotNull();
    }
  }

  /**
   * Each job run (one run id per job) has START, COMPLETE and a quality event, its Spark-level
   * events carry it as parent, and the datasets connect bronze → silver → gold.
   */
  void connectedOlistRun(Map<String, String> runIds, String namespace) {
    for (String job : JOBS) {
      String runId = runIds.get(job);
      Set<String> types =
          all.stream()
              .filter(e -> ol(job).equals(e.path("job").path("name").asText()))
              .filter(e -> runId.equals(e.path("run").path("runId").asText()))
              .map(e -> e.path("eventType").asText())
              .collect(Collectors.toSet());
      assertThat(types).as(job).contains("START", "COMPLETE", "OTHER");
      assertThat(all)
          .as("events parented to " + job)
          .anyMatch(
              e ->
                  ol(job).equals(parentJob(e))
                      && runId.equals(parentRun(e))
                      && namespace.equals(e.path("job").path("namespace").asText()));
    }
    Set<String> bronzeOut = datasets(runIds.get("olist.ingest_bronze"), "outputs");
    Set<String> silverIn = datasets(runIds.get("olist.promote_silver"), "inputs");
    Set<String> silverOut = datasets(runIds.get("olist.promote_silver"), "outputs");
    Set<String> goldIn = datasets(runIds.get("olist.build_gold"), "inputs");
    Set<String> goldOut = datasets(runIds.get("olist.build_gold"), "outputs");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      assertThat(bronzeOut).as("bronze output").contains(name(f.bronze()));
      assertThat(silverIn).as("silver input").contains(name(f.bronze()));
      assertThat(silverOut).as("silver output").contains(name(f.silver()));
    }
    assertThat(goldIn).as("gold reads silver").anyMatch(d -> d.contains("/silver/olist/"));
    for (String d : goldIn) {
      if (d.contains("/silver/olist/")) {
        assertThat(silverOut).as("gold input written by silver").contains(d);
      }
    }
    assertThat(goldOut)
        .contains(name(TableId.gold("olist", "daily_sales")))
        .contains(name(TableId.gold("olist", "customer_rfm")));

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
  }

  /** The dataset of the quality event of a run for a table. */
  JsonNode qualityDataset(String runId, TableId table) {
    String path = Path.of(layout.path(table)).toAbsolutePath().normalize().toString();
    return all.stream()
        .filter(e -> "OTHER".equals(e.path("eventType").asText()))
        .filter(e -> runId.equals(e.path("run").path("runId").asText()))
        .flatMap(e -> toList(e.path("outputs")).stream())
        .filter(o -> path.equals(o.path("name").asText()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no quality event of run " + runId + " for " + table));
  }

  /** The quality facets of a run's table match {@code _ops/dq_results} and the table's rows. */
  void qualityMatchesResults(SparkSession spark, String runId, TableId table) {
    JsonNode dq = qualityDataset(runId, table);
    Set<String> asserted = new HashSet<>();
    dq.path("facets")
        .path("dataQualityAssertions")
        .path("assertions")
        .forEach(a -> asserted.add(a.path("assertion").asText()));
    Set<String> recorded =
        DeltaIO.read(spark, layout.dqResults())
            .where("run_id = '" + runId + "' and `table` = '" + table + "'")
            .collectAsList()
            .stream()
            .map(r -> (String) r.getAs("rule"))
            .collect(Collectors.toSet());
    assertThat(asserted).isNotEmpty().isEqualTo(recorded);
    JsonNode metrics = dq.path("facets").path("dataQualityMetrics");
    long rows = DeltaIO.read(spark, layout.path(table)).count();
    assertThat(metrics.path("rowCount").asLong()).isEqualTo(rows);
    assertThat(metrics.path("columnMetrics").size()).isPositive();
  }

  /**
   * Copies a landing folder, rewriting some files' lines (header first). The copy has new
   * modification times, so bronze takes it as a new batch.
   */
  static void copyLanding(Path from, Path to, Map<String, UnaryOperator<List<String>>> edits)
      throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(f.getFileName().toString());
        UnaryOperator<List<String>> edit = edits.get(f.getFileName().toString());
        if (edit == null) {
          Files.copy(f, target);
        } else {
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          Files.write(target, edit.apply(lines), StandardCharsets.UTF_8);
        }
      }
    }
  }

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Moves the estimated delivery date (the last column) of the first {@code n} orders a day on. */
  static UnaryOperator<List<String>> laterEstimates(int n) {
    return lines -> {
      List<String> out = new ArrayList<>(lines);
      int changed = 0;
      for (int i = 1; i < out.size() && changed < n; i++) {
        String line = out.get(i);
        int comma = line.lastIndexOf(',');
        String last = line.substring(comma + 1);
        String bare = last.replace("\"", "");
        if (bare.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")) {
          String moved = LocalDateTime.parse(bare, TS).plusDays(1).format(TS);
          out.set(i, line.substring(0, comma + 1) + last.replace(bare, moved));
          changed++;
        }
      }
      assertThat(changed).as("orders changed").isEqualTo(n);
      return out;
    };
  }

  /** Repeats the first data row: a duplicate order id in one batch fails bronze's hard rule. */
  static UnaryOperator<List<String>> duplicateFirstRow() {
    return lines -> {
      List<String> out = new ArrayList<>(lines);
      out.add(lines.get(1));
      return out;
    };
  }
}
