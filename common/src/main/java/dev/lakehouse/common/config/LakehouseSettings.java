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

  /** S3A settings; credentials never live here (AWS credential chain only). */
  public record S3Settings(
      String endpoint,
      boolean pathStyleAccess,
      String region,
      String serverSideEncryption,
      String directoryMarkerRetention) {}

  /**
   * OpenLineage settings.
   *
   * @param timeout the most one delivery attempt to the backend may take (http transport)
   */
  public record LineageSettings(
      String transport, String url, String apiKey, String namespace, java.time.Duration timeout) {
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
          + ", timeout="
          + timeout
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
