package dev.lakehouse.jobs.olist.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.lakehouse.jobs.olist.OlistTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on the fixture silver tables: seven Delta marts, re-runnable. */
class BuildOlistGoldTest {
  private static final SparkSession SPARK = TestSpark.session();

  /** Rows per mart on the fixtures (the golden files of {@link OlistMartsTest}). */
  private static final Map<String, Long> ROWS =
      Map.of(
          "daily_sales", 6L,
          "delivery_performance", 4L,
          "seller_scorecard", 3L,
          "customer_rfm", 5L,
          "review_vs_delivery", 7L,
          "payment_mix", 6L,
          "monthly_cohorts", 4L);

  @Test
  void writesEveryMartAndReRunWritesSameContentAsNewVersion(@TempDir Path root) {
    TeeOutput out = new TeeOutput();
    JobContext ctx = withProgress(TestSpark.context(root, null, null), out);
    GoldFixtures.copySilverTo(SPARK, root);

    JobResult first = new BuildOlistGold().run(SPARK, ctx);

    assertThat(first.rowsIn()).isEqualTo(GoldFixtures.SILVER_ROWS);
    assertThat(first.rowsOut()).isEqualTo(35);
    assertThat(first.writes())
        .extracting(TableWrite::table)
        .containsExactlyElementsOf(OlistMarts.NAMES.stream().map(n -> "gold.olist." + n).toList());
    Map<String, List<String>> content = new LinkedHashMap<>();
    for (TableWrite w : first.writes()) {
      String mart = w.table().substring("gold.olist.".length());
      assertThat(w.operation()).isEqualTo("OVERWRITE");
      assertThat(w.version()).isZero();
      assertThat(w.rowsWritten()).as(mart).isEqualTo(ROWS.get(mart));
      String path = ctx.layout().path(TableId.gold(OlistTables.DOMAIN, mart));
      assertThat(w.path()).isEqualTo(path);
      assertThat(DeltaIO.exists(SPARK, path)).isTrue();
      List<String> lines = Golden.lines(DeltaIO.read(SPARK, path));
      Golden.assertMatches(mart, lines);
      content.put(mart, sorted(lines));
    }
    String log = out.text();
    assertThat(log)
        .contains("read silver.olist (" + GoldFixtures.SILVER_ROWS + " rows)")
        .contains("left out of some marts: 1 payments without order")
        .contains("wrote gold.olist.daily_sales: 6 rows, version 0,")
        .contains("wrote gold.olist.monthly_cohorts: 4 rows, version 0,");

    JobResult second = new BuildOlistGold().run(SPARK, ctx);

    assertThat(second.rowsIn()).isEqualTo(first.rowsIn());
    assertThat(second.rowsOut()).isEqualTo(first.rowsOut());
    for (TableWrite w : second.writes()) {
      String mart = w.table().substring("gold.olist.".length());
      assertThat(w.version()).as(mart).isEqualTo(1);
      assertThat(sorted(Golden.lines(DeltaIO.read(SPARK, w.path()))))
          .as(mart)
          .isEqualTo(content.get(mart));
    }
  }

  @Test
  void missingSilverTableIsAUsageErrorNamingIt(@TempDir Path root) {
    JobContext ctx = TestSpark.context(root, null, null);
    assertThatThrownBy(() -> new BuildOlistGold().run(SPARK, ctx))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("silver.olist.orders")
        .hasMessageContaining("run the Olist bronze and silver jobs first")
        .extracting(e -> ((LakehouseException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void nameIsStable() {
    assertThat(new BuildOlistGold().name()).isEqualTo("olist.build_gold");
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
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
