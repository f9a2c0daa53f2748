package dev.lakehouse.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.launcher.Lakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness at scale 0.01, untimed, so that it cannot rot: every headline key is in
 * bench-results.json with a sane value, and DuckDB and Spark agree on the gold marts. Starts three
 * pipeline JVMs (the harness's own design), four pipeline runs in all: about 15 minutes on 2 busy
 * cores, where the pipeline's fixed cost dominates. Tagged slow: GitHub CI runs it; the local
 * verify keeps DuckDbBaselineTest and ScalingFitTest, which cover the cross-check and the fit
 * without Spark.
 */
@Tag("slow")
class BenchSmokeTest {
  @TempDir Path out;

  @Test
  void benchAtTinyScaleWritesEveryFigureAndTheCrossCheckPasses() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code =
        Lakehouse.execute(
            new String[] {"bench", "--scales", "0.01", "--out", out.toString()},
            Map.of(),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    String log = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(log).isZero();
    assertThat(log).contains("scale 0.01: gates_on", "gold cross-check passed", "| figure |");

    JsonNode r = new ObjectMapper().readTree(out.resolve("bench-results.json").toFile());
    for (String key :
        List.of(
            "gate_overhead_pct",
            "lineage_overhead_pct",
            "lineage_events_dropped",
            "bronze_vs_bare_ratio",
            "incremental_vs_full_pct",
            "spark_vs_duckdb_ratio",
            "layer_seconds",
            "peak_driver_heap_mb",
            "spark_jobs")) {
      assertThat(r.path(key).has("0.01")).as(key).isTrue();
    }
    JsonNode layers = r.path("layer_seconds").path("0.01");
    for (String layer : List.of("bronze", "silver", "gold")) {
      assertThat(layers.path(layer).asDouble()).as(layer).isPositive();
    }
    assertThat(layers.path("total").asDouble())
        .isCloseTo(
            layers.path("bronze").asDouble()
                + layers.path("silver").asDouble()
                + layers.path("gold").asDouble(),
            org.assertj.core.data.Offset.offset(1e-6));
    // Overheads are differences of noisy timings: finite, and not absurd.
    assertThat(r.path("gate_overhead_pct").path("0.01").asDouble()).isBetween(-90.0, 1000.0);
    assertThat(r.path("lineage_overhead_pct").path("0.01").asDouble()).isBetween(-90.0, 1000.0);
    assertThat(r.path("lineage_events_dropped").path("0.01").asLong()).isZero();
    assertThat(r.path("bronze_vs_bare_ratio").path("0.01").asDouble()).isPositive();
    assertThat(r.path("incremental_vs_full_pct").path("0.01").asDouble()).isPositive();
    assertThat(r.path("spark_vs_duckdb_ratio").path("0.01").asDouble()).isPositive();
    assertThat(r.path("peak_driver_heap_mb").path("0.01").asDouble()).isPositive();
    // One scale: nothing to fit, and the document says so rather than inventing a k.
    assertThat(r.path("scaling_exponent").path("points").asInt()).isEqualTo(1);
    assertThat(r.path("scaling_exponent").path("k").isNull()).isTrue();

    JsonNode scale = r.path("scales").path("0.01");
    assertThat(r.path("duckdb_gold_check_passed").asBoolean()).as(scale.toString()).isTrue();
    assertThat(scale.path("duckdb_check").path("spark").path("daily_sales").path("rows").asLong())
        .isPositive();
    // The lineage run wrote events; the gates ran Spark jobs of their own, the gates-off run none.
    assertThat(scale.path("lineage").path("events").asLong()).isPositive();
    assertThat(scale.path("spark_jobs_per_suite").has("silver.olist.orders")).isTrue();
    assertThat(scale.path("spark_jobs").asLong())
        .isGreaterThan(scale.path("spark_jobs_gates_off").asLong());
    // Every layer's tables are on disk; bronze is compared with its CSV file.
    assertThat(scale.path("storage").path("bronze.olist.orders").path("csv_bytes").asLong())
        .isPositive();
    assertThat(scale.path("storage").has("gold.olist.daily_sales")).isTrue();
    assertThat(Files.readString(out.resolve("bench-results.md"))).contains("gate overhead (%)");
  }
}
