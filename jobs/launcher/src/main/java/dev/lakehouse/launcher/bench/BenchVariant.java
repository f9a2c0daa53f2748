package dev.lakehouse.launcher.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.common.lineage.LineageConf;
import dev.lakehouse.common.spark.LakehouseSession;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.pipeline.Pipelines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One variant of the benchmark in a JVM of its own, started by {@link BenchHarness}: the lineage
 * listener and the session's settings are fixed when a Spark session starts, so each on/off variant
 * gets a fresh JVM and session. Settings come from the environment the harness sets ({@code
 * LAKEHOUSE_ROOT}, {@code LINEAGE_TRANSPORT}, {@code LINEAGE_FILE}, {@code
 * LAKEHOUSE_QUALITY_ENABLED}).
 *
 * <p>{@code java -cp … dev.lakehouse.launcher.bench.BenchVariant RESULT_JSON LANDING
 * [INCREMENT_LANDING|-] [BARE_OUT|-]}: runs the Olist pipeline (bronze, silver, gold) on LANDING
 * timing each layer, then (optionally) a second batch from INCREMENT_LANDING, then (optionally) a
 * bare {@code spark.read.csv(...).write.parquet(...)} of LANDING's files into BARE_OUT; writes
 * layer seconds, Spark jobs (total and per quality suite), peak heap, gold checksums and lineage
 * event counts to RESULT_JSON. Exit code 0, or 1 when a job failed (the JSON says which).
 */
public final class BenchVariant {
  static final String FULL_BATCH = "bench-full";
  static final String INCREMENT_BATCH = "bench-increment";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LAYERS = List.of("bronze", "silver", "gold");

