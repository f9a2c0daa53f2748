package dev.lakehouse.launcher.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.quality.MetricsHistory;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.gold.OlistMarts;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import dev.lakehouse.launcher.Lakehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Olist pipeline with its landing and its lakehouse root on an S3-compatible server, through
 * the real S3A connector: every file the jobs touch (landing, header checks, Delta tables,
 * quarantine, run log, quality results, Deequ's metrics repository, the rule suites) is on {@code
 * s3a://}.
 *
 * <p>One body, two servers: {@link S3ProxyPipelineTest} (inside this JVM, runs everywhere) and
 * {@link MinioPipelineTest} (Testcontainers, where a Docker engine runs). Each class gets its own
 * JVM (the launcher's surefire forks one per class): the S3A endpoint and the lineage listener are
 * fixed when the session starts. The local verify runs the bronze and silver jobs, the side-table
 * and lineage checks; the gold marts and a re-run of the whole pipeline on the object store are
 * tagged {@code slow} (GitHub CI runs them).
 *
 * <p>Credentials reach S3A only through the AWS credential chain: the test sets the Java system
 * properties {@code aws.accessKeyId} and {@code aws.secretKey}, which the chain reads after the
 * environment variables. Nothing is passed in settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ObjectStorePipelineBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final double SCALE = 0.002;
  static final String PREFIX = "lake";
  static final String BATCH = "s3-1";

  /** Where the S3 server is and the credentials it accepts. */
  protected record Store(String endpoint, String bucket, String accessKey, String secretKey) {}

  /** Starts (or finds) the server with an empty bucket; called once, before anything else. */
  protected abstract Store startStore() throws Exception;

  @TempDir static Path work;
  Store store;
  Map<String, String> env;
  TableLayout layout;
  SparkSession spark;
  FileSystem fs;
  String landing;
  Path localLanding;
  Path lineageFile;

  /** Delta versions and row counts after the first run, for the re-run check. */
  final Map<String, Long> versions = new LinkedHashMap<>();

  final Map<String, Long> counts = new LinkedHashMap<>();

  @BeforeAll
  void startStoreAndSession() throws Exception {
    store = startStore();
    System.setProperty("aws.accessKeyId", store.accessKey());
    System.setProperty("aws.secretKey", store.secretKey());
    System.setProperty("spark.master", "local[2]");
    // One task per scan of these small tables (TestSpark.DEFAULT_PARALLELISM).
    System.setProperty("spark.default.parallelism", TestSpark.DEFAULT_PARALLELISM);
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    // A store that stops answering fails an operation within seconds, not minutes of retries
    // (S3A's defaults suit a remote service with transient errors, not a server on 127.0.0.1).
    System.setProperty("spark.hadoop.fs.s3a.retry.limit", "2");
    System.setProperty("spark.hadoop.fs.s3a.retry.interval", "100ms");
    System.setProperty("spark.hadoop.fs.s3a.attempts.maximum", "2");
    System.setProperty("spark.hadoop.fs.s3a.connection.establish.timeout", "2000");
    lineageFile = work.resolve("lineage/events.ndjson");
    env = new HashMap<>();
    env.put("LAKEHOUSE_ROOT", "s3a://" + store.bucket() + "/" + PREFIX);
    env.put("S3_ENDPOINT", store.endpoint());
    env.put("S3_PATH_STYLE_ACCESS", "true");
    env.put("S3_REGION", "us-east-1");
    env.put("LINEAGE_TRANSPORT", "file");
    env.put("LINEAGE_FILE", lineageFile.toString());
    env.put("LINEAGE_NAMESPACE", "lakehouse-s3-test");
    // The rule suites are read from the object store too (as on a cluster, next to the data).
    env.put("LAKEHOUSE_RULES_DIR", "s3a://" + store.bucket() + "/config/dq-rules");
    layout = new TableLayout(env.get("LAKEHOUSE_ROOT"));
    // The session the CLI runs below will reuse, built from the same settings.
    spark = new Lakehouse(env, System.out).spark();
    landing = "s3a://" + store.bucket() + "/incoming/olist";
    fs = FileSystem.get(URI.create(landing), spark.sparkContext().hadoopConfiguration());

    // The sample goes onto the object store through the Hadoop FileSystem API.
    localLanding = work.resolve("landing");
    new OlistGenerator(SCALE, 42).writeTo(localLanding, line -> {});
    for (String f : OlistGenerator.FILE_NAMES) {
      fs.copyFromLocalFile(
          false,
          true,
          new org.apache.hadoop.fs.Path(localLanding.resolve(f).toUri()),
          new org.apache.hadoop.fs.Path(landing + "/" + f));
    }
    uploadRules();
  }

  /** The repository's rule suites, uploaded next to the data. */
  void uploadRules() throws IOException {
    Path rules = Path.of("../../dq-rules").toAbsolutePath().normalize();
    assertThat(rules.resolve("olist")).isDirectory();
    fs.copyFromLocalFile(
        false,
        true,
        new org.apache.hadoop.fs.Path(rules.toUri()),
        new org.apache.hadoop.fs.Path(env.get("LAKEHOUSE_RULES_DIR")));
  }

  int cli(Map<String, String> environment, String... args) {
    return cli(environment, line -> {}, args);
  }

  /** Runs the CLI; {@code onLine} sees each line it prints, on the thread that prints it. */
  int cli(Map<String, String> environment, Consumer<String> onLine, String... args) {
    LineWatcher lines = new LineWatcher(onLine);
    int code =
        Lakehouse.execute(args, environment, new PrintStream(lines, true, StandardCharsets.UTF_8));
    lastOutput = lines.text();
    System.out.println(lastOutput);
    return code;
  }

  /** What the last {@link #cli} call printed. */
  String lastOutput = "";

  /** Olist's bronze and silver tables, and its gold marts when {@code withGold}. */
  static List<TableId> tables(boolean withGold) {
    List<TableId> t = new ArrayList<>();
    OlistTables.FILES.forEach(f -> t.add(f.bronze()));
    OlistTables.FILES.forEach(f -> t.add(f.silver()));
    if (withGold) {
      OlistMarts.NAMES.forEach(m -> t.add(TableId.gold(OlistTables.DOMAIN, m)));
    }
    return t;
  }

  static Map<String, Long> rowCounts(SparkSession spark, TableLayout layout, List<TableId> t) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (TableId id : t) {
      m.put(id.toString(), DeltaIO.read(spark, layout.path(id)).count());
    }
    return m;
  }

  boolean exists(String path) throws IOException {
    return fs.exists(new org.apache.hadoop.fs.Path(path));
  }

  static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
  }

  /** Whether the gold job ran (the slow form): the lineage check then covers gold too. */
  boolean goldRan;

  @Test
  @Order(1)
  void bronzeRunsOnObjectStorage() {
    long start = System.nanoTime();
    assertThat(cli(env, "run", "olist.ingest_bronze", "--source", landing, "--batch", BATCH))
        .isZero();
    System.out.println("[object-store] bronze on s3a: " + seconds(start) + " s");
  }

  /** Silver on the object store; {@link S3ProxyPipelineTest} takes the store away mid-run. */
  @Test
  @Order(2)
  void silverRunsOnObjectStorage() throws Exception {
    long start = System.nanoTime();
    assertThat(cli(env, "run", "olist.promote_silver", "--batch", BATCH)).isZero();
    System.out.println("[object-store] silver on s3a: " + seconds(start) + " s");
  }

  @Test
  @Order(3)
  void everyTableAndSideTableIsOnObjectStorage() throws Exception {
    // Every table is a Delta table on the object store and reads back.
    assertThat(exists(layout.path(OlistTables.ORDERS.silver()) + "/_delta_log")).isTrue();
    counts.putAll(rowCounts(spark, layout, tables(false)));
    assertThat(counts.values()).allMatch(n -> n > 0);
    for (TableId t : tables(false)) {
      versions.put(t.toString(), DeltaIO.version(spark, layout.path(t)));
    }

    // Side tables and the metrics repository are on the object store too.
    List<Row> runs = DeltaIO.read(spark, layout.jobRuns()).collectAsList();
    assertThat(runs)
        .filteredOn(r -> "SUCCEEDED".equals(r.getAs("status")))
        .extracting(r -> (String) r.getAs("job"))
        .containsExactlyInAnyOrder("olist.ingest_bronze", "olist.promote_silver");
    assertThat(
            DeltaIO.read(spark, layout.dqResults())
                .where("`table` = 'silver.olist.orders'")
                .count())
        .isPositive();
    assertThat(exists(MetricsHistory.repositoryPath(layout))).isTrue();
    assertThat(
            DeltaIO.read(spark, layout.dqResults())
                .where("`table` = 'silver.olist.orders'")
                .select("suite")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .allMatch(src -> src.startsWith(env.get("LAKEHOUSE_RULES_DIR")), "suites read from s3a");
    // No path was taken for a local one (a classic: a folder named "s3a:" in the working dir).
    assertThat(Path.of("s3a:")).doesNotExist();
  }

  @Test
  @Order(4)
  @Tag("slow") // the gold marts on s3a; GitHub CI runs it (see pom.xml)
  void goldRunsOnObjectStorage() {
    long start = System.nanoTime();
    assertThat(cli(env, "run", "olist.build_gold", "--batch", BATCH)).isZero();
    System.out.println("[object-store] gold on s3a: " + seconds(start) + " s");
    goldRan = true;
    for (String mart : OlistMarts.NAMES) {
      TableId t = TableId.gold(OlistTables.DOMAIN, mart);
      long n = DeltaIO.read(spark, layout.path(t)).count();
      assertThat(n).as(t.toString()).isPositive();
      counts.put(t.toString(), n);
      versions.put(t.toString(), DeltaIO.version(spark, layout.path(t)));
    }
  }

  @Test
  @Order(5)
  @Tag("slow") // a second full run on s3a; GitHub CI runs it (see pom.xml)
  void reRunChangesNothing() {
    long start = System.nanoTime();
    assertThat(cli(env, "run", "olist", "--source", landing, "--batch", BATCH)).isZero();
    System.out.println("[object-store] re-run on s3a: " + seconds(start) + " s");
    assertThat(rowCounts(spark, layout, tables(true))).isEqualTo(counts);
    for (TableId t : tables(true)) {
      String path = layout.path(t);
      if (t.layer() == dev.lakehouse.common.table.Layer.GOLD) {
        // Gold marts are rebuilt and replaced: a new version with exactly the same rows.
        Dataset<Row> before =
            spark
                .read()
                .format("delta")
                .option("versionAsOf", versions.get(t.toString()))
                .load(path);
        Dataset<Row> now = DeltaIO.read(spark, path);
        assertThat(now.exceptAll(before).count()).as(t + " rows added").isZero();
        assertThat(before.exceptAll(now).count()).as(t + " rows removed").isZero();
      } else {
        assertThat(DeltaIO.version(spark, path))
            .as(t.toString())
            .isEqualTo(versions.get(t.toString()));
      }
    }
  }

  @Test
  @Order(6)
  void lineageNamesTheObjectStoreDatasetsAlikeAcrossJobs() throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(30_000L);
    List<JsonNode> all = new ArrayList<>();
    for (String line : Files.readAllLines(lineageFile, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        all.add(JSON.readTree(line));
      }
    }
    String ns = "s3://" + store.bucket();
    Set<String> bronzeIn = datasets(all, "olist.ingest_bronze", "inputs", ns);
    Set<String> bronzeOut = datasets(all, "olist.ingest_bronze", "outputs", ns);
    Set<String> silverIn = datasets(all, "olist.promote_silver", "inputs", ns);
    Set<String> silverOut = datasets(all, "olist.promote_silver", "outputs", ns);
    Set<String> goldIn = datasets(all, "olist.build_gold", "inputs", ns);
    Set<String> goldOut = datasets(all, "olist.build_gold", "outputs", ns);

    assertThat(bronzeIn)
        .as("bronze reads the s3a landing")
        .anyMatch(d -> d.startsWith("incoming/olist"));
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      String bronze = key(f.bronze());
      String silver = key(f.silver());
      assertThat(bronzeOut).as("bronze output").contains(bronze);
      assertThat(silverIn).as("silver input").contains(bronze);
      assertThat(silverOut).as("silver output").contains(silver);
    }
    if (goldRan) {
      assertThat(goldIn).as("gold reads silver").isNotEmpty().isSubsetOf(silverOut);
      for (String mart : OlistMarts.NAMES) {
        assertThat(goldOut).contains(key(TableId.gold(OlistTables.DOMAIN, mart)));
      }
    }
    // Our own quality events name the tables exactly as the Spark listener does.
    Set<String> checked = new TreeSet<>();
    for (JsonNode e : all) {
      if ("OTHER".equals(e.path("eventType").asText())) {
        for (JsonNode d : e.path("outputs")) {
          if (ns.equals(d.path("namespace").asText())) {
            checked.add(d.path("name").asText());
          }
        }
      }
    }
    assertThat(checked).contains(key(OlistTables.ORDERS.silver()));
    Set<String> written = new TreeSet<>(bronzeOut);
    written.addAll(silverOut);
    written.addAll(goldOut);
    assertThat(written).containsAll(checked);
  }

  /** The object key of a table under the root: the listener's dataset name on S3. */
  String key(TableId t) {
    return PREFIX + "/" + t.layer().id() + "/" + t.domain() + "/" + t.name();
  }

  /** Names of the datasets in {@code namespace} on one side of the events of a job's runs. */
  static Set<String> datasets(List<JsonNode> all, String job, String side, String namespace) {
    String olJob = job.replace('.', '_');
    Set<String> s = new TreeSet<>();
    for (JsonNode e : all) {
      String parent = e.path("run").path("facets").path("parent").path("job").path("name").asText();
      if (olJob.equals(parent)) {
        for (JsonNode d : e.path(side)) {
          if (namespace.equals(d.path("namespace").asText())) {
            s.add(d.path("name").asText());
          }
        }
      }
    }
    return s;
  }
}
