package dev.lakehouse.common.lineage;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.table.TableLayout;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spark settings that turn on the OpenLineage Spark listener (key names as read by
 * openlineage-spark 1.53's {@code ArgumentParser}: every {@code spark.openlineage.transport.*} key
 * maps onto the transport's config fields). Pure: unit-tested without Spark.
 */
public final class LineageConf {
  public static final String LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
  public static final String PARENT_JOB_NAME = "spark.openlineage.parentJobName";
  public static final String PARENT_JOB_NAMESPACE = "spark.openlineage.parentJobNamespace";
  public static final String PARENT_RUN_ID = "spark.openlineage.parentRunId";
  public static final String NAMESPACE = "spark.openlineage.namespace";
  public static final String TRANSPORT_TYPE = "spark.openlineage.transport.type";
  public static final String FILE_LOCATION = "spark.openlineage.transport.location";

  private LineageConf() {}

  /** Where the local default root is, relative to the working directory. */
  static final String LOCAL_DEFAULT_ROOT = "lakehouse-data";

  /**
   * The file transport's file: {@code lakehouse.lineage.file} when set, else {@code
   * <root>/_lineage/events.ndjson} on a local root. OpenLineage's file transport writes local files
   * only, so with the root on object storage the events go to the local default root's place
   * instead ({@code ./lakehouse-data/_lineage/events.ndjson}): the same file a local run writes, on
   * the machine that runs the driver. Clusters should use the http (Marquez) or console transport.
   */
  public static String lineageFile(LakehouseSettings settings) {
    String file = settings.lineage().file();
    if (!file.isEmpty()) {
      return java.nio.file.Path.of(file).toAbsolutePath().normalize().toString();
    }
    String root = settings.root();
    if (root.startsWith("file:")) {
      root = java.net.URI.create(root).getPath();
    } else if (root.contains("://")) {
      root = LOCAL_DEFAULT_ROOT; // s3a://, hdfs://: not where a local file can go
    }
    return new TableLayout(root).lineageEvents();
  }

  static long timeoutMillis(LakehouseSettings.LineageSettings l) {
    return Math.max(1, l.timeout().toMillis());
  }

  /** The listener and transport settings; empty when the transport is {@code none}. */
  public static Map<String, String> sparkConf(LakehouseSettings settings) {
    Map<String, String> c = new TreeMap<>();
    LakehouseSettings.LineageSettings l = settings.lineage();
    String transport = l.transport();
    if ("none".equals(transport)) {
      return c;
    }
    c.put("spark.extraListeners", LISTENER);
    c.put(NAMESPACE, l.namespace());
    c.put(TRANSPORT_TYPE, transport);
    switch (transport) {
      case "http" -> {
        c.put("spark.openlineage.transport.url", l.url());
        c.put("spark.openlineage.transport.endpoint", "/api/v1/lineage");
        // Connect and response timeout of one attempt (lakehouse.lineage.timeout); after a failed
        // attempt GuardedTransport drops events for a while, so a burst costs this once.
        c.put("spark.openlineage.transport.timeoutInMillis", String.valueOf(timeoutMillis(l)));
        if (!l.apiKey().isEmpty()) {
          c.put("spark.openlineage.transport.auth.type", "api_key");
          c.put("spark.openlineage.transport.auth.apiKey", l.apiKey());
        }
      }
      case "file" -> c.put(FILE_LOCATION, lineageFile(settings));
      default -> {
        // console: nothing more to set
      }
    }
    return c;
  }
}
