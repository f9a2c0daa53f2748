package dev.lakehouse.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/lakehouse bench}: generates Olist data at each scale and measures the pipeline against
 * its baselines in one run on one machine (issue 7). Per scale it starts three JVMs (see {@link
 * BenchVariant}), one after the other so they never compete for the cores:
 *
 * <ul>
 *   <li>{@code gates_on}: the pipeline as shipped without lineage (layer times, Spark jobs per
 *       suite, peak heap, gold checksums), then a second batch of about 1 % new orders
 *       (incremental), then the bare {@code spark.read.csv(...).write.parquet(...)} baseline;
 *   <li>{@code gates_off}: the same pipeline with {@code lakehouse.quality.enabled = false};
 *   <li>{@code lineage_on}: the pipeline with the OpenLineage file transport.
 * </ul>
 *
 * Then DuckDB runs the same transformations in this JVM (see {@link DuckDbBaseline}) and its gold
 * checksums are compared with Spark's. Writes {@code bench-results.json} and {@code
 * bench-results.md} into the output folder.
 */
public final class BenchHarness {
  /** The share of new orders in the incremental batch. */
  static final double INCREMENT_SHARE = 0.01;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Double> scales;
  private final Path out;
  private final long seed;
  private final Map<String, String> env;
  private final PrintStream progress;
  private final boolean resume;
  private final long started = System.nanoTime();

  /**
   * @param resume reuse a variant's results left in {@code out} by an earlier, interrupted run of
   *     the same scales and seed instead of running it again
   */
  public BenchHarness(
      List<Double> scales,
      Path out,
      long seed,
      Map<String, String> env,
      PrintStream progress,
      boolean resume) {
    this.resume = resume;
    this.scales = List.copyOf(scales);
    this.out = out.toAbsolutePath();
    this.seed = seed;
    this.env = Map.copyOf(env);
    this.progress = progress;
  }

