package dev.lakehouse.jobs.kamis.bronze;

import static dev.lakehouse.jobs.kamis.KamisTestContexts.context;
import static dev.lakehouse.jobs.kamis.KamisTestContexts.landing;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestKamisToBronzeTest {
  private final SparkSession spark = TestSpark.session();
  private final IngestKamisToBronze job = new IngestKamisToBronze();

  private Dataset<Row> bronze(JobContext ctx, KamisBronzeTable t) {
    return DeltaIO.read(spark, ctx.layout().path(t.bronze()));
  }

  private static Map<String, Long> writtenRows(JobResult r) {
    return r.writes().stream()
        .collect(Collectors.toMap(TableWrite::table, TableWrite::rowsWritten, Long::sum));
  }

  @Test
  void ingestsEveryActionOnceWithRowsAsReceived(@TempDir Path root) {
    JobContext ctx = context(root, null, landing("landing"), "2024-10-28", "2024-11-01");
    JobResult first = job.run(spark, ctx);

    assertThat(first.batchId()).contains("kamis-2024-10-28_2024-11-01");
    // Counted by hand from the fixtures: 6 + 3 + 6 + 2 + 3 + 6 rows; the slot without _SUCCESS
    // (2024-10-30) is not read, and the holiday envelope has no rows.
    assertThat(first.rowsIn()).isEqualTo(26);
    assertThat(first.rowsOut()).isEqualTo(26);
    assertThat(writtenRows(first))
        .containsEntry("bronze.kamis.daily_price_by_category", 6L)
        .containsEntry("bronze.kamis.daily_sales", 3L)
        .containsEntry("bronze.kamis.period_retail_prices", 6L)
        .containsEntry("bronze.kamis.period_wholesale_prices", 2L)
        .containsEntry("bronze.kamis.eco_prices", 3L)
        .containsEntry("bronze.kamis.product_info", 6L);

    Dataset<Row> daily = bronze(ctx, KamisBronzeTable.DAILY_PRICE_BY_CATEGORY);
    assertThat(daily.columns())
        .containsExactly(KamisBronzeTable.DAILY_PRICE_BY_CATEGORY.columns().toArray(String[]::new));
    Row cabbage =
        daily
            .filter(col("item_code").equalTo("211").and(col("_slot").equalTo("2024-10-31")))
            .first();
    assertThat(cabbage.<String>getAs("dpr1")).isEqualTo("3,513");
    assertThat(cabbage.<String>getAs("dpr4")).isEqualTo("-");
    assertThat(cabbage.<String>getAs("dpr5")).isEqualTo("[]");
    assertThat(cabbage.<String>getAs("dpr6")).isEqualTo("");
    assertThat(cabbage.<String>getAs("day1")).isEqualTo("당일 (10/31)");
    assertThat(cabbage.<String>getAs("kind_code")).isEqualTo("01");
    assertThat(cabbage.<String>getAs("p_country_code")).isEqualTo("");
    assertThat(cabbage.<String>getAs("p_regday")).isEqualTo("2024-10-31");
    assertThat(cabbage.<String>getAs("_source_file"))
        .endsWith("2024-10-31/cls01-cat200-region.json");
    assertThat(cabbage.getAs("_fetched_at").toString()).isEqualTo("2024-10-31 06:00:00.0");
    Row spinach = daily.filter(col("item_code").equalTo("213")).first();
    assertThat(spinach.<String>getAs("dpr1")).isNull();
    assertThat(daily.filter(col("_slot").equalTo("2024-10-30")).count()).isZero();
    // The single-row response arrived as an object, not a list.
    assertThat(daily.filter(col("p_country_code").equalTo("1101")).count()).isEqualTo(1);

    Row eco =
        bronze(ctx, KamisBronzeTable.ECO_PRICES).filter(col("countyname").equalTo("부산")).first();
    assertThat(eco.<String>getAs("seqnum")).isEqualTo("3");
    assertThat(eco.<String>getAs("price")).isNull();
    Row rice =
        bronze(ctx, KamisBronzeTable.DAILY_SALES).filter(col("productno").equalTo("272")).first();
    assertThat(rice.<String>getAs("value")).isEqualTo("[]");
    assertThat(rice.<String>getAs("lastest_day")).isEqualTo("2024-10-30");
    assertThat(
            bronze(ctx, KamisBronzeTable.PERIOD_RETAIL_PRICES)
                .filter(col("_slot").equalTo("2024-10-28_2024-10-31"))
                .count())
        .isEqualTo(6);

    // The same batch again: nothing appended, every table at its version, the same accounting.
    Map<String, Long> versions = versions(ctx);
    JobResult again =
        job.run(spark, context(root, null, landing("landing"), "2024-10-28", "2024-11-01"));
    assertThat(again.rowsIn()).isEqualTo(26);
    assertThat(again.rowsOut()).isEqualTo(26);
    assertThat(again.writes()).allSatisfy(w -> assertThat(w.operation()).isEqualTo("SKIPPED"));
    assertThat(versions(ctx)).isEqualTo(versions);
    assertThat(bronze(ctx, KamisBronzeTable.DAILY_PRICE_BY_CATEGORY).count()).isEqualTo(6);

    // Another range is another batch: only the slots of 2024-11-01.
    JobResult next =
        job.run(spark, context(root, null, landing("landing"), "2024-11-01", "2024-11-01"));
    assertThat(next.batchId()).contains("kamis-2024-11-01_2024-11-01");
    assertThat(next.rowsIn()).isEqualTo(3);
    assertThat(bronze(ctx, KamisBronzeTable.DAILY_PRICE_BY_CATEGORY).count()).isEqualTo(9);
  }

  private Map<String, Long> versions(JobContext ctx) {
    return List.of(KamisBronzeTable.values()).stream()
        .collect(
            Collectors.toMap(
                t -> t.tableName(), t -> DeltaIO.version(spark, ctx.layout().path(t.bronze()))));
  }

  @Test
  void quarantinesBrokenEnvelopesAndRowsAndNeverStoresCredentials(@TempDir Path root) {
    JobContext ctx = context(root, "bad-1", landing("landing-bad"), "2024-10-31", "2024-10-31");
    JobResult r = job.run(spark, ctx);

    // 4 files: 1 good row + 2 bad rows, a truncated file, an error payload, a holiday (no rows).
    assertThat(r.rowsIn()).isEqualTo(5);
    assertThat(r.rowsOut()).isEqualTo(1);
    Dataset<Row> q =
        DeltaIO.read(spark, ctx.layout().quarantine("kamis", "daily_price_by_category"));
    List<String> reasons =
        q.select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(reasons)
        .hasSize(4)
        .anySatisfy(s -> assertThat(s).startsWith("not valid JSON"))
        .anySatisfy(s -> assertThat(s).isEqualTo("row 2 is not a JSON object but STRING"))
        .anySatisfy(s -> assertThat(s).contains("[surprise]"))
        .anySatisfy(s -> assertThat(s).contains("no rows at data.item: found [\"900\"]"));
    assertThat(q.filter(col("job").equalTo(IngestKamisToBronze.NAME)).count()).isEqualTo(4);

    Dataset<Row> b = bronze(ctx, KamisBronzeTable.DAILY_PRICE_BY_CATEGORY);
    assertThat(b.columns()).doesNotContain("p_cert_key", "p_cert_id");
    for (Dataset<Row> stored : List.of(b, q)) {
      List<String> json = stored.toJSON().collectAsList();
      assertThat(String.join("\n", json))
          .doesNotContain("REALSECRET123")
          .doesNotContain("someone@example.org");
    }
  }
}
