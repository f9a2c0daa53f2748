package dev.lakehouse.jobs.olist.silver;

import static dev.lakehouse.jobs.olist.silver.BronzeFixtures.bronze;
import static dev.lakehouse.jobs.olist.silver.BronzeFixtures.row;
import static dev.lakehouse.jobs.olist.silver.OlistSilverTransformsTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.delta.TableWrite;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobResult;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.RunOutcome;
import dev.lakehouse.common.testing.ConcurrentRuns;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteOlistToSilverTest {
  private static final String T1 = "2018-10-17 10:00:00";
  private static final String T2 = "2018-10-18 10:00:00";

  private final SparkSession spark = TestSpark.session();
  private final PromoteOlistToSilver job = new PromoteOlistToSilver();

  private static void ingest(
      JobContext ctx, SourceFile file, String batch, String at, String[]... rows) {
    BronzeFixtures.write(ctx, bronze(file, batch, at, rows), file);
  }

  private static void ingestBatch1(JobContext ctx) {
    String b = "b1";
    ingest(ctx, OlistTables.CATEGORY_TRANSLATION, b, T1, row("perfumaria", "perfumery"));
    ingest(
        ctx,
        OlistTables.PRODUCTS,
        b,
        T1,
        row("p1", "perfumaria", "40", "287", "1", "225", "16", "10", "14"));
    ingest(
        ctx,
        OlistTables.CUSTOMERS,
        b,
        T1,
        row("c1", "u1", "1037", "São Paulo", "SP"),
        row("c2", "u2", "20000", "rio de janeiro", "RJ"));
    ingest(ctx, OlistTables.SELLERS, b, T1, row("s1", "13023", "campinas", "SP"));
    ingest(
        ctx,
        OlistTables.GEOLOCATION,
        b,
        T1,
        row("1037", "-23.50", "-46.60", "São Paulo", "SP"),
        row("01037", "-23.70", "-46.80", "sao paulo", "SP"),
        row("01037", "40.71", "-74.01", "new york", "SP"));
    String[] o1 =
        row(
            "o1",
            "c1",
            "shipped",
            "2017-10-02 10:56:33",
            "2017-10-02 11:07:15",
            "2017-10-04 19:55:00",
            "",
            "2017-10-18 00:00:00");
    ingest(
        ctx,
        OlistTables.ORDERS,
        b,
        T1,
        o1,
        o1,
        row(
            "o2",
            "c2",
            "delivered",
            "2018-07-24 20:41:37",
            "2018-07-26 03:24:27",
            "2018-07-26 14:31:00",
            "2018-08-07 15:27:45",
            "2018-08-13 00:00:00"));
    ingest(
        ctx,
        OlistTables.ORDER_ITEMS,
        b,
        T1,
        row("o1", "1", "p1", "s1", "2017-10-06 11:07:15", "58.90", "13.29"),
        row("o2", "1", "p1", "s1", "2018-07-30 03:24:27", "12,5a", "1.00"));
    ingest(
        ctx,
        OlistTables.PAYMENTS,
        b,
        T1,
        row("o1", "1", "credit_card", "3", "72.19"),
        row("o2", "x", "boleto", "1", "10.00"));
    ingest(
        ctx,
        OlistTables.REVIEWS,
        b,
        T1,
        row("r1", "o1", "4", "", "", "2017-10-19 00:00:00", "2017-10-20 10:00:00"),
        row("r1", "o2", "4", "", "", "2017-10-19 00:00:00", "2017-10-20 10:00:00"));
  }

  private Dataset<Row> silver(JobContext ctx, SilverTable t) {
    return DeltaIO.read(spark, ctx.layout().path(t.silver()));
  }

  private Map<SilverTable, Long> silverCounts(JobContext ctx) {
    Map<SilverTable, Long> counts = new EnumMap<>(SilverTable.class);
    for (SilverTable t : SilverTable.values()) {
      counts.put(t, silver(ctx, t).count());
    }
    return counts;
  }

  /**
   * Two promotions of one batch at once, each in its own session of the shared Spark context (as
   * two schedulers' tasks would run): each either commits or fails with a clear message and exit 1,
   * no silver table ever holds a key twice, and a re-run converges on what one promotion alone
   * writes.
   */
  @Test
  @Tag("slow") // three silver promotions (about 100 s); GitHub CI runs it, see README Development
  void concurrentPromotionsOfOneBatchLeaveNoDuplicate(@TempDir Path root) throws Exception {
    JobContext ctx = TestSpark.context(root, "b1", null);
    ingestBatch1(ctx);
    List<RunOutcome> outcomes =
        ConcurrentRuns.together(
            spark,
            2,
            session -> JobRunner.execute(session, job, TestSpark.context(root, "b1", null)));
    ConcurrentRuns.assertOneWonTheRestWereRefused(outcomes);
    for (SilverTable t : SilverTable.values()) {
      Column[] keys = t.keys().stream().map(functions::col).toArray(Column[]::new);
      assertThat(silver(ctx, t).groupBy(keys).count().filter("count > 1").count())
          .as("keys held twice in %s", t.silver())
          .isZero();
    }
    RunOutcome rerun = JobRunner.execute(spark, job, TestSpark.context(root, "b1", null));
    assertThat(rerun.exitCode()).isEqualTo(ExitCode.SUCCESS);
    // What one promotion of batch 1 alone writes (see the test below).
    Map<SilverTable, Long> expected = new EnumMap<>(SilverTable.class);
    expected.put(SilverTable.CUSTOMERS, 2L);
    expected.put(SilverTable.SELLERS, 1L);
    expected.put(SilverTable.PRODUCTS, 1L);
    expected.put(SilverTable.CATEGORY_TRANSLATION, 1L);
    expected.put(SilverTable.GEOLOCATION, 1L);
    expected.put(SilverTable.ORDERS, 2L);
    expected.put(SilverTable.ORDER_ITEMS, 1L);
    expected.put(SilverTable.PAYMENTS, 1L);
    expected.put(SilverTable.REVIEWS, 2L);
    assertThat(silverCounts(ctx)).isEqualTo(expected);
    assertThat(lines(silver(ctx, SilverTable.ORDER_ITEMS), "order_id", "order_item_id", "price"))
        .containsExactly("o1|1|58.90");
  }

  @Test
  void promotesBatchesIdempotentlyAndAccountsForEveryRow(@TempDir Path root) {
    JobContext b1 = TestSpark.context(root, "b1", null);
    ingestBatch1(b1);

    // First batch: every table created, every bronze row accounted for.
    SilverPromotion first = job.promote(spark, b1);
    for (TableAccount a : first.tables()) {
      assertThat(a.bronzeRows())
          .as(a.table())
          .isEqualTo(a.silverRows() + a.duplicates() + a.quarantined() + a.outsideBrazil());
      assertThat(a.write().rowsWritten()).as(a.table()).isEqualTo(a.silverRows());
    }
    TableAccount orders = first.table(SilverTable.ORDERS);
    assertThat(orders.bronzeRows()).isEqualTo(3);
    assertThat(orders.silverRows()).isEqualTo(2);
    assertThat(orders.duplicates()).isEqualTo(1);
    TableAccount items = first.table(SilverTable.ORDER_ITEMS);
    assertThat(items.silverRows()).isEqualTo(1);
    assertThat(items.quarantined()).isEqualTo(1);
    assertThat(first.table(SilverTable.PAYMENTS).quarantined()).isEqualTo(1);
    assertThat(first.table(SilverTable.REVIEWS).silverRows()).isEqualTo(2);
    TableAccount geo = first.table(SilverTable.GEOLOCATION);
    assertThat(geo.line())
        .startsWith(
            "silver.olist.geolocation: 3 bronze rows → 1 silver rows (1 duplicates collapsed,"
                + " 0 quarantined, 1 outside Brazil) WRITE +1 ~0 (v0, ");
    JobResult result = first.toJobResult();
    assertThat(result.rowsIn()).isEqualTo(17);
    assertThat(result.rowsOut()).isEqualTo(12);

    Dataset<Row> quarantine = DeltaIO.read(spark, b1.layout().quarantine("olist", "order_items"));
    assertThat(lines(quarantine, "_batch_id", "job", "layer", "reason"))
        .containsExactly(
            "b1|olist.promote_silver|silver|price '12,5a' is not an amount with at most 2 decimal"
                + " places");
    assertThat(lines(quarantine, "raw"))
        .allSatisfy(r -> assertThat(r).contains("\"order_id\":\"o2\""));
    assertThat(lines(silver(b1, SilverTable.CUSTOMERS), "customer_id", "zip_code_prefix", "city"))
        .containsExactlyInAnyOrder("c1|01037|são paulo", "c2|20000|rio de janeiro");
    assertThat(
            lines(
                silver(b1, SilverTable.PRODUCTS),
                "product_id",
                "category_name_english",
                "name_length"))
        .containsExactly("p1|perfumery|40");
    assertThat(lines(silver(b1, SilverTable.ORDER_ITEMS), "order_id", "order_item_id", "price"))
        .containsExactly("o1|1|58.90");

    // Second batch: o1 delivered now, o2 unchanged, o3 new.
    ingest(
        b1,
        OlistTables.ORDERS,
        "b2",
        T2,
        row(
            "o1",
            "c1",
            "delivered",
            "2017-10-02 10:56:33",
            "2017-10-02 11:07:15",
            "2017-10-04 19:55:00",
            "2017-10-10 21:25:13",
            "2017-10-18 00:00:00"),
        row(
            "o2",
            "c2",
            "delivered",
            "2018-07-24 20:41:37",
            "2018-07-26 03:24:27",
            "2018-07-26 14:31:00",
            "2018-08-07 15:27:45",
            "2018-08-13 00:00:00"),
        row("o3", "c2", "invoiced", "2018-08-08 08:38:49", "", "", "", "2018-09-04 00:00:00"));
    JobContext b2 = TestSpark.context(root, "b2", null);
    SilverPromotion second = job.promote(spark, b2);
    TableWrite ordersWrite = second.table(SilverTable.ORDERS).write();
    assertThat(ordersWrite.operation()).isEqualTo("MERGE");
    assertThat(ordersWrite.rowsInserted()).isEqualTo(1);
    assertThat(ordersWrite.rowsUpdated()).isEqualTo(1);
    assertThat(second.toJobResult().rowsOut()).isEqualTo(2);
    assertThat(
            lines(
                silver(b2, SilverTable.ORDERS),
                "order_id",
                "order_status",
                "delivered_customer_at",
                "_batch_id"))
        .containsExactlyInAnyOrder(
            "o1|delivered|2017-10-10 21:25:13|b2",
            "o2|delivered|2018-08-07 15:27:45|b1",
            "o3|invoiced|null|b2");
    // The same batch again: nothing left to write, nothing quarantined twice.
    SilverPromotion again = job.promote(spark, TestSpark.context(root, "b2", null));
    assertThat(again.toJobResult().rowsOut()).isZero();
    assertThat(again.tables()).allSatisfy(a -> assertThat(a.write().rowsWritten()).isZero());
    // Worked out by hand: batch 1's rows, plus o3.
    Map<SilverTable, Long> expected = new EnumMap<>(SilverTable.class);
    for (SilverTable t : SilverTable.values()) {
      expected.put(t, first.table(t).silverRows());
    }
    expected.put(SilverTable.ORDERS, 3L);
    assertThat(silverCounts(b2)).isEqualTo(expected);
    assertThat(DeltaIO.read(spark, b1.layout().quarantine("olist", "order_items")).count())
        .isEqualTo(1);

    assertThatThrownBy(() -> job.promote(spark, TestSpark.context(root, "b9", null)))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("Batch 'b9' is not in bronze.olist.*")
        .extracting(e -> ((LakehouseException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void refusesToRunWithoutBronze(@TempDir Path root) {
    assertThatThrownBy(() -> job.promote(spark, TestSpark.context(root, "b1", null)))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("Bronze tables missing: bronze.olist.category_translation")
        .hasMessageContaining("run olist.ingest_bronze first")
        .extracting(e -> ((LakehouseException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }
}
