package dev.lakehouse.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.Lakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end on a generated sample: demo builds every layer (the shared demo
 * lakehouse, {@link DemoLakehouse}), a second demo on a copy of it changes no bronze or silver row
 * count, the inspection commands work, and bad input exits 2 or 3 and leaves silver as it was.
 * Everything that writes goes to the copy. Runs last in {@link DemoOutputSuite}: its pipeline runs
 * add lineage events to the shared session's events file.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakehouseCliTest {

  @TempDir static Path root;
  static SparkSession spark;
  static Map<String, String> env;

  @BeforeAll
  static void setUp() throws IOException {
    Path shared = DemoLakehouse.root();
    spark = DemoLakehouse.spark();
    try (Stream<Path> files = Files.walk(shared)) {
      for (Path from : files.toList()) {
        Path to = root.resolve(shared.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          // With their times: the Olist batch id derives from names, sizes and times.
          Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    env = Map.of("LAKEHOUSE_ROOT", root.toString(), "LINEAGE_TRANSPORT", "none");
  }

  record Result(int code, String out) {}

  static Result cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
    TestSpark.restoreSettings(spark);
    return new Result(code, buf.toString(StandardCharsets.UTF_8));
  }

  static Map<String, Long> counts(String layer) {
    TableLayout layout = new TableLayout(root.toString());
    Map<String, Long> m = new LinkedHashMap<>();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      TableId id = layer.equals("bronze") ? f.bronze() : f.silver();
      m.put(id.toString(), DeltaIO.read(spark, layout.path(id)).count());
    }
    return m;
  }

  @Test
  @Order(1)
  void demoBuildsEveryLayer() {
    // What the demo printed; InspectCommandsTest checks that every table it built has rows.
    assertThat(DemoLakehouse.demoOutput())
        .contains(
            "Generating an Olist sample",
            "olist.build_gold succeeded",
            "kamis.build_gold succeeded",
            "gold.olist.daily_sales",
            "Done");
  }

  @Test
  @Order(8)
  @Tag("slow") // a whole second Olist pipeline run; each job's own re-run test runs in the verify
  void secondDemoChangesNothing() {
    Map<String, Long> bronze = counts("bronze");
    Map<String, Long> silver = counts("silver");
    TableLayout layout = new TableLayout(root.toString());
    long runs = DeltaIO.read(spark, layout.jobRuns()).where("job LIKE 'olist.%'").count();
    Result second = cli("demo", "--kamis-days", "0");
    assertThat(second.code()).as(second.out()).isZero();
    assertThat(second.out()).contains("Using the Olist sample already in");
    assertThat(counts("bronze")).isEqualTo(bronze);
    assertThat(counts("silver")).isEqualTo(silver);
    assertThat(DeltaIO.read(spark, layout.jobRuns()).where("job LIKE 'olist.%'").count())
        .isEqualTo(runs + 3);
  }

  @Test
  @Order(2)
  void inspectionCommands() {
    // `tables` is InspectCommandsTest's (it lists every table, which takes a while).
    Result history = cli("history", "silver.olist.orders");
    assertThat(history.code()).as(history.out()).isZero();
    assertThat(history.out()).contains("version", "WRITE");

    Result show =
        cli(
            "show",
            "silver.olist.orders",
            "--version",
            "0",
            "--limit",
            "3",
            "--where",
            "order_status = 'delivered'");
    assertThat(show.code()).as(show.out()).isZero();
    assertThat(show.out()).contains("order_id", "delivered", "(3 rows shown");
  }

  @Test
  @Order(3)
  void userErrorsExitTwo(@TempDir Path bad) throws Exception {
    assertThat(cli("show", "silver.olist.nope").out())
        .contains("Unknown table 'silver.olist.nope'");
    assertThat(cli("show", "silver.olist.nope").code()).isEqualTo(2);
    assertThat(cli("run", "nothing").code()).isEqualTo(2);
    assertThat(cli("run", "olist", "--from", "2024-01-01").code()).isEqualTo(2);
    assertThat(cli("bogus").code()).isEqualTo(2);

    Path landing = root.resolve("landing/olist");
    for (String f : OlistTables.FILES.stream().map(OlistTables.SourceFile::fileName).toList()) {
      Files.copy(landing.resolve(f), bad.resolve(f));
    }
    Path orders = bad.resolve(OlistTables.ORDERS.fileName());
    String text = Files.readString(orders).replaceFirst("\"order_status\"", "\"order_state\"");
    Files.writeString(orders, text);
    Result run = cli("run", "olist", "--source", bad.toString(), "--batch", "broken");
    assertThat(run.code()).as(run.out()).isEqualTo(2);
    assertThat(run.out()).contains(OlistTables.ORDERS.fileName(), "order_state", "not run");
  }

  @Test
  @Order(4)
  void generateWritesTheNineFiles(@TempDir Path out) {
    Result r = cli("generate", "olist", "--scale", "0.001", "--out", out.toString(), "--seed", "7");
    assertThat(r.code()).as(r.out()).isZero();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      assertThat(out.resolve(f.fileName())).exists();
    }
    assertThat(cli("generate", "nowhere", "--out", out.toString()).code()).isEqualTo(2);
  }

  @Test
  void generateKamisWritesAnswersPerActionAndSlot(@TempDir Path out) {
    Result r =
        cli(
            "generate",
            "kamis",
            "--from",
            "2024-10-31",
            "--to",
            "2024-11-02",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("KAMIS answers");
    assertThat(out.resolve("dailyPriceByCategoryList/2024-10-31/cls01-cat200-national.json"))
        .exists();
    assertThat(out.resolve("periodRetailProductList/2024-11-01_2024-11-02")).isDirectory();
    assertThat(out.resolve("dailySalesList/2024-11-02/latest.json")).exists();
    assertThat(out.resolve("productInfo/2024-11-02/all.json")).exists();
    assertThat(cli("generate", "kamis", "--out", out.toString()).out()).contains("--from");
    assertThat(
            cli(
                    "generate",
                    "kamis",
                    "--from",
                    "2024-11-02",
                    "--to",
                    "2024-11-01",
                    "--out",
                    out.toString())
                .code())
        .isEqualTo(2);
    assertThat(cli("generate", "--help").out()).contains("kamis", "--from", "--scale");
  }

  /** Replaces field {@code index} of data line {@code line} (1 = first data line). */
  static String editField(String text, int line, int index, String value) {
    String[] lines = text.split("\n", -1);
    String[] fields = lines[line].split(",", -1);
    fields[index] = value;
    lines[line] = String.join(",", fields);
    return String.join("\n", lines);
  }

  @Test
  @Order(5)
  void badBatchIsStoppedByTheGateAndLeavesSilverAsItWas(@TempDir Path bad) throws Exception {
    Path landing = root.resolve("landing/olist");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      Files.copy(landing.resolve(f.fileName()), bad.resolve(f.fileName()));
    }
    Path orders = bad.resolve(OlistTables.ORDERS.fileName());
    String text = Files.readString(orders);
    String[] lines = text.split("\n");
    // A duplicated order id and a missing customer id.
    text = editField(text + lines[1] + "\n", 2, 1, "");
    Files.writeString(orders, text);

    TableLayout layout = new TableLayout(root.toString());
    Map<String, Long> versions = new LinkedHashMap<>();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      versions.put(f.silver().toString(), DeltaIO.version(spark, layout.path(f.silver())));
    }
    Result run = cli("run", "olist", "--source", bad.toString(), "--batch", "bad-1");
    assertThat(run.code()).as(run.out()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "Quality gate failed for bronze.olist.orders", "order_id_unique_in_batch", "not run");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      assertThat(DeltaIO.version(spark, layout.path(f.silver())))
          .isEqualTo(versions.get(f.silver().toString()));
    }
    assertThat(DeltaIO.batchRows(spark, layout.path(OlistTables.ORDERS.bronze()), "bad-1"))
        .isZero();
    assertThat(
            DeltaIO.read(spark, layout.dqResults())
                .filter("batch_id = 'bad-1' AND status = 'FAILED' AND severity = 'error'")
                .select("rule")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .contains("order_id_unique_in_batch", "customer_id_present");
    assertThat(
            DeltaIO.read(spark, layout.quarantine("olist", "orders"))
                .filter("_batch_id = 'bad-1'")
                .count())
        .isGreaterThanOrEqualTo(3);

    Result dq = cli("dq", "bronze.olist.orders");
    assertThat(dq.code()).as(dq.out()).isZero();
    assertThat(dq.out()).contains("order_id_unique_in_batch", "FAILED", "bad-1");
  }

  @Test
  @Order(6)
  @Tag("slow") // a bronze and a silver run of a bad batch; PromoteOlistToSilverTest covers the job
  void badPriceIsStoppedByTheSilverGate(@TempDir Path bad) throws Exception {
    Path landing = root.resolve("landing/olist");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      Files.copy(landing.resolve(f.fileName()), bad.resolve(f.fileName()));
    }
    Path items = bad.resolve(OlistTables.ORDER_ITEMS.fileName());
    Files.writeString(items, editField(Files.readString(items), 1, 5, "\"-58.90\""));
    TableLayout layout = new TableLayout(root.toString());
    Map<String, Long> versions = new LinkedHashMap<>();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      versions.put(f.silver().toString(), DeltaIO.version(spark, layout.path(f.silver())));
    }
    // Bronze takes the negative price (bronze keeps what the source said); the silver gate stops
    // it.
    Result silver = cli("run", "olist", "--source", bad.toString(), "--batch", "bad-2");
    assertThat(silver.code()).as(silver.out()).isEqualTo(3);
    assertThat(silver.out()).contains("silver.olist.order_items", "price_non_negative");
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      assertThat(DeltaIO.version(spark, layout.path(f.silver())))
          .isEqualTo(versions.get(f.silver().toString()));
    }
  }

  @Test
  @Order(7)
  void dqSuggestPrintsALoadableSuite() {
    Result r = cli("dq", "suggest", "gold.olist.payment_mix");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("suite = gold.olist.payment_mix", "checks = [");
  }
}
