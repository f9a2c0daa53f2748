package dev.lakehouse.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB baseline on the generator's scale-0.01 sample (seed 42), without Spark: its gold
 * figures must equal what the Spark pipeline built from the same files. The expected figures are
 * Spark's, from {@code bin/lakehouse run olist} on that sample (and BenchSmokeTest compares both
 * engines live); when the generator changes on purpose, rerun that and update them.
 */
class DuckDbBaselineTest {
  @TempDir Path landing;

  @Test
  void duckDbBuildsTheSameGoldFiguresAsSparkOnTheSameFiles() throws Exception {
    new OlistGenerator(0.01, 42).writeTo(landing, line -> {});

    DuckDbBaseline.Result r = DuckDbBaseline.run(landing);

    DuckDbBaseline.GoldCheck spark =
        new DuckDbBaseline.GoldCheck(
            1020,
            1114,
            new BigDecimal("136414.61"),
            new BigDecimal("18715.83"),
            68,
            1026,
            new BigDecimal("155263.99"));
    assertThat(r.check().differences(spark)).isEmpty();
    assertThat(r.seconds()).isPositive();
  }

  @Test
  void aDifferenceIsNamed() {
    DuckDbBaseline.GoldCheck a =
        new DuckDbBaseline.GoldCheck(
            1, 2, BigDecimal.ONE, BigDecimal.ONE, 3, 4, new BigDecimal("5.00"));
    DuckDbBaseline.GoldCheck b =
        new DuckDbBaseline.GoldCheck(
            1, 2, BigDecimal.ONE, BigDecimal.ONE, 3, 4, new BigDecimal("5.01"));
    assertThat(a.differences(b)).containsExactly("payment_mix total_value 5.00 vs 5.01");
    assertThat(a.differences(a)).isEmpty();
  }
}