  private BenchVariant() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path result = Path.of(args[0]);
    Path landing = Path.of(args[1]);
    Optional<Path> increment = optionalPath(args, 2);
    Optional<Path> bareOut = optionalPath(args, 3);
    ObjectNode json = JSON.createObjectNode();
    boolean ok;
    try (MemorySampler memory = MemorySampler.start()) {
      LakehouseSettings settings = SettingsLoader.load(System.getenv(), Map.of());
      SparkSession spark = LakehouseSession.getOrCreate(settings, "lakehouse-bench", Map.of());
      SparkJobCounter counter = new SparkJobCounter();
      spark.sparkContext().addSparkListener(counter);
      Progress progress = new Progress(out);
      ok = pipeline(spark, settings, landing, FULL_BATCH, progress, json.putObject("full"));
      if (ok) {
        json.set("gold_check", goldCheck(spark, new TableLayout(settings.root())));
        json.put("spark_jobs", counter.jobs());
        json.putPOJO("spark_jobs_per_suite", counter.perSuite());
      }
      if (ok && increment.isPresent()) {
        ok =
            pipeline(
                spark,
                settings,
                increment.get(),
                INCREMENT_BATCH,
                progress,
                json.putObject("increment"));
      }
      if (ok && bareOut.isPresent()) {
        json.put("bare_seconds", bare(spark, landing, bareOut.get()));
      }
      json.put("sql_executions", counter.sqlExecutions());
      // Stopping flushes the lineage listener: its events are all in the file after this.
      spark.stop();
      json.put("peak_heap_bytes", memory.peakHeapBytes());
      json.put("peak_heap_after_gc_bytes", memory.peakAfterGcBytes());
      json.put("max_heap_bytes", memory.maxHeapBytes());
      if (!settings.lineage().transport().equals("none")) {
        json.set("lineage", lineageCounts(Path.of(LineageConf.lineageFile(settings))));
      }
    }
    json.put("ok", ok);
    Files.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    System.exit(ok ? 0 : 1);
  }

  private static Optional<Path> optionalPath(String[] args, int i) {
    return args.length > i && !args[i].equals("-")
        ? Optional.of(Path.of(args[i]))
        : Optional.empty();
  }

  /** Runs bronze, silver, gold on one landing as one batch; seconds per layer into {@code out}. */
  static boolean pipeline(
      SparkSession spark,
      LakehouseSettings settings,
      Path landing,
      String batch,
      Progress progress,
      ObjectNode out) {
    JobArgs args =
        new JobArgs(
            Optional.of(landing.toAbsolutePath().toString()),
            Optional.of(batch),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);
    JobContext ctx = JobRunner.context(args, settings, progress);
    List<SparkJob> jobs = Pipelines.jobs("olist");
    for (int i = 0; i < jobs.size(); i++) {
      long start = System.nanoTime();
      RunOutcome o =
          JobRunner.execute(spark, jobs.get(i), i == 0 ? ctx : ctx.withRunId(JobRunner.newRunId()));
      out.put(LAYERS.get(i), (System.nanoTime() - start) / 1e9);
      if (!o.succeeded()) {
        out.put("failed", o.job() + ": " + o.error().orElse(o.exitCode().toString()));
        return false;
      }
    }
    return true;
  }

  /** The bare baseline: every CSV file read as strings and written as Parquet, nothing else. */
  static double bare(SparkSession spark, Path landing, Path bareOut) {
    long start = System.nanoTime();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      spark
          .read()
          .option("header", "true")
          .option("multiLine", "true")
          .option("escape", "\"")
          .csv(landing.resolve(f.fileName()).toString())
          .write()
          .mode("overwrite")
          .parquet(bareOut.resolve(f.table()).toString());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Row counts and totals of the gold marts DuckDB also builds. */
  static ObjectNode goldCheck(SparkSession spark, TableLayout layout) {
    ObjectNode check = JSON.createObjectNode();
    Row daily =
        spark
            .read()
            .format("delta")
            .load(layout.path(TableId.parse("gold.olist.daily_sales")))
            .agg(count(lit(1)), sum("items"), sum("gmv"), sum("freight"))
            .first();
    ObjectNode d = check.putObject("daily_sales");
    d.put("rows", daily.getLong(0));
    d.put("items", daily.isNullAt(1) ? 0 : daily.getLong(1));
    d.put("gmv", daily.isNullAt(2) ? "0" : daily.getDecimal(2).toPlainString());
    d.put("freight", daily.isNullAt(3) ? "0" : daily.getDecimal(3).toPlainString());
    Row mix =
        spark
            .read()
            .format("delta")
            .load(layout.path(TableId.parse("gold.olist.payment_mix")))
            .agg(count(lit(1)), sum("payments"), sum(col("total_value")))
            .first();
    ObjectNode m = check.putObject("payment_mix");
    m.put("rows", mix.getLong(0));
    m.put("payments", mix.isNullAt(1) ? 0 : mix.getLong(1));
    m.put("total_value", mix.isNullAt(2) ? "0" : mix.getDecimal(2).toPlainString());
    return check;
  }

  /**
   * Events in the lineage file, and how many were lost: a run with a START but no terminal event
   * (COMPLETE, FAIL, ABORT), or a terminal event without its START, is missing an event.
   */
  static ObjectNode lineageCounts(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    long events = 0;
    long unreadable = 0;
    Map<String, Set<String>> typesByRun = new HashMap<>();
    if (Files.exists(file)) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          events++;
          try {
            JsonNode e = JSON.readTree(line);
            String runId = e.path("run").path("runId").asText("");
            String type = e.path("eventType").asText("");
            if (!runId.isEmpty()) {
              typesByRun.computeIfAbsent(runId, k -> new HashSet<>()).add(type);
            }
          } catch (IOException e) {
            unreadable++;
          }
        }
      }
    }
    long dropped = unreadable;
    long completeOnly = 0;
    Map<String, Long> byType = new LinkedHashMap<>();
    for (Set<String> types : typesByRun.values()) {
      boolean started = types.contains("START");
      boolean ended =
          types.contains("COMPLETE") || types.contains("FAIL") || types.contains("ABORT");
      // A run that started and never ended lost an event. A run with only an end is not one: the
      // OpenLineage listener sends a lone COMPLETE for some commands (a Delta overwrite through
      // SaveIntoDataSourceCommand), counted apart as complete_only.
      if (started && !ended) {
        dropped++;
      } else if (!started && ended) {
        completeOnly++;
      }
      types.forEach(t -> byType.merge(t, 1L, Long::sum));
    }
    n.put("file", file.toString());
    n.put("events", events);
    n.put("runs", typesByRun.size());
    n.putPOJO("runs_with_event_type", byType);
    n.put("dropped", dropped);
    n.put("complete_only", completeOnly);
    return n;
  }
}
