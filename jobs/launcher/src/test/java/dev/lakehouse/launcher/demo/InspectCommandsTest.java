package dev.lakehouse.launcher.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.gold.OlistMarts;
import dev.lakehouse.launcher.Lakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspection commands on the shared demo lakehouse: aligned text by default, one JSON document
 * with --json, exit 2 for unknown tables and versions. diff runs on a copy of one table that gets a
 * second version (the shared lakehouse is never changed).
 */
class InspectCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(int code, String out) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not one JSON document:\n" + out, e);
      }
    }
  }

  static Result cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return new Result(code, buf.toString(StandardCharsets.UTF_8));
  }

  static Result cli(String... args) {
    return cli(DemoLakehouse.env(), args);
  }

  @Test
  void tablesListsEveryLayerWithGateStatusAndSideTables() {
    Result text = cli("tables");
    assertThat(text.code()).as(text.out()).isZero();
    assertThat(text.out())
        .contains("table", "layer", "rows", "version", "gate", "_ops.dq_results", "_ops.job_runs");
    assertThat(text.out().lines().filter(l -> l.startsWith("gold.olist.daily_sales")))
        .singleElement()
        .satisfies(
            l -> assertThat(l).containsPattern("gold +[0-9]+ +0 +20[0-9-]+ [0-9:.]+ +PASSED"));

    Result json = cli("tables", "--json");
    assertThat(json.code()).isZero();
    Map<String, JsonNode> byName = new HashMap<>();
    json.json().get("tables").forEach(t -> byName.put(t.get("table").asText(), t));
    assertThat(byName)
        .containsKeys("bronze.olist.orders", "silver.kamis.item_prices", "_ops.job_runs");
    // The demo built every layer of both sources: each of their tables has rows.
    List<String> expected = new ArrayList<>();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      expected.add(f.bronze().toString());
      expected.add(f.silver().toString());
    }
    OlistMarts.NAMES.forEach(m -> expected.add(TableId.gold(OlistTables.DOMAIN, m).toString()));
    expected.add("gold.kamis.price_trends");
    assertThat(byName).containsKeys(expected.toArray(String[]::new));
    byName.forEach(
        (name, t) -> {
          if (name.matches("(bronze|silver|gold)\\.(olist|kamis)\\..*")) {
            assertThat(t.get("rows").asLong()).as(name + " rows").isPositive();
          }
        });
    JsonNode orders = byName.get("silver.olist.orders");
    long rows =
        DeltaIO.read(DemoLakehouse.spark(), layout().path(TableId.silver("olist", "orders")))
            .count();
    assertThat(orders.get("rows").asLong()).isEqualTo(rows);
    assertThat(orders.get("layer").asText()).isEqualTo("silver");
    assertThat(orders.get("gate").asText()).isIn("PASSED", "WARNING");
    assertThat(byName.get("_ops.job_runs").get("gate").isNull()).isTrue();
  }

  @Test
  void historyNamesTheJobRunOfEachCommit() {
    Result json = cli("history", "silver.olist.orders", "--json");
    assertThat(json.code()).as(json.out()).isZero();
    JsonNode commits = json.json().get("commits");
    JsonNode first = commits.get(commits.size() - 1);
    assertThat(first.get("version").asLong()).isZero();
    assertThat(first.get("rows_written").asLong()).isPositive();
    String runId = first.get("run_id").asText();
    List<Row> run =
        DeltaIO.read(DemoLakehouse.spark(), layout().jobRuns())
            .filter(col("run_id").equalTo(runId))
            .collectAsList();
    assertThat(run)
        .singleElement()
        .satisfies(r -> assertThat(r.<String>getAs("job")).isEqualTo("olist.promote_silver"));

    Result text = cli("history", "bronze.olist.orders");
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("version", "operation", "rows written", "job run", "WRITE");
    assertThat(text.out()).containsPattern("(?m)^ *0 .*WRITE +[0-9]+ +[0-9a-f-]{36}$");
  }

  @Test
  void showTimeTravelsFiltersAndPrintsJson() {
    Result text =
        cli(
            "show",
            "silver.olist.orders",
            "--version",
            "0",
            "--limit",
            "3",
            "--where",
            "order_status = 'delivered'");
    assertThat(text.code()).as(text.out()).isZero();
    assertThat(text.out()).contains("order_id", "delivered", "(3 rows shown");

    Result json = cli("show", "gold.olist.daily_sales", "--limit", "2", "--json");
    assertThat(json.code()).as(json.out()).isZero();
    JsonNode doc = json.json();
    assertThat(doc.get("rows")).hasSize(2);
    assertThat(doc.get("columns").get(0).get("name").asText()).isEqualTo("order_date");
    assertThat(doc.get("rows").get(0).has("order_date")).isTrue();

    Result side = cli("show", "_ops.dq_results", "--where", "table = 'gold.olist.daily_sales'");
    assertThat(side.code()).as(side.out()).isZero();
    assertThat(side.out()).contains("gold.olist.daily_sales", "PASSED");
  }

  @Test
  void unknownTablesAndVersionsExitTwo() {
    Result table = cli("show", "gold.olist.nope");
    assertThat(table.code()).isEqualTo(2);
    assertThat(table.out()).contains("Unknown table 'gold.olist.nope'", "gold.olist.daily_sales");
    assertThat(cli("history", "_ops.nope").code()).isEqualTo(2);
    assertThat(cli("dq", "platinum.olist.orders").out()).contains("unknown layer 'platinum'");

    Result version = cli("show", "gold.olist.daily_sales", "--version", "7");
    assertThat(version.code()).isEqualTo(2);
    assertThat(version.out()).contains("has no version 7", "its versions are 0");
    assertThat(cli("diff", "gold.olist.daily_sales", "--from", "0", "--to", "3").code())
        .isEqualTo(2);
    assertThat(cli("show", "gold.olist.daily_sales", "--as-of", "2001-01-01").code()).isEqualTo(2);
    assertThat(cli("dq", "_ops.job_runs").code()).isEqualTo(2);
    Result where = cli("show", "gold.olist.daily_sales", "--where", "no_such_column > 1");
    assertThat(where.code()).isEqualTo(2);
    assertThat(where.out()).contains("Cannot read gold.olist.daily_sales", "no_such_column");
  }

  @Test
  void dqShowsLatestResultsAndMetricTrends() {
    Result text = cli("dq", "silver.olist.orders");
    assertThat(text.code()).as(text.out()).isZero();
    assertThat(text.out())
        .contains(
            "gate run", "rule", "severity", "PASSED", "Metric trends over 1 gate run", "Size");

    Result json = cli("dq", "gold.olist.daily_sales", "--json");
    assertThat(json.code()).as(json.out()).isZero();
    JsonNode doc = json.json();
    assertThat(doc.get("latest").get("status").asText()).isIn("PASSED", "WARNING");
    assertThat(doc.get("latest").get("results").size()).isPositive();
    List<String> metrics = new ArrayList<>();
    doc.get("trends").forEach(t -> metrics.add(t.get("metric").asText()));
    assertThat(metrics).contains("Size");
    JsonNode size = null;
    for (JsonNode t : doc.get("trends")) {
      if (t.get("metric").asText().equals("Size")) {
        size = t;
      }
    }
    long rows =
        DeltaIO.read(DemoLakehouse.spark(), layout().path(TableId.gold("olist", "daily_sales")))
            .count();
    assertThat(size.get("points").get(0).get("value").asLong()).isEqualTo(rows);
  }

  @Test
  void diffCountsSchemaAndRowChangesByKey(@TempDir Path root) throws IOException {
    // A copy of silver.olist.orders with a second version: 2 orders removed, 3 changed, 1 added,
    // and a new column.
    TableLayout copy = new TableLayout(root.toString());
    TableId orders = TableId.silver("olist", "orders");
    copyTree(Path.of(layout().path(orders)), Path.of(copy.path(orders)));
    SparkSession spark = DemoLakehouse.spark();
    Dataset<Row> v0 = DeltaIO.read(spark, copy.path(orders)).localCheckpoint();
    long rowsV0 = v0.count();
    List<String> ids =
        v0.select("order_id")
            .orderBy("order_id")
            .limit(6)
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    Dataset<Row> v1 =
        v0.filter(col("order_id").isin(ids.get(0), ids.get(1)).unary_$bang())
            .withColumn(
                "order_status",
                when(
                        col("order_id").isin(ids.get(2), ids.get(3), ids.get(4)),
                        lit("canceled_by_test"))
                    .otherwise(col("order_status")))
            .withColumn("note", lit("v1"));
    Dataset<Row> added =
        v0.filter(col("order_id").equalTo(ids.get(5)))
            .withColumn("order_id", concat(col("order_id"), lit("-new")))
            .withColumn("note", lit("v1"));
    v1.unionByName(added)
        .localCheckpoint()
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(copy.path(orders));
    Map<String, String> env =
        Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "none");

    Result json = cli(env, "diff", "silver.olist.orders", "--from", "0", "--to", "1", "--json");
    assertThat(json.code()).as(json.out()).isZero();
    JsonNode doc = json.json();
    assertThat(doc.get("key").get(0).asText()).isEqualTo("order_id");
    assertThat(doc.get("schema").get("added").get(0).get("name").asText()).isEqualTo("note");
    assertThat(doc.get("rows").get("added").asLong()).isEqualTo(1);
    assertThat(doc.get("rows").get("removed").asLong()).isEqualTo(2);
    assertThat(doc.get("rows").get("changed").asLong()).isEqualTo(3);
    assertThat(doc.get("rows").get("to").asLong()).isEqualTo(rowsV0 - 1);

    Result text = cli(env, "diff", "silver.olist.orders", "--from", "0");
    assertThat(text.code()).as(text.out()).isZero();
    assertThat(text.out())
        .contains(
            "version 0 → 1", "+ note string", "Key: order_id (merge key of silver.olist.orders)")
        .containsPattern("changed +3");
  }

  @Test
  void diffUsesThePrimaryKeyRuleOfGoldMartsAndWholeRowsElsewhere() {
    Result gold = cli("diff", "gold.olist.daily_sales", "--from", "0", "--to", "0", "--json");
    assertThat(gold.code()).as(gold.out()).isZero();
    assertThat(gold.json().get("key_source").asText()).contains("primary_key rule");
    assertThat(gold.json().get("rows").get("changed").asLong()).isZero();

    Result ops = cli("diff", "_ops.job_runs", "--from", "0");
    assertThat(ops.code()).as(ops.out()).isZero();
    assertThat(ops.out()).contains("Key: no key", "changed").containsPattern("added +[1-9]");
  }

  private static TableLayout layout() {
    return new TableLayout(DemoLakehouse.root().toString());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
