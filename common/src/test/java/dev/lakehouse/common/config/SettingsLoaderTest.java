package dev.lakehouse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @Test
  void defaultsComeFromReferenceAndLocalConf() {
    LakehouseSettings s = SettingsLoader.load(Map.of(), Map.of());
    assertThat(s.env()).isEqualTo("local");
    assertThat(s.root()).isEqualTo("lakehouse-data");
    assertThat(s.lineage().transport()).isEqualTo("file");
    assertThat(s.spark().shufflePartitions()).isEqualTo(8);
    assertThat(s.s3().directoryMarkerRetention()).isEqualTo("keep");
  }

  @Test
  void environmentVariablesOverrideFiles() {
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of(
                "LAKEHOUSE_ROOT", "s3a://bucket/prefix",
                "S3_ENDPOINT", "http://127.0.0.1:9000",
                "LINEAGE_TRANSPORT", "http",
                "LINEAGE_URL", "http://127.0.0.1:5000",
                "LINEAGE_API_KEY", "secret-key",
                "KAMIS_CERT_KEY", "kamis-secret",
                "ALERT_WEBHOOK_URL", "http://127.0.0.1:1/hook"),
            Map.of());
    assertThat(s.root()).isEqualTo("s3a://bucket/prefix");
    assertThat(s.rootOnS3()).isTrue();
    assertThat(s.s3().endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(s.lineage().transport()).isEqualTo("http");
    assertThat(s.kamis().certKey()).isEqualTo("kamis-secret");
    assertThat(s.toString()).doesNotContain("secret-key", "kamis-secret", "/hook");
  }

  @Test
  void dockerEnvironmentSelectsItsFile() {
    LakehouseSettings s = SettingsLoader.load(Map.of("LAKEHOUSE_ENV", "docker"), Map.of());
    assertThat(s.env()).isEqualTo("docker");
    assertThat(s.root()).startsWith("s3a://");
    assertThat(s.s3().pathStyleAccess()).isTrue();
  }

  @Test
  void emrNeedsAnExplicitRoot() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("LAKEHOUSE_ENV", "emr"), Map.of()))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.root")
        .hasMessageContaining("LAKEHOUSE_ROOT");
  }

  @Test
  void unknownEnvironmentIsAUsageError() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("LAKEHOUSE_ENV", "prod"), Map.of()))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("prod")
        .hasMessageContaining("docker, emr, local");
  }

  @Test
  void badRootsAreRejected() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("LAKEHOUSE_ROOT", "ftp://x/y"), Map.of()))
        .hasMessageContaining("scheme 'ftp'");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("LAKEHOUSE_ROOT", "s3a:///nobucket"), Map.of()))
        .hasMessageContaining("without a bucket");
  }

  @Test
  void badLineageTransportNamesTheSetting() {
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("LINEAGE_TRANSPORT", "kafka"), Map.of()))
        .hasMessageContaining("lakehouse.lineage.transport")
        .hasMessageContaining("http, file, console, none");
    assertThatThrownBy(() -> SettingsLoader.load(Map.of("LINEAGE_TRANSPORT", "http"), Map.of()))
        .hasMessageContaining("LINEAGE_URL");
  }

  @Test
  void confDirectoryFromEnvironmentIsUsed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("local.conf"), "lakehouse.spark.shuffle-partitions = 3\n");
    LakehouseSettings s =
        SettingsLoader.load(Map.of("LAKEHOUSE_CONF_DIR", dir.toString()), Map.of());
    assertThat(s.spark().shufflePartitions()).isEqualTo(3);
  }

  @Test
  void wrongTypeNamesTheKey(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("local.conf"), "lakehouse.spark.shuffle-partitions = many\n");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("LAKEHOUSE_CONF_DIR", dir.toString()), Map.of()))
        .hasMessageContaining("shuffle-partitions");
  }

  @Test
  void kamisDefaultsAreSmallAndTyped() {
    LakehouseSettings.KamisSettings k = SettingsLoader.load(Map.of(), Map.of()).kamis();
    assertThat(k.baseUrl()).isEqualTo("http://www.kamis.or.kr/service/price/xml.do");
    assertThat(k.requestsPerSecond()).isEqualTo(10.0);
    assertThat(k.requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(k.maxRetries()).isEqualTo(4);
    assertThat(k.productClasses()).containsExactly("01", "02");
    assertThat(k.categories()).containsExactly("100", "200", "300", "400", "500", "600");
    assertThat(k.regions()).containsExactly("", "1101", "2100");
    assertThat(k.periodItems()).contains(new LakehouseSettings.KamisItem("200", "211", "01", "04"));
    assertThat(k.ecoItems()).isNotEmpty();
    assertThat(k.convertKg()).isFalse();
    assertThat(k.hasCredentials()).isFalse();
  }

  @Test
  void kamisSettingsFromEnvironmentAndFiles(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("local.conf"),
        "lakehouse.kamis { requests-per-second = 2.5, retry.max-retries = 0,"
            + " regions = [\"3911\"], period-items = [{category = \"500\", item = \"4301\","
            + " kind = \"21\", rank = \"01\"}] }\n");
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of(
                "LAKEHOUSE_CONF_DIR", dir.toString(),
                "KAMIS_BASE_URL", "http://127.0.0.1:8080/service/price/xml.do",
                "KAMIS_CERT_KEY", "key-abcdef",
                "KAMIS_CERT_ID", "id-ghijkl"),
            Map.of());
    LakehouseSettings.KamisSettings k = s.kamis();
    assertThat(k.baseUrl()).isEqualTo("http://127.0.0.1:8080/service/price/xml.do");
    assertThat(k.requestsPerSecond()).isEqualTo(2.5);
    assertThat(k.maxRetries()).isZero();
    assertThat(k.regions()).containsExactly("3911");
    assertThat(k.periodItems())
        .containsExactly(new LakehouseSettings.KamisItem("500", "4301", "21", "01"));
    assertThat(k.hasCredentials()).isTrue();
    assertThat(s.toString()).doesNotContain("key-abcdef", "id-ghijkl").contains("certKey=***");
  }

  @Test
  void badKamisSettingsNameTheKey(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("local.conf"),
        "lakehouse.kamis.period-items = [{category = \"200\", item = \"211\", kind = 1,"
            + " rank = \"04\"}]\n");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("LAKEHOUSE_CONF_DIR", dir.toString()), Map.of()))
        .hasMessageContaining("lakehouse.kamis.period-items[0].kind");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of(), Map.of("lakehouse.kamis.retry.jitter", "1.5")))
        .hasMessageContaining("lakehouse.kamis.retry.jitter");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("KAMIS_BASE_URL", "www.kamis.or.kr"), Map.of()))
        .hasMessageContaining("lakehouse.kamis.base-url");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of(), Map.of("lakehouse.kamis.requests-per-second", "0")))
        .hasMessageContaining("requests-per-second");
  }

  @Test
  void s3CredentialsInSettingsAreRefused() {
    for (String key :
        new String[] {
          "spark.hadoop.fs.s3a.secret.key",
          "spark.hadoop.fs.s3a.access.key",
          "spark.hadoop.fs.s3a.bucket.lake.session.token"
        }) {
      assertThatThrownBy(
              () ->
                  SettingsLoader.load(
                      Map.of(), Map.of("lakehouse.spark.extra.\"" + key + "\"", "x")))
          .isInstanceOf(LakehouseException.class)
          .hasMessageContaining("lakehouse.spark.extra")
          .hasMessageContaining(key)
          .hasMessageContaining("AWS credential chain")
          .hasMessageNotContaining("=x");
    }
  }

  @Test
  void kmsKeyNeedsSseKms() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("S3_SERVER_SIDE_ENCRYPTION", "SSE-S3", "S3_SSE_KMS_KEY_ID", "k"),
                    Map.of()))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.s3.kms-key-id");
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of("S3_SERVER_SIDE_ENCRYPTION", "SSE-KMS", "S3_SSE_KMS_KEY_ID", "k"), Map.of());
    assertThat(s.s3().kmsKeyId()).isEqualTo("k");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("S3_SERVER_SIDE_ENCRYPTION", "AES"), Map.of()))
        .hasMessageContaining("lakehouse.s3.server-side-encryption");
  }

  @Test
  void s3SettingsFromTheEnvironment() {
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of("S3_PATH_STYLE_ACCESS", "true", "S3_REGION", "us-east-1"), Map.of());
    assertThat(s.s3().pathStyleAccess()).isTrue();
    assertThat(s.s3().region()).isEqualTo("us-east-1");
  }
}
