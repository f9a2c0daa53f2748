package dev.lakehouse.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of a bench run: the headline keys issue 7 asks for (each a map from scale to value,
 * or one value over all scales), derived from the per-scale measurements, and the markdown table
 * the README shows.
 */
final class BenchReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchReport() {}

  static ObjectNode results(ObjectNode perScale, ScalingFit fit, ObjectNode machine) {
    ObjectNode r = JSON.createObjectNode();
    ObjectNode layers = r.putObject("layer_seconds");
    ObjectNode gate = r.putObject("gate_overhead_pct");
    ObjectNode lineage = r.putObject("lineage_overhead_pct");
    ObjectNode dropped = r.putObject("lineage_events_dropped");
    ObjectNode bare = r.putObject("bronze_vs_bare_ratio");
    ObjectNode incremental = r.putObject("incremental_vs_full_pct");
    ObjectNode duck = r.putObject("spark_vs_duckdb_ratio");
    ObjectNode duckGates = r.putObject("spark_with_gates_vs_duckdb_ratio");
    ObjectNode memory = r.putObject("peak_driver_heap_mb");
    ObjectNode live = r.putObject("peak_driver_heap_after_gc_mb");
    ObjectNode jobs = r.putObject("spark_jobs");
    boolean checks = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = perScale.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String scale = e.getKey();
      JsonNode s = e.getValue();
      double on = s.path("layer_seconds").path("total").asDouble();
      double off = s.path("layer_seconds_gates_off").path("total").asDouble();
      double withLineage = s.path("layer_seconds_lineage_on").path("total").asDouble();
      double inc = s.path("layer_seconds_increment").path("total").asDouble();
      JsonNode offLayers = s.path("layer_seconds_gates_off");
      JsonNode onLayers = s.path("layer_seconds");
      double duckSeconds = s.path("duckdb_seconds").asDouble();
      layers.set(scale, s.path("layer_seconds"));
      gate.put(scale, round(pct(on, off)));
      lineage.put(scale, round(pct(withLineage, on)));
      dropped.put(scale, s.path("lineage").path("dropped").asLong(-1));
      bare.put(
          scale, round(onLayers.path("bronze").asDouble() / s.path("bare_seconds").asDouble()));
      incremental.put(scale, round(100 * inc / on));
      duck.put(
          scale,
          round(
              (offLayers.path("silver").asDouble() + offLayers.path("gold").asDouble())
                  / duckSeconds));
      duckGates.put(
          scale,
          round(
              (onLayers.path("silver").asDouble() + onLayers.path("gold").asDouble())
                  / duckSeconds));
      memory.put(scale, round(s.path("peak_heap_bytes").asDouble() / (1024 * 1024)));
      live.put(scale, round(s.path("peak_heap_after_gc_bytes").asDouble() / (1024 * 1024)));
      ObjectNode j = jobs.putObject(scale);
      j.put("gates_on", s.path("spark_jobs").asLong());
      j.put("gates_off", s.path("spark_jobs_gates_off").asLong());
      j.set("per_suite", s.path("spark_jobs_per_suite"));
      checks &= s.path("duckdb_check").path("passed").asBoolean();
    }
    r.put("duckdb_gold_check_passed", checks);
    ObjectNode k = r.putObject("scaling_exponent");
    if (Double.isNaN(fit.k())) {
      k.putNull("k");
      k.putNull("a_seconds");
      k.putNull("b");
    } else {
      k.put("k", round(fit.k()));
      k.put("a_seconds", round(fit.a()));
      k.put("b", fit.b());
    }
    k.put("points", fit.points());
    k.put("method", fit.method());
    k.put("model", "total seconds = a + b * csv_rows^k (gates on, lineage off)");
    r.set("machine", machine);
    r.set("scales", perScale);
    return r;
  }

  private static double pct(double value, double base) {
    return 100 * (value - base) / base;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** One row per figure, one column per scale. */
  static String markdown(ObjectNode r) {
    List<String> scales = new ArrayList<>();
    r.path("layer_seconds").fieldNames().forEachRemaining(scales::add);
    StringBuilder b = new StringBuilder();
    b.append("| figure |");
    scales.forEach(s -> b.append(" scale ").append(s).append(" |"));
    b.append("\n|---|");
    scales.forEach(s -> b.append("---:|"));
    b.append('\n');
    JsonNode per = r.path("scales");
    row(
        b,
        "CSV rows",
        scales,
        s -> String.format(Locale.ROOT, "%,d", per.path(s).path("csv_rows").asLong()));
    for (String layer : List.of("bronze", "silver", "gold", "total")) {
      row(b, layer + " (s)", scales, s -> num(r.path("layer_seconds").path(s).path(layer)));
    }
    row(
        b,
        "gates off: total (s)",
        scales,
        s -> num(per.path(s).path("layer_seconds_gates_off").path("total")));
    row(b, "gate overhead (%)", scales, s -> num(r.path("gate_overhead_pct").path(s)));
    row(
        b,
        "Spark jobs, gates on / off",
        scales,
        s ->
            r.path("spark_jobs").path(s).path("gates_on").asText()
                + " / "
                + r.path("spark_jobs").path(s).path("gates_off").asText());
    row(
        b,
        "lineage on: total (s)",
        scales,
        s -> num(per.path(s).path("layer_seconds_lineage_on").path("total")));
    row(b, "lineage overhead (%)", scales, s -> num(r.path("lineage_overhead_pct").path(s)));
    row(
        b,
        "lineage events written / dropped",
        scales,
        s ->
            per.path(s).path("lineage").path("events").asText()
                + " / "
                + r.path("lineage_events_dropped").path(s).asText());
    row(b, "bare csv→parquet (s)", scales, s -> num(per.path(s).path("bare_seconds")));
    row(b, "bronze / bare", scales, s -> num(r.path("bronze_vs_bare_ratio").path(s)) + "×");
    row(
        b,
        "1 % increment: total (s)",
        scales,
        s -> num(per.path(s).path("layer_seconds_increment").path("total")));
    row(b, "increment / full (%)", scales, s -> num(r.path("incremental_vs_full_pct").path(s)));
    row(b, "DuckDB silver+gold (s)", scales, s -> num(per.path(s).path("duckdb_seconds")));
    row(
        b,
        "Spark (gates off) / DuckDB",
        scales,
        s -> num(r.path("spark_vs_duckdb_ratio").path(s)) + "×");
    row(
        b,
        "gold cross-check",
        scales,
        s -> per.path(s).path("duckdb_check").path("passed").asBoolean() ? "same" : "DIFFERENT");
    row(
        b,
        "peak driver heap, sampled (MB)",
        scales,
        s -> num(r.path("peak_driver_heap_mb").path(s)));
    row(
        b,
        "peak driver heap after GC (MB)",
        scales,
        s -> num(r.path("peak_driver_heap_after_gc_mb").path(s)));
    row(b, "bronze bytes / CSV bytes", scales, s -> bronzeRatio(per.path(s).path("storage")));
    JsonNode k = r.path("scaling_exponent");
    b.append('\n')
        .append("Scaling: t ≈ a + b·rows^k with k = ")
        .append(k.path("k").isNull() ? "n/a" : k.path("k").asText())
        .append(", a = ")
        .append(k.path("a_seconds").isNull() ? "n/a" : k.path("a_seconds").asText() + " s")
        .append(" (")
        .append(k.path("method").asText())
        .append(", ")
        .append(k.path("points").asInt())
        .append(" scales).\n");
    return b.toString();
  }

  private static String bronzeRatio(JsonNode storage) {
    long bytes = 0;
    long csv = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = storage.fields(); it.hasNext(); ) {
      JsonNode t = it.next().getValue();
      if (t.has("csv_bytes")) {
        bytes += t.path("bytes").asLong();
        csv += t.path("csv_bytes").asLong();
      }
    }
    return csv == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) bytes / csv);
  }

  private static String num(JsonNode n) {
    return n.isMissingNode() || n.isNull()
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f", n.asDouble());
  }

  private static void row(
      StringBuilder b, String name, List<String> scales, Function<String, String> cell) {
    b.append("| ").append(name).append(" |");
    scales.forEach(s -> b.append(' ').append(cell.apply(s)).append(" |"));
    b.append('\n');
  }
}
