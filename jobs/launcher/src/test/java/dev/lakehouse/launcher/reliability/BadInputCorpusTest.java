package dev.lakehouse.launcher.reliability;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.kamis.landing.KamisLanding;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.TestConfDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 8): every case of {@code bad-inputs/manifest.psv} runs through the
 * real jobs via {@code bin/lakehouse run} (in this JVM, the shared session) and must end as the
 * manifest says: a clear error with its documented exit code and nothing written, or the damaged
 * records in quarantine with their reason and every other row loaded (rows read = bronze +
 * quarantine), or the rows accepted unchanged. The cases and outcomes are listed for users in
 * docs/bad-inputs.md.
 *
 * <p>Cases of one {@code run} share a landing folder and a pipeline run (each damages a different
 * table), so the corpus costs a handful of pipeline runs rather than one per case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  /** A KAMIS key the corpus hands to the jobs: it must never come back out. */
  private static final String KAMIS_KEY = "corpus-key-5ca1ab1e";

  private static final String KAMIS_DAY = "2024-10-31";
  // The accounting lines of the Olist and the KAMIS bronze jobs.
  private static final Pattern ROWS_LINE =
      Pattern.compile(
          "(\\S+): (?:[^\\n]*?)(\\d+) rows read(?:,| =) (\\d+) (?:written|in bronze),? \\+? ?(\\d+)"
              + " quarantined");

  @TempDir static Path tmp;
  private Path corpus;
  private SparkSession spark;
  private Path clean;
  private Map<String, Long> cleanRecords;
  private Path confDir;
  private Path rulesCopy;
  private final Map<String, Run> runs = new HashMap<>();
  private HttpServer kamisApi;
  private volatile Answer answer;

  /** One line of the manifest. */
  record Case(
      String name,
      String area,
      String run,
      String target,
      String input,
      String expect,
      String detail) {
    @Override
    public String toString() {
      return area + ": " + name;
    }

    String runKey() {
      return run.equals("-") ? area + "/" + name : area + "/" + run;
    }
  }

  /** What a pipeline run left: exit code and output of each job, and its lakehouse root. */
  record Run(Path root, List<Integer> codes, String out) {
    int code() {
      return codes.stream().filter(c -> c != 0).findFirst().orElse(0);
    }
  }

  /** What the fake KAMIS API answers to every request. */
  record Answer(int status, String contentType, byte[] body) {}

  @BeforeAll
  void setUp() throws IOException, URISyntaxException {
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    corpus = Path.of(getClass().getResource("/bad-inputs/manifest.psv").toURI()).getParent();
    spark = TestSpark.session();
    clean = tmp.resolve("clean-olist");
    cleanRecords = new OlistGenerator(0.001, 8).writeTo(clean, line -> {});
    // Fast retries: the KAMIS cases that retry (HTTP 503, truncated JSON) fail in milliseconds.
    confDir =
        TestConfDir.write(
            tmp.resolve("conf"),
            "lakehouse.kamis.retry { max-retries = 1, initial-delay = 10ms, max-delay = 20ms }",
            "lakehouse.kamis.requests-per-second = 1000");
    rulesCopy = copyRules(tmp.resolve("rules-clean"));
    kamisApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    kamisApi.createContext(
        "/",
        exchange -> {
          Answer a = answer;
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(a.body());
          }
        });
    kamisApi.start();
  }

  @AfterAll
  void tearDown() {
    if (kamisApi != null) {
      kamisApi.stop(0);
    }
  }

  Stream<Case> cases() throws IOException, URISyntaxException {
    Path manifest = Path.of(getClass().getResource("/bad-inputs/manifest.psv").toURI());
    return read(manifest).stream();
  }

  static List<Case> read(Path manifest) throws IOException {
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" \\| ", -1);
      if (f.length != 7) {
        throw new IllegalArgumentException("manifest line needs 7 fields: " + line);
      }
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].strip();
      }
      out.add(new Case(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
    }
    return out;
  }

  /**
   * A case that needs a pipeline run over data (a shared group run, or a gate that fails only after
   * the files are parsed): those make the long form.
   */
  static boolean needsFullRun(Case c) {
    return !c.run().equals("-") || c.expect().equals("exit:3");
  }

  Stream<Case> fastCases() throws IOException, URISyntaxException {
    return cases().filter(c -> !needsFullRun(c));
  }

  Stream<Case> fullRunCases() throws IOException, URISyntaxException {
    return cases().filter(BadInputCorpusTest::needsFullRun);
  }

  /**
   * The fast form, in every {@code ./mvnw -B verify}: the cases that fail before any data is read
   * or written (layout, header, settings, rule suites, KAMIS API answers).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fastCases")
  void endsAsTheManifestSays(Case c) throws IOException {
    check(c);
  }

  /**
   * The long form (tag slow: GitHub CI, or {@code -Dtest.excluded.groups=none}): the cases that
   * need pipeline runs over data, about three minutes of runs on two cores.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fullRunCases")
  @Tag("slow")
  void withDataEndsAsTheManifestSays(Case c) throws IOException {
    check(c);
  }

  private void check(Case c) throws IOException {
    switch (c.area()) {
      case "olist" -> olist(c, false);
      case "kamis-landed" -> kamisLanded(c);
      case "kamis-api" -> kamisApi(c);
      case "config" -> config(c);
      default -> throw new IllegalArgumentException("unknown area " + c.area());
    }
  }

  /** The user-facing table of cases (BAD_INPUTS.md, next to this module's pom) lists them all. */
  @Test
  void theDocumentationListsEveryCase() throws IOException, URISyntaxException {
    String doc = Files.readString(Path.of("BAD_INPUTS.md"), StandardCharsets.UTF_8);
    List<Case> all = cases().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    for (Case c : all) {
      assertThat(doc).as("BAD_INPUTS.md row for %s", c).contains("| `" + c.name() + "` |");
    }
  }

  Stream<Case> silverCases() throws IOException, URISyntaxException {
    return cases().filter(c -> c.expect().startsWith("silver"));
  }

  /** The long form: the silver cases through bronze and silver (a silver run costs minutes). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("silverCases")
  @Tag("slow")
  void silverEndsAsTheManifestSays(Case c) throws IOException {
    olist(c, true);
  }

  // ---- Olist CSV files ------------------------------------------------------------------------

  private void olist(Case c, boolean silver) throws IOException {
    boolean silverCase = c.expect().startsWith("silver");
    Run run =
        runs.computeIfAbsent(
            c.runKey() + (silver ? "+silver" : ""), k -> olistRun(c, silver && silverCase));
    SourceFile file = source(c.target());
    TableLayout layout = new TableLayout(run.root().resolve("lake").toString());
    String bronze = layout.path(file.bronze());
    long records = cleanRecords.get(file.fileName());
    if (c.expect().startsWith("exit:")) {
      assertError(c, run);
      for (SourceFile f : OlistTables.FILES) {
        assertThat(DeltaIO.exists(spark, layout.path(f.bronze())))
            .as("%s: nothing written, yet %s exists", c, f.bronze())
            .isFalse();
      }
      return;
    }
    assertThat(run.codes()).as("%s exit codes; output:%n%s", c, run.out()).containsOnly(0);
    long[] counts = rowsLine(run.out(), file.bronze().toString(), c);
    long bronzeRows = DeltaIO.read(spark, bronze).count();
    Dataset<Row> quarantine =
        quarantine(layout.quarantine(OlistTables.DOMAIN, file.table()), "olist.ingest_bronze");
    long quarantined = quarantine.count();
    assertThat(counts[0])
        .as("%s: rows read = bronze + quarantine", c)
        .isEqualTo(bronzeRows + quarantined);
    assertThat(counts[1]).isEqualTo(bronzeRows);
    if (silverCase && !silver) {
      // The fast form: bronze keeps the row as text (silver is checked in the long form).
      assertThat(quarantined).as("%s: bronze quarantines nothing", c).isZero();
      assertThat(bronzeRows)
          .as("%s: every record in bronze", c)
          .isEqualTo(c.expect().equals("silver-collapsed") ? records + 1 : records);
      return;
    }
    switch (c.expect()) {
      case "quarantine" -> {
        assertThat(quarantined).as("%s: one record quarantined", c).isEqualTo(1);
        assertThat(bronzeRows).isEqualTo(records - 1);
        assertThat(quarantine.first().<String>getAs("reason")).contains(c.detail());
      }
      case "accepted" -> {
        assertThat(quarantined).as("%s: nothing quarantined", c).isZero();
        assertThat(bronzeRows).as("%s: every record loaded", c).isEqualTo(records);
      }
      case "silver-quarantine" -> {
        assertThat(quarantined).isZero();
        assertThat(bronzeRows).isEqualTo(records);
        // set:<column>:<record>:<value>: the value marks the damaged row.
        String marker = c.input().split(":", 4)[3];
        Dataset<Row> silverQ =
            quarantine(layout.quarantine(OlistTables.DOMAIN, file.table()), "olist.promote_silver")
                .filter(col("raw").contains(marker));
        assertThat(silverQ.count())
            .as("%s: the row with %s in silver quarantine", c, marker)
            .isEqualTo(1);
        assertThat(silverQ.first().<String>getAs("reason")).contains(c.detail());
      }
      case "silver-collapsed" -> {
        assertThat(bronzeRows).isEqualTo(records + 1);
        assertThat(run.out()).contains(file.silver() + ": ");
        String line =
            run.out()
                .lines()
                .filter(l -> l.contains(file.silver() + ": ") && l.contains(" bronze rows "))
                .findFirst()
                .orElse("");
        assertThat(line).as("%s: silver accounts for the duplicate", c).contains(c.detail());
        assertThat(DeltaIO.read(spark, layout.path(file.silver())).count()).isEqualTo(records);
      }
      default -> throw new IllegalArgumentException("unknown outcome " + c.expect());
    }
  }

  private Run olistRun(Case first, boolean silver) {
    try {
      Path dir =
          Files.createDirectories(
              tmp.resolve("olist-" + first.runKey().replace('/', '-') + (silver ? "-silver" : "")));
      Path landing = Files.createDirectories(dir.resolve("landing"));
      for (SourceFile f : OlistTables.FILES) {
        Files.copy(clean.resolve(f.fileName()), landing.resolve(f.fileName()));
      }
      List<Case> members = cases().filter(c -> c.runKey().equals(first.runKey())).toList();
      for (Case c : members) {
        SourceFile f = source(c.target());
        CsvDamage.apply(
            clean.resolve(f.fileName()), c.input(), landing.resolve(f.fileName()), corpus);
      }
      Map<String, String> env = env(dir.resolve("lake"));
      List<String[]> jobs = new ArrayList<>();
      jobs.add(new String[] {"run", "olist.ingest_bronze", "--source", landing.toString()});
      if (silver) {
        jobs.add(new String[] {"run", "olist.promote_silver"});
      }
      return run(dir, env, jobs);
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SourceFile source(String table) {
    return OlistTables.FILES.stream()
        .filter(f -> f.table().equals(table))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Olist table " + table));
  }

  // ---- KAMIS envelopes in the landing area ----------------------------------------------------

  private void kamisLanded(Case c) throws IOException {
    Run run = runs.computeIfAbsent(c.runKey(), k -> kamisLandedRun(c));
    String file = landedName(c.input());
    TableLayout layout = new TableLayout(run.root().resolve("lake").toString());
    String table = tableOf(c.target());
    if (c.expect().startsWith("exit:")) {
      assertError(c, run);
      assertThat(DeltaIO.exists(spark, layout.path(TableId.bronze("kamis", table)))).isFalse();
      return;
    }
    assertThat(run.codes()).as("%s exit codes; output:%n%s", c, run.out()).containsOnly(0);
    Dataset<Row> bronze = DeltaIO.read(spark, layout.path(TableId.bronze("kamis", table)));
    Dataset<Row> quarantine = quarantine(layout.quarantine("kamis", table), "kamis.ingest_bronze");
    long[] counts = rowsLine(run.out(), TableId.bronze("kamis", table).toString(), c);
    assertThat(counts[0])
        .as("%s: rows read = bronze + quarantine", c)
        .isEqualTo(bronze.count() + quarantine.count());
    Dataset<Row> mine = quarantine.filter(col("_source_file").endsWith("/" + file));
    Dataset<Row> rows = bronze.filter(col("_source_file").endsWith("/" + file));
    switch (c.expect()) {
      case "quarantine" -> {
        assertThat(mine.count()).as("%s: quarantined", c).isEqualTo(1);
        assertThat(mine.first().<String>getAs("reason")).contains(c.detail());
        assertThat(rows.count()).isZero();
      }
      case "accepted" -> {
        assertThat(mine.count()).as("%s: nothing quarantined", c).isZero();
        long expected = Long.parseLong(c.detail().replace("rows=", ""));
        assertThat(rows.count()).as("%s: rows in bronze", c).isEqualTo(expected);
      }
      default -> throw new IllegalArgumentException("unknown outcome " + c.expect());
    }
    // Whatever a landed file carried, no credential reaches bronze, quarantine or the output.
    assertThat(bronze.toJSON().filter(col("value").contains(KAMIS_KEY)).count()).isZero();
    assertThat(quarantine.toJSON().filter(col("value").contains(KAMIS_KEY)).count()).isZero();
    assertThat(run.out()).doesNotContain(KAMIS_KEY);
  }

  private Run kamisLandedRun(Case first) {
    try {
      Path dir = Files.createDirectories(tmp.resolve("kamis-" + first.runKey().replace('/', '-')));
      List<Case> members = cases().filter(c -> c.runKey().equals(first.runKey())).toList();
      for (Case c : members) {
        Path slot =
            Files.createDirectories(dir.resolve("landing").resolve(c.target()).resolve(KAMIS_DAY));
        Files.writeString(slot.resolve(KamisLanding.SUCCESS), "");
        Path target = slot.resolve(landedName(c.input()));
        if (c.input().startsWith("repeat:")) {
          String[] p = c.input().split(":");
          Files.writeString(
              target,
              repeatRows(
                  Files.readString(corpus.resolve("kamis/landed").resolve(p[1])),
                  Integer.parseInt(p[2])),
              StandardCharsets.UTF_8);
        } else {
          Files.copy(corpus.resolve("kamis/landed").resolve(c.input()), target);
        }
      }
      Map<String, String> env = env(dir.resolve("lake"));
      return run(
          dir,
          env,
          List.<String[]>of(
              new String[] {
                "run",
                "kamis.ingest_bronze",
                "--source",
                dir.resolve("landing").toString(),
                "--from",
                KAMIS_DAY,
                "--to",
                KAMIS_DAY
              }));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An envelope whose single row is repeated {@code n} times, each with its own productno. */
  private static String repeatRows(String envelope, int n) {
    int start = envelope.indexOf("\"price\": [") + "\"price\": [".length();
    int end = envelope.lastIndexOf("]}");
    String row = envelope.substring(start, end);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        rows.append(", ");
      }
      rows.append(row.replace("\"productno\": \"290\"", "\"productno\": \"" + (10000 + i) + "\""));
    }
    return envelope.substring(0, start) + rows + envelope.substring(end);
  }

  private static String landedName(String input) {
    return input.startsWith("repeat:") ? input.split(":")[1] : input;
  }

  private static String tableOf(String action) {
    return switch (action) {
      case "dailySalesList" -> "daily_sales";
      case "productInfo" -> "product_info";
      default -> throw new IllegalArgumentException("no table known for action " + action);
    };
  }

  // ---- What the KAMIS API answers -------------------------------------------------------------

  private void kamisApi(Case c) throws IOException {
    String[] target = c.target().split(" ");
    answer =
        new Answer(
            Integer.parseInt(target[0]),
            target[1],
            Files.readAllBytes(corpus.resolve("kamis/api").resolve(c.input())));
    Path dir = Files.createDirectories(tmp.resolve("api-" + c.name()));
    Map<String, String> env = new LinkedHashMap<>(env(dir.resolve("lake")));
    env.put("KAMIS_BASE_URL", "http://127.0.0.1:" + kamisApi.getAddress().getPort() + "/xml.do");
    env.put("KAMIS_CERT_KEY", KAMIS_KEY);
    env.put("KAMIS_CERT_ID", "corpus-id");
    Run run =
        run(
            dir,
            env,
            List.<String[]>of(
                new String[] {
                  "run", "kamis.ingest_bronze", "--from", KAMIS_DAY, "--to", KAMIS_DAY
                }));
    assertError(c, run);
    assertThat(run.out()).as("%s: the key never reaches the output", c).doesNotContain(KAMIS_KEY);
    TableLayout layout = new TableLayout(dir.resolve("lake").toString());
    assertThat(DeltaIO.exists(spark, layout.path(TableId.bronze("kamis", "daily_sales"))))
        .isFalse();
  }

  // ---- Settings and arguments -----------------------------------------------------------------

  private void config(Case c) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("config-" + c.name()));
    Map<String, String> env = new LinkedHashMap<>(env(dir.resolve("lake")));
    List<String> args = new ArrayList<>(List.of("run", c.target()));
    String input = c.input();
    if (input.startsWith("rules:")) {
      Path rules = copyRules(dir.resolve("rules"));
      String[] p = input.split(":", 3);
      Path suite = rules.resolve(p[2]);
      switch (p[1]) {
        case "delete" -> Files.delete(suite);
        default ->
            Files.copy(
                corpus.resolve(p[1]), suite, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      env.put("LAKEHOUSE_RULES_DIR", rules.toString());
    } else if (input.startsWith("args:")) {
      args.addAll(List.of(input.substring("args:".length()).split(" ")));
    } else if (!input.equals("-")) {
      for (String change : input.split(" ")) {
        String[] kv = change.split("=", 2);
        if (kv[1].isEmpty()) {
          env.remove(kv[0]);
        } else {
          env.put(kv[0], kv[1]);
        }
      }
    }
    if (c.target().startsWith("olist.ingest_bronze") && !args.contains("--source")) {
      args.addAll(List.of("--source", clean.toString()));
    }
    Run run = run(dir, env, List.<String[]>of(args.toArray(String[]::new)));
    assertError(c, run);
  }

  // ---- Shared -----------------------------------------------------------------------------------

  private Map<String, String> env(Path lake) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LAKEHOUSE_ROOT", lake.toString());
    env.put("LINEAGE_TRANSPORT", "none");
    env.put("LAKEHOUSE_CONF_DIR", confDir.toString());
    env.put("LAKEHOUSE_RULES_DIR", rulesCopy.toString());
    return env;
  }

  private Run run(Path dir, Map<String, String> env, List<String[]> jobs) {
    List<Integer> codes = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String[] args : jobs) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int code = Lakehouse.execute(args, env, new PrintStream(buf, true, StandardCharsets.UTF_8));
      codes.add(code);
      out.append(buf.toString(StandardCharsets.UTF_8));
      TestSpark.restoreSettings(spark);
      if (code != 0) {
        break;
      }
    }
    return new Run(dir, codes, out.toString());
  }

  private static void assertError(Case c, Run run) {
    int expected = Integer.parseInt(c.expect().substring("exit:".length()));
    assertThat(run.code()).as("%s exit code; output:%n%s", c, run.out()).isEqualTo(expected);
    assertThat(run.out()).as("%s: the message says what is wrong", c).contains(c.detail());
  }

  /** Read, written and quarantined from the job's progress line for {@code table}. */
  private static long[] rowsLine(String out, String table, Case c) {
    Matcher m = ROWS_LINE.matcher(out);
    while (m.find()) {
      if (m.group(1).equals(table)) {
        return new long[] {
          Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))
        };
      }
    }
    throw new AssertionError(c + ": no progress line for " + table + " in:\n" + out);
  }

  private Dataset<Row> quarantine(String path, String job) {
    if (!DeltaIO.exists(spark, path)) {
      return spark
          .emptyDataFrame()
          .selectExpr("'' as reason", "'' as raw", "'' as _source_file", "'' as job")
          .limit(0);
    }
    return DeltaIO.read(spark, path).filter(col("job").equalTo(job));
  }

  /** The shipped rule suites (from the class path, as the jobs find them) copied to a folder. */
  private static Path copyRules(Path dir) throws IOException {
    for (String domain : List.of("olist", "kamis")) {
      Files.createDirectories(dir.resolve(domain));
    }
    for (SourceFile f : OlistTables.FILES) {
      for (String layer : List.of("bronze", "silver")) {
        copyRule(dir, "olist/" + layer + "_" + f.table() + ".conf");
      }
    }
    for (String t :
        List.of(
            "daily_price_by_category",
            "daily_sales",
            "eco_prices",
            "period_retail_prices",
            "period_wholesale_prices",
            "product_info")) {
      copyRule(dir, "kamis/bronze_" + t + ".conf");
    }
    return dir;
  }

  private static void copyRule(Path dir, String name) throws IOException {
    try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/dq-rules/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "rule suite dq-rules/" + name + " is not on the class path");
      }
      Files.copy(in, dir.resolve(name));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
