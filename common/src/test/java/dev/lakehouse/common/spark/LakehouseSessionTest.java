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

  @Test
  void s3aSettingsFromTheEnvironment() {
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of(
                "LAKEHOUSE_ROOT", "s3a://bucket/lake",
                "S3_ENDPOINT", "https://s3.example.test",
                "S3_PATH_STYLE_ACCESS", "true",
                "S3_REGION", "eu-west-1",
                "S3_SERVER_SIDE_ENCRYPTION", "SSE-KMS",
                "S3_SSE_KMS_KEY_ID", "arn:aws:kms:eu-west-1:111122223333:key/abc"),
            Map.of());
    Map<String, String> c = LakehouseSession.sparkConf(s);
    assertThat(c)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "https://s3.example.test")
        .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "true")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1")
        .containsEntry("spark.hadoop.fs.s3a.encryption.algorithm", "SSE-KMS")
        .containsEntry(
            "spark.hadoop.fs.s3a.encryption.key", "arn:aws:kms:eu-west-1:111122223333:key/abc")
        .containsEntry(
            "spark.hadoop.fs.s3a.aws.credentials.provider", LakehouseSession.CREDENTIALS_PROVIDER);
  }

  @Test
  void awsDefaultsWithoutEndpointOrEncryption() {
    Map<String, String> c =
        LakehouseSession.sparkConf(
            SettingsLoader.load(Map.of("LAKEHOUSE_ROOT", "s3a://bucket/lake"), Map.of()));
    assertThat(c)
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "false")
        .containsEntry("spark.hadoop.fs.s3a.directory.marker.retention", "keep")
        .doesNotContainKeys(
            "spark.hadoop.fs.s3a.endpoint",
            "spark.hadoop.fs.s3a.endpoint.region",
            "spark.hadoop.fs.s3a.encryption.algorithm",
            "spark.hadoop.fs.s3a.encryption.key");
  }
}
