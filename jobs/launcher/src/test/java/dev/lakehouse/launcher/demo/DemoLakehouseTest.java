package dev.lakehouse.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.table.TableLayout;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The shared demo lakehouse holds both pipelines' layers and the lineage events file. */
class DemoLakehouseTest {
  @Test
  void demoBuiltBothPipelinesWithLineage() {
    TableLayout layout = new TableLayout(DemoLakehouse.root().toString());
    assertThat(DemoLakehouse.demoOutput()).contains("gold.olist.daily_sales", "gold.kamis");
    for (TableId id :
        new TableId[] {
          TableId.gold("olist", "daily_sales"), TableId.gold("kamis", "price_trends"),
        }) {
      assertThat(DeltaIO.read(DemoLakehouse.spark(), layout.path(id)).count())
          .as(id.toString())
          .isPositive();
    }
    assertThat(DemoLakehouse.root().resolve("_lineage").resolve("events.ndjson"))
        .satisfies(p -> assertThat(Files.size(p)).isPositive());
  }
}
