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
   * @param enabled run the gates; false publishes unchecked (for measuring the gates' cost)
   */
  public record QualitySettings(String rulesDir, boolean alertOnWarnings, boolean enabled) {}

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
      String directoryMarkerRetention) {
    @Override
    public String toString() {
      return "S3Settings[endpoint="
          + SecretMask.userInfo(endpoint)
          + ", pathStyleAccess="
          + pathStyleAccess
          + ", region="
          + region
          + ", serverSideEncryption="
          + serverSideEncryption
          + ", kmsKeyId="
          + (kmsKeyId.isEmpty() ? "" : "***")
          + ", directoryMarkerRetention="
          + directoryMarkerRetention
          + "]";
    }
  }

  /**
   * OpenLineage settings.
   *
   * @param timeout the most one delivery attempt to the backend may take (http transport)
   * @param file the file transport's local file; empty: {@code <root>/_lineage/events.ndjson} on a
   *     local root, {@code ./lakehouse-data/_lineage/events.ndjson} on an object-store root
   */
  public record LineageSettings(
      String transport,
      String url,
      String apiKey,
      String namespace,
      java.time.Duration timeout,
      String file) {
    @Override
    public String toString() {
      return "LineageSettings[transport="
          + transport
          + ", url="
          + SecretMask.userInfo(url)
          + ", apiKey="
          + (apiKey.isEmpty() ? "" : "***")
          + ", namespace="
          + namespace
          + ", timeout="
          + timeout
          + ", file="
          + file
          + "]";
    }
  }

  /**
   * KAMIS OpenAPI settings: where the service is, the credentials, how fast and how stubbornly to
   * call it, and what to fetch.
   *
   * @param baseUrl the endpoint every action is called on ({@code KAMIS_BASE_URL})
   * @param certKey issued certificate key ({@code KAMIS_CERT_KEY}); never printed
   * @param certId registered id ({@code KAMIS_CERT_ID}); never printed
   * @param requestsPerSecond upper bound of the request rate
   * @param requestTimeout time allowed for one request, headers and body
   * @param maxRetries retries after the first attempt on timeouts, connection errors, 5xx, 429
   * @param retryInitialDelay first backoff delay; doubled on each retry
   * @param retryMaxDelay cap of the backoff delay
   * @param retryJitter random share (0 to below 1) added to or taken from each delay
   * @param productClasses product classes of dailyPriceByCategoryList: 01 retail, 02 wholesale
   * @param categories item categories of dailyPriceByCategoryList (100 to 600)
   * @param regions region codes; the empty string is the national average
   * @param periodItems items of periodRetailProductList and periodWholesaleProductList
   * @param ecoItems items of EcoPriceList
   * @param convertKg ask KAMIS to convert prices to a per-kg basis ({@code p_convert_kg_yn})
   */
  public record KamisSettings(
      String baseUrl,
      String certKey,
      String certId,
      double requestsPerSecond,
      java.time.Duration requestTimeout,
      int maxRetries,
      java.time.Duration retryInitialDelay,
      java.time.Duration retryMaxDelay,
      double retryJitter,
      java.util.List<String> productClasses,
      java.util.List<String> categories,
      java.util.List<String> regions,
      java.util.List<KamisItem> periodItems,
      java.util.List<KamisItem> ecoItems,
      boolean convertKg) {

    /** True when both credentials are set. */
    public boolean hasCredentials() {
      return !certKey.isBlank() && !certId.isBlank();
    }

    @Override
    public String toString() {
      return "KamisSettings[baseUrl="
          + SecretMask.userInfo(baseUrl)
          + ", certKey="
          + (certKey.isEmpty() ? "" : "***")
          + ", certId="
          + (certId.isEmpty() ? "" : "***")
          + ", requestsPerSecond="
          + requestsPerSecond
          + ", requestTimeout="
          + requestTimeout
          + ", maxRetries="
          + maxRetries
          + ", retryInitialDelay="
          + retryInitialDelay
          + ", retryMaxDelay="
          + retryMaxDelay
          + ", retryJitter="
          + retryJitter
          + ", productClasses="
          + productClasses
          + ", categories="
          + categories
          + ", regions="
          + regions
          + ", periodItems="
          + periodItems
          + ", ecoItems="
          + ecoItems
          + ", convertKg="
          + convertKg
          + "]";
    }
  }

  /**
   * One KAMIS item variety to follow over time: category, item, kind and rank codes, as KAMIS
   * writes them (leading zeros kept).
   */
  public record KamisItem(String category, String item, String kind, String rank) {}

  /** Alerting settings. */
  public record AlertSettings(String webhookUrl) {
    @Override
    public String toString() {
      return "AlertSettings[webhookUrl=" + (webhookUrl.isEmpty() ? "" : "***") + "]";
    }
  }

  /** Every setting, with secrets masked: safe to print or log. */
  @Override
  public String toString() {
    return "LakehouseSettings[env="
        + env
        + ", root="
        + SecretMask.userInfo(root)
        + ", spark="
        + spark
        + ", s3="
        + s3
        + ", lineage="
        + lineage
        + ", kamis="
        + kamis
        + ", alert="
        + alert
        + ", quality="
        + quality
        + "]";
  }

  /** True when the lakehouse root is on object storage. */
  public boolean rootOnS3() {
    return root.startsWith("s3a://") || root.startsWith("s3://");
  }
}
