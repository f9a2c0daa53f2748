package dev.lakehouse.common.spark;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.lineage.LineageConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one session builder: Delta extensions and catalog, S3A, shuffle partitions, time zone,
 * OpenLineage listener (see {@link LineageConf}). Job code never builds a session or sets a master:
 * spark-submit decides, and only when nothing set one (a local run from the launcher or a test)
 * does {@code lakehouse.spark.default-master} apply.
 */
public final class LakehouseSession {
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseSession.class);

  private LakehouseSession() {}

  private static boolean listenerAvailable() {
    try {
      Class.forName(LineageConf.LISTENER, false, LakehouseSession.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The Spark settings derived from lakehouse settings; pure, unit-tested without Spark. */
  public static Map<String, String> sparkConf(LakehouseSettings settings) {
    Map<String, String> c = new TreeMap<>();
    c.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    c.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    c.put("spark.sql.shuffle.partitions", String.valueOf(settings.spark().shufflePartitions()));
    c.put("spark.sql.session.timeZone", settings.spark().sessionTimeZone());
    // Small tables should not be split into many tiny files or tasks.
    c.put("spark.sql.adaptive.enabled", "true");
    c.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    c.put("spark.databricks.delta.snapshotPartitions", "2");
    c.put("spark.ui.showConsoleProgress", "false");
    c.putAll(s3aConf(settings.s3()));
    c.putAll(LineageConf.sparkConf(settings));
    c.putAll(settings.spark().extra());
    return c;
  }

  /** The credentials provider: the AWS SDK's default chain, and nothing from settings. */
  public static final String CREDENTIALS_PROVIDER =
      "com.amazonaws.auth.DefaultAWSCredentialsProviderChain";

  /**
   * The S3A settings (Hadoop 3.3 key names, as {@code spark.hadoop.*}). Credentials come from the
   * AWS SDK's default chain (environment variables, Java system properties, web identity, profile,
   * container or instance role); no key is ever set here.
   */
  static Map<String, String> s3aConf(LakehouseSettings.S3Settings s3) {
    Map<String, String> c = new TreeMap<>();
    String h = "spark.hadoop.fs.s3a.";
    // Without this every file write deletes the markers of all parent "directories": seconds per
    // request on some servers (STACK.md: a tiny Delta write took 143 s instead of 3 s).
    c.put(h + "directory.marker.retention", s3.directoryMarkerRetention());
    c.put(h + "path.style.access", String.valueOf(s3.pathStyleAccess()));
    c.put(h + "aws.credentials.provider", CREDENTIALS_PROVIDER);
    if (!s3.endpoint().isEmpty()) {
      c.put(h + "endpoint", s3.endpoint());
      c.put(h + "connection.ssl.enabled", String.valueOf(s3.endpoint().startsWith("https")));
    }
    if (!s3.region().isEmpty()) {
      c.put(h + "endpoint.region", s3.region());
    }
    if (!s3.serverSideEncryption().isEmpty()) {
      c.put(h + "encryption.algorithm", s3.serverSideEncryption());
      if (!s3.kmsKeyId().isEmpty()) {
        c.put(h + "encryption.key", s3.kmsKeyId());
      }
    }
    return c;
  }

  /**
   * Returns the session for this process, creating it if needed.
   *
   * @param appName the Spark application name (the job name)
   * @param extra settings on top of {@link #sparkConf} (tests: {@code spark.master=local[2]})
   */
  public static SparkSession getOrCreate(
      LakehouseSettings settings, String appName, Map<String, String> extra) {
    SparkConf conf = new SparkConf(true);
    Map<String, String> base = sparkConf(settings);
    if (base.containsKey("spark.extraListeners") && !listenerAvailable()) {
      LOG.warn(
          "Lineage is off: {} is not on the class path (add openlineage-spark to the job)",
          LineageConf.LISTENER);
      base.keySet().removeIf(k -> k.startsWith("spark.openlineage."));
      base.remove("spark.extraListeners");
    }
    String location = base.get(LineageConf.FILE_LOCATION);
    if (location != null) {
      try {
        Files.createDirectories(Path.of(location).getParent());
      } catch (IOException | RuntimeException e) {
        LOG.warn("Cannot create the folder of the lineage file {}: {}", location, e.toString());
      }
    }
    String outside = conf.get("spark.extraListeners", "");
    if (!outside.isEmpty() && base.containsKey("spark.extraListeners")) {
      if (!outside.contains(LineageConf.LISTENER)) {
        base.put("spark.extraListeners", outside + "," + LineageConf.LISTENER);
      } else {
        base.remove("spark.extraListeners");
      }
    }
    base.forEach(
        (k, v) -> {
          // Settings handed in from outside (spark-submit --conf, spark-defaults.conf) win for
          // lineage keys and for the credentials provider (e.g. an assumed-role provider).
          boolean outsideWins =
              k.startsWith("spark.openlineage.")
                  || k.equals("spark.hadoop.fs.s3a.aws.credentials.provider");
          if (!(outsideWins && conf.contains(k))) {
            conf.set(k, v);
          }
        });
    extra.forEach(conf::set);
    if (!conf.contains("spark.master")) {
      conf.setMaster(settings.spark().defaultMaster());
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(appName);
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
