package dev.lakehouse.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakehouseSessionTest {
  @Test
  void deltaAndS3aSettings() {
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of("LAKEHOUSE_ENV", "docker", "S3_ENDPOINT", "http://127.0.0.1:9000"), Map.of());
    Map<String, String> c = LakehouseSession.sparkConf(s);
    assertThat(c)
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.directory.marker.retention", "keep")
        .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .doesNotContainKey("spark.master");
    assertThat(c.keySet()).noneMatch(k -> k.contains("secret") || k.contains("access.key"));
  }
}
