package dev.lakehouse.jobs.kamis.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.testing.TeeOutput;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the fixture silver tables: six Delta marts through the real rule suites of
 * {@code dq-rules/kamis}, re-runnable, and a failed hard rule publishing nothing.
 */
class BuildKamisGoldTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** Rows per mart on the fixtures (derived in {@link KamisMartsTest}). */
  private static final Map<String, Long> ROWS =
      Map.of(
          "daily_price_board", 31L,
          "price_trends", 31L,
          "channel_comparison", 3L,
          "eco_premium", 2L,
          "regional_spread", 2L,
          "seasonality", 16L);

  @Test
  void writesEveryMartReRunsToSameContentAndAFailedGateLeavesGoldUntouched(@TempDir Path root) {
    TeeOutput out = new TeeOutput();
    JobContext ctx = withProgress(TestSpark.context(root, null, null), out);
    KamisGoldFixtures.writeSilver(SPARK, ctx.layout());

    JobResult first = new BuildKamisGold().run(SPARK, ctx);

    assertThat(first.rowsIn()).isEqualTo(KamisGoldFixtures.silverRows()).isEqualTo(40);
    assertThat(first.rowsOut()).isEqualTo(85);
    assertThat(first.writes())
        .extracting(TableWrite::table)
        .containsExactlyElementsOf(KamisMarts.NAMES.stream().map(n -> "gold.kamis." + n).toList());
    Map<String, List<String>> content = new LinkedHashMap<>();
    for (TableWrite w : first.writes()) {
      String mart = mart(w);
      assertThat(w.operation()).isEqualTo("OVERWRITE");
      assertThat(w.version()).as(mart).isZero();
      assertThat(w.rowsWritten()).as(mart).isEqualTo(ROWS.get(mart));
      assertThat(w.path()).isEqualTo(ctx.layout().path(TableId.gold("kamis", mart)));
      content.put(mart, all(DeltaIO.read(SPARK, w.path())));
    }
    assertThat(content.get("eco_premium"))
        .anyMatch(l -> l.contains("5270.00") && l.contains("2063.50") && l.contains("64.35"));
    String log = out.text();
    assertThat(log)
        .contains("read silver.kamis (40 rows)")
        .contains("not paired in some marts: 1 eco region-days without a conventional price")
        .contains("wrote gold.kamis.daily_price_board: 31 rows, version 0,")
        .contains("wrote gold.kamis.seasonality: 16 rows, version 0,");

    JobResult second = new BuildKamisGold().run(SPARK, ctx);

    assertThat(second.rowsOut()).isEqualTo(first.rowsOut());
    for (TableWrite w : second.writes()) {
      assertThat(w.version()).as(mart(w)).isEqualTo(1);
      assertThat(all(DeltaIO.read(SPARK, w.path()))).as(mart(w)).isEqualTo(content.get(mart(w)));
    }

    // A negative price reaches silver: price_positive (an error rule) fails, nothing is published.
    List<Row> bad = new ArrayList<>(KamisGoldFixtures.prices());
    bad.add(KamisGoldFixtures.price("2024-10-30", "211", "04", false, "3911", "", "-5"));
    KamisGoldFixtures.writeSilver(SPARK, ctx.layout(), bad);

    LakehouseException e =
        catchThrowableOfType(() -> new BuildKamisGold().run(SPARK, ctx), LakehouseException.class);

    assertThat(e.exitCode()).isEqualTo(ExitCode.QUALITY_GATE);
    assertThat(e.getMessage()).contains("gold.kamis.daily_price_board").contains("price_positive");
    for (TableWrite w : second.writes()) {
      assertThat(DeltaIO.version(SPARK, w.path())).as(mart(w)).isEqualTo(1);
      assertThat(all(DeltaIO.read(SPARK, w.path()))).as(mart(w)).isEqualTo(content.get(mart(w)));
    }
    String quarantine = ctx.layout().quarantine("kamis", "daily_price_board");
    assertThat(DeltaIO.read(SPARK, quarantine).filter("reason LIKE '%price_positive%'").count())
        .isEqualTo(1);
  }

  @Test
  void missingSilverTableIsAUsageErrorNamingIt(@TempDir Path root) {
    JobContext ctx = TestSpark.context(root, null, null);
    LakehouseException e =
        catchThrowableOfType(() -> new BuildKamisGold().run(SPARK, ctx), LakehouseException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage())
        .contains("silver.kamis.item_prices")
        .contains("run the KAMIS bronze and silver jobs first");
  }

  @Test
  void nameIsStable() {
    assertThat(new BuildKamisGold().name()).isEqualTo("kamis.build_gold");
  }

  private static String mart(TableWrite w) {
    return w.table().substring("gold.kamis.".length());
  }

  /** Every row as text, sorted: the content of a table, whatever its file layout. */
  private static List<String> all(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static JobContext withProgress(JobContext c, TeeOutput out) {
    return new JobContext(
        c.runId(),
        c.batchId(),
        c.source(),
        c.runDate(),
        c.from(),
        c.to(),
        c.settings(),
        c.layout(),
        new Progress(out.stream()));
  }
}
