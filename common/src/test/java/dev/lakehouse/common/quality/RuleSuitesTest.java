package dev.lakehouse.common.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.table.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSuitesTest {
  private static final String SUITE =
      "suite = silver.shop.orders\n"
          + "checks = [ { name = a, kind = row_count, min = 1, severity = error } ]\n";

  @Test
  void pathFollowsDomainLayerAndTable() {
    assertThat(RuleSuites.relativePath(TableId.silver("olist", "orders")))
        .isEqualTo("olist/silver_orders.conf");
    assertThat(RuleSuites.relativePath(TableId.gold("olist", "daily_sales")))
        .isEqualTo("olist/gold_daily_sales.conf");
  }

  @Test
  void explicitFolderIsTheOnlyPlaceSearched(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/silver_orders.conf"), SUITE);
    RuleSuites suites = new RuleSuites(Optional.of(dir));
    assertThat(suites.exists(Fixtures.ORDERS)).isTrue();
    RuleSuite s = suites.load(Fixtures.ORDERS, Fixtures.ORDERS_SCHEMA);
    assertThat(s.source()).isEqualTo(dir.resolve("shop/silver_orders.conf").toString());
    assertThat(s.rules()).hasSize(1);

    TableId other = TableId.gold("shop", "sales");
    assertThat(suites.exists(other)).isFalse();
    assertThatThrownBy(() -> suites.load(other, null))
        .isInstanceOf(LakehouseException.class)
        .satisfies(e -> assertThat(((LakehouseException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(dir.resolve("shop/gold_sales.conf").toString())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("bin/lakehouse dq suggest gold.shop.sales");
  }

  @Test
  void defaultsToWorkingFolderThenClassPath(@TempDir Path dir) throws Exception {
    RuleSuites suites = new RuleSuites(null, dir.resolve("dq-rules"), "dq");
    // Not in the working folder: found on the class path (src/test/resources/dq/...).
    assertThat(suites.location(Fixtures.ORDERS))
        .hasValueSatisfying(u -> assertThat(u).endsWith("dq/shop/silver_orders.conf"));
    assertThat(suites.load(Fixtures.ORDERS, Fixtures.ORDERS_SCHEMA).source())
        .isEqualTo("dq/shop/silver_orders.conf");

    // The working folder wins over the class path.
    Files.createDirectories(dir.resolve("dq-rules/shop"));
    Files.writeString(dir.resolve("dq-rules/shop/silver_orders.conf"), SUITE);
    assertThat(suites.load(Fixtures.ORDERS, Fixtures.ORDERS_SCHEMA).rules()).hasSize(1);

    assertThatThrownBy(() -> suites.load(Fixtures.CUSTOMERS, null))
        .hasMessageContaining("shop/silver_customers.conf")
        .hasMessageContaining("nor on the class path under dq/");
  }

  @Test
  void blankSettingMeansDefaults() {
    assertThat(RuleSuites.of(" ").expectedPath(Fixtures.ORDERS))
        .isEqualTo(Path.of("dq-rules", "shop", "silver_orders.conf").toString());
    assertThat(RuleSuites.of("/etc/rules").expectedPath(Fixtures.ORDERS))
        .isEqualTo("/etc/rules/shop/silver_orders.conf");
  }

  @Test
  void fileUriAndHadoopUriSettings(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/silver_orders.conf"), SUITE);
    RuleSuites byUri = RuleSuites.of(dir.toUri().toString());
    assertThat(byUri.load(Fixtures.ORDERS, Fixtures.ORDERS_SCHEMA).rules()).hasSize(1);

    // A Hadoop URI is read through Hadoop's FileSystem API; an unusable one is a config error.
    RuleSuites remote = RuleSuites.of("nosuchfs://bucket/rules/", null);
    assertThat(remote.expectedPath(Fixtures.ORDERS))
        .isEqualTo("nosuchfs://bucket/rules/shop/silver_orders.conf");
    assertThatThrownBy(() -> remote.load(Fixtures.ORDERS, Fixtures.ORDERS_SCHEMA))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.quality.rules-dir")
        .hasMessageContaining("nosuchfs://bucket/rules/shop/silver_orders.conf");
  }
}
