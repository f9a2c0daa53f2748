package dev.lakehouse.common.config;

import java.util.Map;

/**
 * Every setting a job needs, read once from Typesafe Config by {@link SettingsLoader} and validated
 * there. Immutable; nothing below the runner reads {@code Config}.
 */
public record LakehouseSettings(
    String env,
    String root,
    SparkSettings spark,
    S3Settings s3,
    LineageSettings lineage,
    KamisSettings kamis,
    AlertSettings alert,
    QualitySettings quality) {

  /**
   * Quality gate settings.
   *
   * @param rulesDir folder of the rule suites; empty: ./dq-rules, then dq-rules/ on the class path
   * @param alertOnWarnings also alert when only warning rules failed
   */
  public record QualitySettings(String rulesDir, boolean alertOnWarnings) {}

  /** Spark session settings. */
  public record SparkSettings(
      String defaultMaster,
      int shufflePartitions,
      String sessionTimeZone,
      Map<String, String> extra) {}

  /**
   * S3A settings; credentials never live here (AWS credential chain only).
   *
   * @param endpoint S3-compatible endpoint URL; empty: AWS's endpoint for the region
   * @param pathStyleAccess bucket in the path rather than the host name (MinIO, S3Proxy)
   * @param region the bucket's region; empty: the SDK's own lookup
   * @param serverSideEncryption empty, {@code SSE-S3} or {@code SSE-KMS}
   * @param kmsKeyId the KMS key for {@code SSE-KMS}; empty: the account's default S3 key
   * @param directoryMarkerRetention {@code keep} (see reference.conf) or {@code delete}
   */
  public record S3Settings(
      String endpoint,
      boolean pathStyleAccess,
      String region,
      String serverSideEncryption,
      String kmsKeyId,
      String directoryMarkerRetention) {}

  /**
   * OpenLineage settings.
   *
   * @param file the file transport's local file; empty: {@code <root>/_lineage/events.ndjson} on a
   *     local root, {@code ./lakehouse-data/_lineage/events.ndjson} on an object-store root
   */
  public record LineageSettings(
      String transport, String url, String apiKey, String namespace, String file) {
    @Override
    public String toString() {
      return "LineageSettings[transport="
          + transport
          + ", url="
          + url
          + ", apiKey="
          + (apiKey.isEmpty() ? "" : "***")
          + ", namespace="
          + namespace
          + ", file="
          + file
          + "]";
    }
  }

  /** KAMIS OpenAPI settings. */
  public record KamisSettings(String baseUrl, String certKey, String certId) {
    @Override
    public String toString() {
      return "KamisSettings[baseUrl="
          + baseUrl
          + ", certKey="
          + (certKey.isEmpty() ? "" : "***")
          + ", certId="
          + (certId.isEmpty() ? "" : "***")
          + "]";
    }
  }

  /** Alerting settings. */
  public record AlertSettings(String webhookUrl) {
    @Override
    public String toString() {
      return "AlertSettings[webhookUrl=" + (webhookUrl.isEmpty() ? "" : "***") + "]";
    }
  }

  /** True when the lakehouse root is on object storage. */
  public boolean rootOnS3() {
    return root.startsWith("s3a://") || root.startsWith("s3://");
  }
}
