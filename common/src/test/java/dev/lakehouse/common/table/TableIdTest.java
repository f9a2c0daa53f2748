package dev.lakehouse.common.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableIdTest {
  @Test
  void parsesAndPrints() {
    TableId t = TableId.parse("silver.olist.orders");
    assertThat(t).isEqualTo(TableId.silver("olist", "orders"));
    assertThat(t.toString()).isEqualTo("silver.olist.orders");
  }

  @Test
  void rejectsBadNames() {
    assertThatThrownBy(() -> TableId.parse("orders"))
        .hasMessageContaining("<layer>.<domain>.<table>");
    assertThatThrownBy(() -> TableId.parse("platinum.olist.orders"))
        .hasMessageContaining("unknown layer 'platinum'");
    assertThatThrownBy(() -> TableId.parse("gold.olist.Daily-Sales"))
        .hasMessageContaining("Invalid table name");
  }

  @Test
  void layoutMapsTablesToPaths() {
    TableLayout local = new TableLayout("/data/lake/");
    assertThat(local.path(TableId.gold("olist", "daily_sales")))
        .isEqualTo("/data/lake/gold/olist/daily_sales");
    assertThat(local.quarantine("olist", "orders"))
        .isEqualTo("/data/lake/_quarantine/olist/orders");
    assertThat(local.jobRuns()).isEqualTo("/data/lake/_ops/job_runs");
    TableLayout s3 = new TableLayout("s3a://bucket/prefix/");
    assertThat(s3.path(TableId.bronze("olist", "orders")))
        .isEqualTo("s3a://bucket/prefix/bronze/olist/orders");
    assertThat(new TableLayout("rel").root()).startsWith("/").endsWith("/rel");
  }
}