  /** Runs every scale and writes the results; returns the results document. */
  public ObjectNode run() throws IOException {
    Files.createDirectories(out);
    ObjectNode perScale = JSON.createObjectNode();
    List<ScalingFit.Point> points = new ArrayList<>();
    for (double scale : scales) {
      ObjectNode s = measure(scale);
      perScale.set(label(scale), s);
      points.add(
          new ScalingFit.Point(
              s.path("csv_rows").asDouble(), s.path("layer_seconds").path("total").asDouble()));
    }
    ObjectNode results = BenchReport.results(perScale, ScalingFit.fit(points), machine());
    Files.writeString(
        out.resolve("bench-results.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results),
        StandardCharsets.UTF_8);
    String table = BenchReport.markdown(results);
    Files.writeString(out.resolve("bench-results.md"), table, StandardCharsets.UTF_8);
    step("wrote " + out.resolve("bench-results.json") + " and bench-results.md");
    progress.println();
    progress.print(table);
    return results;
  }

  private ObjectNode measure(double scale) throws IOException {
    String label = label(scale);
    Path data = out.resolve("data").resolve("scale-" + label);
    Path increment = out.resolve("data").resolve("scale-" + label + "-increment");
    Path runs = out.resolve("runs").resolve("scale-" + label);
    if (!resume) {
      deleteRecursively(runs);
    }
    step("scale " + label + ": generating Olist data in " + data);
    Map<String, Long> rows = new OlistGenerator(scale, seed).writeTo(data, line -> {});
    Map<String, Long> incRows =
        new OlistGenerator(scale * INCREMENT_SHARE, seed + 1).writeTo(increment, line -> {});
    long csvRows = rows.values().stream().mapToLong(Long::longValue).sum();
    step(
        String.format(
            Locale.ROOT,
            "scale %s: %,d rows (%,d orders); increment %,d rows (%,d orders)",
            label,
            csvRows,
            rows.getOrDefault(OlistTables.ORDERS.fileName(), 0L),
            incRows.values().stream().mapToLong(Long::longValue).sum(),
            incRows.getOrDefault(OlistTables.ORDERS.fileName(), 0L)));

    JsonNode on =
        variant(label, "gates_on", runs, data, increment, runs.resolve("bare"), true, false);
    JsonNode off = variant(label, "gates_off", runs, data, null, null, false, false);
    JsonNode lineage = variant(label, "lineage_on", runs, data, null, null, true, true);

    step("scale " + label + ": DuckDB baseline");
    DuckDbBaseline.Result duck;
    try {
      DuckDbBaseline.warmUp();
      duck = DuckDbBaseline.run(data);
    } catch (SQLException e) {
      throw new LakehouseException(ExitCode.FAILURE, "DuckDB baseline failed: " + e.getMessage());
    }
    DuckDbBaseline.GoldCheck spark = sparkCheck(on.path("gold_check"));
    List<String> differences = duck.check().differences(spark);
    step(
        String.format(
            Locale.ROOT,
            "scale %s: DuckDB %.1fs; gold cross-check %s",
            label,
            duck.seconds(),
            differences.isEmpty() ? "passed" : "FAILED " + differences));

    ObjectNode s = JSON.createObjectNode();
    s.put("scale", scale);
    s.put("csv_rows", csvRows);
    s.putPOJO("csv_rows_per_file", rows);
    s.put("increment_csv_rows", incRows.values().stream().mapToLong(Long::longValue).sum());
    s.set("layer_seconds", layers(on.path("full")));
    s.set("layer_seconds_gates_off", layers(off.path("full")));
    s.set("layer_seconds_lineage_on", layers(lineage.path("full")));
    s.set("layer_seconds_increment", layers(on.path("increment")));
    s.put("bare_seconds", on.path("bare_seconds").asDouble());
    s.put("duckdb_seconds", duck.seconds());
    s.set("spark_jobs", on.path("spark_jobs"));
    s.set("spark_jobs_gates_off", off.path("spark_jobs"));
    s.set("spark_jobs_per_suite", on.path("spark_jobs_per_suite"));
    s.set("lineage", lineage.path("lineage"));
    s.put("sql_executions_lineage_run", lineage.path("sql_executions").asLong());
    s.put("peak_heap_bytes", on.path("peak_heap_bytes").asLong());
    s.put("peak_heap_after_gc_bytes", on.path("peak_heap_after_gc_bytes").asLong());
    s.put("max_heap_bytes", on.path("max_heap_bytes").asLong());
    ObjectNode check = s.putObject("duckdb_check");
    check.put("passed", differences.isEmpty());
    check.putPOJO("differences", differences);
    check.set("spark", on.path("gold_check"));
    check.putPOJO("duckdb", duck.check());
    s.set("storage", storage(runs.resolve("gates_on"), data));
    return s;
  }

  /** Runs one variant in a child JVM with the same class path and JVM flags as this one. */
  private JsonNode variant(
      String label,
      String name,
      Path runs,
      Path data,
      Path increment,
      Path bare,
      boolean gates,
      boolean lineage)
      throws IOException {
    Path root = runs.resolve(name);
    Files.createDirectories(root);
    Path result = runs.resolve(name + ".json");
    Path log = runs.resolve(name + ".log");
    if (resume && Files.exists(result)) {
      JsonNode earlier = JSON.readTree(result.toFile());
      if (earlier.path("ok").asBoolean()) {
        step("scale " + label + ": " + name + " reused from " + result);
        return earlier;
      }
    }
    step("scale " + label + ": " + name + " (log " + log + ")");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // Debug and coverage agents stay with the parent.
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchVariant.class.getName());
    cmd.add(result.toString());
    cmd.add(data.toString());
    cmd.add(increment == null ? "-" : increment.toString());
    cmd.add(bare == null ? "-" : bare.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.environment().put("LAKEHOUSE_ROOT", root.toString());
    pb.environment().put("LAKEHOUSE_QUALITY_ENABLED", Boolean.toString(gates));
    pb.environment().put("LINEAGE_TRANSPORT", lineage ? "file" : "none");
    pb.environment()
        .put("LINEAGE_FILE", root.resolve("_lineage").resolve("events.ndjson").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long start = System.nanoTime();
    int code;
    try {
      code = pb.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LakehouseException(ExitCode.FAILURE, "interrupted while " + name + " ran");
    }
    if (!Files.exists(result)) {
      throw new LakehouseException(
          ExitCode.FAILURE,
          "bench variant "
              + name
              + " at scale "
              + label
              + " exited "
              + code
              + " without results; see "
              + log);
    }
    JsonNode r = JSON.readTree(result.toFile());
    if (!r.path("ok").asBoolean()) {
      throw new LakehouseException(
          ExitCode.FAILURE,
          "bench variant "
              + name
              + " at scale "
              + label
              + " failed ("
              + r.path("full").path("failed").asText(r.path("increment").path("failed").asText())
              + "); see "
              + log);
    }
    JsonNode full = r.path("full");
    step(
        String.format(
            Locale.ROOT,
            "scale %s: %s done in %.1fs: bronze %.1fs, silver %.1fs, gold %.1fs%s%s",
            label,
            name,
            (System.nanoTime() - start) / 1e9,
            full.path("bronze").asDouble(),
            full.path("silver").asDouble(),
            full.path("gold").asDouble(),
            r.has("increment")
                ? String.format(
                    Locale.ROOT,
                    "; increment %.1fs",
                    layers(r.path("increment")).path("total").asDouble())
                : "",
            r.has("bare_seconds")
                ? String.format(
                    Locale.ROOT, "; bare csv->parquet %.1fs", r.path("bare_seconds").asDouble())
                : ""));
    return r;
  }

  private static ObjectNode layers(JsonNode run) {
    ObjectNode n = JSON.createObjectNode();
    double total = 0;
    for (String layer : List.of("bronze", "silver", "gold")) {
      double v = run.path(layer).asDouble();
      n.put(layer, v);
      total += v;
    }
    n.put("total", total);
    return n;
  }

  private static DuckDbBaseline.GoldCheck sparkCheck(JsonNode c) {
    JsonNode d = c.path("daily_sales");
    JsonNode m = c.path("payment_mix");
    return new DuckDbBaseline.GoldCheck(
        d.path("rows").asLong(),
        d.path("items").asLong(),
        new BigDecimal(d.path("gmv").asText("0")),
        new BigDecimal(d.path("freight").asText("0")),
        m.path("rows").asLong(),
        m.path("payments").asLong(),
        new BigDecimal(m.path("total_value").asText("0")));
  }

  /** Bytes on disk per table (data and Delta log) and, for bronze, the CSV file's bytes. */
  private static ObjectNode storage(Path root, Path data) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    for (String layer : List.of("bronze", "silver", "gold")) {
      Path dir = root.resolve(layer).resolve("olist");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> tables = Files.list(dir)) {
        for (Path t : tables.sorted().toList()) {
          ObjectNode e = n.putObject(layer + ".olist." + t.getFileName());
          long bytes = size(t);
          e.put("bytes", bytes);
          if (layer.equals("bronze")) {
            OlistTables.FILES.stream()
                .filter(f -> f.table().equals(t.getFileName().toString()))
                .findFirst()
                .ifPresent(
                    f -> {
                      long csv = size(data.resolve(f.fileName()));
                      e.put("csv_bytes", csv);
                      e.put("ratio_to_csv", csv == 0 ? 0 : (double) bytes / csv);
                    });
          }
        }
      }
    }
    return n;
  }

  static long size(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static ObjectNode machine() {
    ObjectNode m = JSON.createObjectNode();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put(
        "load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return m;
  }

  static String label(double scale) {
    return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
  }

  private void step(String message) {
    progress.printf(
        Locale.ROOT, "[bench %6.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
