package dev.lakehouse.common.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.spark.LakehouseSession;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageConfTest {
  private static LakehouseSettings load(Map<String, String> env) {
    return SettingsLoader.load(env, Map.of());
  }

  @Test
  void fileTransportByDefaultIntoTheRoot() {
    LakehouseSettings s = load(Map.of("LAKEHOUSE_ROOT", "/tmp/lh"));
    Map<String, String> c = LakehouseSession.sparkConf(s);
    assertThat(c)
        .containsEntry("spark.extraListeners", LineageConf.LISTENER)
        .containsEntry("spark.openlineage.transport.type", "file")
        .containsEntry("spark.openlineage.transport.location", "/tmp/lh/_lineage/events.ndjson")
        .containsEntry("spark.openlineage.namespace", "lakehouse")
        .doesNotContainKey("spark.openlineage.transport.url");
  }

  @Test
  void relativeLocalRootIsMadeAbsolute() {
    Map<String, String> c = LineageConf.sparkConf(load(Map.of("LAKEHOUSE_ROOT", "lh-data")));
    assertThat(c.get("spark.openlineage.transport.location"))
        .isEqualTo(Path.of("lh-data/_lineage/events.ndjson").toAbsolutePath().toString());
  }

  @Test
  void httpWithBoundedTimeoutAndOptionalApiKey() {
    Map<String, String> c =
        LineageConf.sparkConf(
            load(
                Map.of(
                    "LINEAGE_TRANSPORT", "http",
                    "LINEAGE_URL", "http://marquez:5000",
                    "LINEAGE_NAMESPACE", "prod")));
    assertThat(c)
        .containsEntry("spark.openlineage.transport.type", "http")
        .containsEntry("spark.openlineage.transport.url", "http://marquez:5000")
        .containsEntry("spark.openlineage.transport.endpoint", "/api/v1/lineage")
        .containsEntry("spark.openlineage.transport.timeoutInMillis", "5000")
        .containsEntry("spark.openlineage.namespace", "prod")
        .doesNotContainKeys(
            "spark.openlineage.transport.auth.type", "spark.openlineage.transport.auth.apiKey");

    Map<String, String> withKey =
        LineageConf.sparkConf(
            load(
                Map.of(
                    "LINEAGE_TRANSPORT", "http",
                    "LINEAGE_URL", "http://marquez:5000",
                    "LINEAGE_API_KEY", "k-123")));
    assertThat(withKey)
        .containsEntry("spark.openlineage.transport.auth.type", "api_key")
        .containsEntry("spark.openlineage.transport.auth.apiKey", "k-123");
  }

  @Test
  void httpTimeoutComesFromTheSettings() {
    Map<String, String> c =
        LineageConf.sparkConf(
            load(
                Map.of(
                    "LINEAGE_TRANSPORT", "http",
                    "LINEAGE_URL", "http://marquez:5000",
                    "LINEAGE_TIMEOUT", "750ms")));
    assertThat(c).containsEntry("spark.openlineage.transport.timeoutInMillis", "750");
    assertThatThrownBy(() -> load(Map.of("LINEAGE_TIMEOUT", "soon")))
        .hasMessageContaining("lakehouse.lineage.timeout");
    assertThatThrownBy(() -> load(Map.of("LINEAGE_TIMEOUT", "0s")))
        .hasMessageContaining("lakehouse.lineage.timeout");
  }

  @Test
  void fileOnObjectStoreGoesToTheLocalDefaultRoot() {
    // OpenLineage's file transport writes local files only.
    Map<String, String> c =
        LineageConf.sparkConf(load(Map.of("LAKEHOUSE_ROOT", "s3a://bucket/data")));
    assertThat(c)
        .containsEntry("spark.openlineage.transport.type", "file")
        .containsEntry(
            "spark.openlineage.transport.location",
            Path.of("lakehouse-data/_lineage/events.ndjson").toAbsolutePath().toString());
  }

  @Test
  void anyRemoteRootKeepsTheFileLocal() {
    assertThat(
            LineageConf.sparkConf(load(Map.of("LAKEHOUSE_ROOT", "hdfs://namenode/lake")))
                .get("spark.openlineage.transport.location"))
        .isEqualTo(Path.of("lakehouse-data/_lineage/events.ndjson").toAbsolutePath().toString());
  }

  @Test
  void lineageFileSettingWins() {
    Map<String, String> c =
        LineageConf.sparkConf(
            load(Map.of("LAKEHOUSE_ROOT", "s3a://bucket/data", "LINEAGE_FILE", "/tmp/ol.ndjson")));
    assertThat(c).containsEntry("spark.openlineage.transport.location", "/tmp/ol.ndjson");
    assertThat(
            LineageConf.sparkConf(load(Map.of("LAKEHOUSE_ROOT", "file:/tmp/lh")))
                .get("spark.openlineage.transport.location"))
        .isEqualTo("/tmp/lh/_lineage/events.ndjson");
  }

  @Test
  void noneTurnsTheListenerOff() {
    Map<String, String> c = LakehouseSession.sparkConf(load(Map.of("LINEAGE_TRANSPORT", "none")));
    assertThat(c.keySet()).noneMatch(k -> k.startsWith("spark.openlineage."));
    assertThat(c).doesNotContainKey("spark.extraListeners");
  }

  @Test
  void parentRunIsNeverSetByTheBuilder() {
    // A parent handed in with spark-submit --conf must stay the parent.
    Map<String, String> c = LineageConf.sparkConf(load(Map.of()));
    assertThat(c)
        .doesNotContainKeys(
            LineageConf.PARENT_JOB_NAME,
            LineageConf.PARENT_RUN_ID,
            LineageConf.PARENT_JOB_NAMESPACE);
  }
}
