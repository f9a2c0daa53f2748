package dev.lakehouse.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import dev.lakehouse.common.error.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads {@link LakehouseSettings} in layers: environment variables over {@code conf/<env>.conf}
 * over {@code reference.conf}. The env file is looked up in the folder named by {@code
 * LAKEHOUSE_CONF_DIR}, then in {@code ./conf}, then on the class path (the jobs' jars carry conf/).
 */
public final class SettingsLoader {
  /** Environment variable to config key; the contract of ARCHITECTURE.md. */
  public static final Map<String, String> ENV_KEYS = envKeys();

  static final Set<String> KNOWN_ENVS = Set.of("local", "docker", "emr");
  private static final Set<String> TRANSPORTS = Set.of("http", "file", "console", "none");

  private SettingsLoader() {}

  private static Map<String, String> envKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("LAKEHOUSE_ENV", "lakehouse.env");
    m.put("LAKEHOUSE_ROOT", "lakehouse.root");
    m.put("S3_ENDPOINT", "lakehouse.s3.endpoint");
    m.put("S3_PATH_STYLE_ACCESS", "lakehouse.s3.path-style-access");
    m.put("S3_REGION", "lakehouse.s3.region");
    m.put("S3_SERVER_SIDE_ENCRYPTION", "lakehouse.s3.server-side-encryption");
    m.put("S3_SSE_KMS_KEY_ID", "lakehouse.s3.kms-key-id");
    m.put("LINEAGE_TRANSPORT", "lakehouse.lineage.transport");
    m.put("LINEAGE_URL", "lakehouse.lineage.url");
    m.put("LINEAGE_API_KEY", "lakehouse.lineage.api-key");
    m.put("LINEAGE_NAMESPACE", "lakehouse.lineage.namespace");
    m.put("LINEAGE_TIMEOUT", "lakehouse.lineage.timeout");
    m.put("LINEAGE_FILE", "lakehouse.lineage.file");
    m.put("KAMIS_CERT_KEY", "lakehouse.kamis.cert-key");
    m.put("KAMIS_CERT_ID", "lakehouse.kamis.cert-id");
    m.put("KAMIS_BASE_URL", "lakehouse.kamis.base-url");
    m.put("ALERT_WEBHOOK_URL", "lakehouse.alert.webhook-url");
    m.put("LAKEHOUSE_RULES_DIR", "lakehouse.quality.rules-dir");
    m.put("LAKEHOUSE_QUALITY_ENABLED", "lakehouse.quality.enabled");
    return Map.copyOf(m);
  }

  /** Loads settings from the process environment. */
  public static LakehouseSettings fromEnvironment() {
    return load(System.getenv(), Map.of());
  }

  /**
   * Loads settings.
   *
   * @param env environment variables (only the keys of {@link #ENV_KEYS} and LAKEHOUSE_CONF_DIR are
   *     read)
   * @param overrides config paths to values, applied on top of everything (tests, CLI flags)
   */
  public static LakehouseSettings load(Map<String, String> env, Map<String, String> overrides) {
    Map<String, Object> fromEnv = new TreeMap<>();
    ENV_KEYS.forEach(
        (var, key) -> {
          String v = env.get(var);
          if (v != null && !v.isBlank()) {
            fromEnv.put(key, v.trim());
          }
        });
    Config top =
        ConfigFactory.parseMap(new TreeMap<>(overrides), "overrides")
            .withFallback(ConfigFactory.parseMap(fromEnv, "environment variables"));
    Config reference = ConfigFactory.defaultReference();
    String envName =
        top.hasPath("lakehouse.env")
            ? top.getString("lakehouse.env")
            : reference.getString("lakehouse.env");
    Config envFile = envFile(envName, env.get("LAKEHOUSE_CONF_DIR"));
    Config merged = top.withFallback(envFile).withFallback(reference).resolve();
    checkTypes(merged, reference);
    try {
      return read(merged, envName);
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      throw Errors.config(keyOf(e), "is missing or has the wrong type");
    }
  }

  /**
   * Every setting whose default is a boolean or a number must still be one: a value of the wrong
   * type is named with its full key, its value and the environment variable that sets it, rather
   * than with the bare last path element Typesafe Config reports.
   */
  private static void checkTypes(Config merged, Config reference) {
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : reference.entrySet()) {
      String key = e.getKey();
      com.typesafe.config.ConfigValueType type = e.getValue().valueType();
      if (!key.startsWith("lakehouse.") || !merged.hasPath(key)) {
        continue;
      }
      try {
        if (type == com.typesafe.config.ConfigValueType.BOOLEAN) {
          merged.getBoolean(key);
        } else if (type == com.typesafe.config.ConfigValueType.NUMBER) {
          merged.getNumber(key);
        } else {
          continue;
        }
      } catch (ConfigException.WrongType wrong) {
        String variable =
            ENV_KEYS.entrySet().stream()
                .filter(v -> v.getValue().equals(key))
                .map(v -> " (environment variable " + v.getKey() + ")")
                .findFirst()
                .orElse("");
        throw Errors.config(
            key,
            "is '"
                + merged.getValue(key).unwrapped()
                + "'"
                + variable
                + ", not "
                + (type == com.typesafe.config.ConfigValueType.BOOLEAN
                    ? "true or false"
                    : "a number"));
      }
    }
  }

  private static String keyOf(ConfigException e) {
    String msg = e.getMessage();
    int i = msg.indexOf("No configuration setting found for key '");
    if (i >= 0) {
      int start = i + "No configuration setting found for key '".length();
      return msg.substring(start, msg.indexOf('\'', start));
    }
    return msg;
  }

  private static Config envFile(String envName, String confDir) {
    if (!envName.matches("[a-z][a-z0-9_-]*")) {
      throw Errors.config("lakehouse.env", "is '" + envName + "', not a valid environment name");
    }
    String file = envName + ".conf";
    ConfigParseOptions opts = ConfigParseOptions.defaults().setAllowMissing(false);
    try {
      if (confDir != null && !confDir.isBlank()) {
        Path p = Path.of(confDir, file);
        if (Files.isRegularFile(p)) {
          return ConfigFactory.parseFile(p.toFile(), opts);
        }
      }
      Path local = Path.of("conf", file);
      if (Files.isRegularFile(local)) {
        return ConfigFactory.parseFile(local.toFile(), opts);
      }
      if (SettingsLoader.class.getClassLoader().getResource("conf/" + file) != null) {
        return ConfigFactory.parseResources("conf/" + file, opts);
      }
    } catch (ConfigException.Parse e) {
      throw Errors.config(
          "lakehouse.env", "selects " + file + " which does not parse: " + e.getMessage());
    }
    throw Errors.config(
        "lakehouse.env",
        "is '"
            + envName
            + "' but there is no conf/"
            + file
            + " (known environments: "
            + String.join(", ", new java.util.TreeSet<>(KNOWN_ENVS))
            + "); set LAKEHOUSE_ENV to one of them");
  }

  private static LakehouseSettings read(Config c, String envName) {
    Config l = c.getConfig("lakehouse");
    String root = l.getString("root").trim();
    validateRoot(root);
    Config sp = l.getConfig("spark");
    int partitions = sp.getInt("shuffle-partitions");
    if (partitions < 1) {
      throw Errors.config("lakehouse.spark.shuffle-partitions", "must be at least 1");
    }
    Map<String, String> extra = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : sp.getConfig("extra").entrySet()) {
      String key = unquote(e.getKey());
      if (isCredentialKey(key)) {
        throw Errors.config(
            "lakehouse.spark.extra",
            "sets "
                + key
                + "; S3 credentials come only from the AWS credential chain (environment"
                + " variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, an instance"
                + " role), never from settings files");
      }
      extra.put(key, String.valueOf(e.getValue().unwrapped()));
    }
    Config s3 = l.getConfig("s3");
    String endpoint = s3.getString("endpoint").trim();
    if (!endpoint.isEmpty() && !endpoint.matches("https?://.+")) {
      throw Errors.config("lakehouse.s3.endpoint", "is '" + endpoint + "', not an http(s) URL");
    }
    String sse = s3.getString("server-side-encryption").trim();
    if (!sse.isEmpty() && !Set.of("SSE-S3", "SSE-KMS").contains(sse)) {
      throw Errors.config(
          "lakehouse.s3.server-side-encryption", "must be empty, SSE-S3 or SSE-KMS");
    }
    String kmsKey = s3.getString("kms-key-id").trim();
    if (!kmsKey.isEmpty() && !sse.equals("SSE-KMS")) {
      throw Errors.config(
          "lakehouse.s3.kms-key-id",
          "is set but server-side encryption is '"
              + sse
              + "'; set S3_SERVER_SIDE_ENCRYPTION=SSE-KMS or drop the key id");
    }
    String markers = s3.getString("directory-marker-retention").trim();
    if (!Set.of("keep", "delete", "authoritative").contains(markers)) {
      throw Errors.config(
          "lakehouse.s3.directory-marker-retention", "must be keep, delete or authoritative");
    }
    Config lin = l.getConfig("lineage");
    String transport = lin.getString("transport").trim().toLowerCase(java.util.Locale.ROOT);
    if (!TRANSPORTS.contains(transport)) {
      throw Errors.config(
          "lakehouse.lineage.transport",
          "is '" + transport + "'; use one of http, file, console, none (LINEAGE_TRANSPORT)");
    }
    String lineageUrl = lin.getString("url").trim();
    if (transport.equals("http") && lineageUrl.isEmpty()) {
      throw Errors.config(
          "lakehouse.lineage.url", "is empty but the lineage transport is http (set LINEAGE_URL)");
    }
    java.time.Duration lineageTimeout;
    try {
      lineageTimeout = lin.getDuration("timeout");
    } catch (com.typesafe.config.ConfigException e) {
      throw Errors.config(
          "lakehouse.lineage.timeout", "is not a duration such as 5s or 500ms (LINEAGE_TIMEOUT)");
    }
    if (lineageTimeout.isNegative()
        || lineageTimeout.isZero()
        || lineageTimeout.compareTo(java.time.Duration.ofMinutes(10)) > 0) {
      throw Errors.config(
          "lakehouse.lineage.timeout",
          "is " + lineageTimeout + "; use a duration above 0 and at most 10m (LINEAGE_TIMEOUT)");
    }
    return new LakehouseSettings(
        envName,
        root,
        new LakehouseSettings.SparkSettings(
            sp.getString("default-master"),
            partitions,
            sp.getString("session-time-zone"),
            Map.copyOf(extra)),
        new LakehouseSettings.S3Settings(
            endpoint,
            s3.getBoolean("path-style-access"),
            s3.getString("region").trim(),
            sse,
            kmsKey,
            markers),
        new LakehouseSettings.LineageSettings(
            transport,
            lineageUrl,
            lin.getString("api-key"),
            lin.getString("namespace"),
            lineageTimeout,
            lin.getString("file").trim()),
        kamis(l.getConfig("kamis")),
        new LakehouseSettings.AlertSettings(l.getConfig("alert").getString("webhook-url").trim()),
        new LakehouseSettings.QualitySettings(
            l.getConfig("quality").getString("rules-dir").trim(),
            l.getConfig("quality").getBoolean("alert-on-warnings"),
            l.getConfig("quality").getBoolean("enabled")));
  }

  private static LakehouseSettings.KamisSettings kamis(Config k) {
    String baseUrl = k.getString("base-url").trim();
    if (!baseUrl.matches("https?://[^?#]+")) {
      throw Errors.config(
          "lakehouse.kamis.base-url",
          "is '" + baseUrl + "', not an http(s) URL without a query (KAMIS_BASE_URL)");
    }
    double rate = k.getDouble("requests-per-second");
    if (!(rate > 0)) {
      throw Errors.config("lakehouse.kamis.requests-per-second", "must be greater than 0");
    }
    java.time.Duration timeout = k.getDuration("request-timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw Errors.config("lakehouse.kamis.request-timeout", "must be a positive duration");
    }
    Config retry = k.getConfig("retry");
    int maxRetries = retry.getInt("max-retries");
    if (maxRetries < 0) {
      throw Errors.config("lakehouse.kamis.retry.max-retries", "must be 0 or more");
    }
    java.time.Duration initial = retry.getDuration("initial-delay");
    java.time.Duration max = retry.getDuration("max-delay");
    if (initial.isZero() || initial.isNegative() || max.compareTo(initial) <= 0) {
      throw Errors.config(
          "lakehouse.kamis.retry.initial-delay",
          "must be positive and below lakehouse.kamis.retry.max-delay");
    }
    double jitter = retry.getDouble("jitter");
    if (jitter < 0 || jitter >= 1) {
      throw Errors.config("lakehouse.kamis.retry.jitter", "must be at least 0 and below 1");
    }
    java.util.List<String> classes = codes(k, "product-classes", "01|02");
    java.util.List<String> categories = codes(k, "categories", "[1-6]00");
    java.util.List<String> regions = codes(k, "regions", "|[0-9]{4}");
    return new LakehouseSettings.KamisSettings(
        baseUrl,
        k.getString("cert-key").trim(),
        k.getString("cert-id").trim(),
        rate,
        timeout,
        maxRetries,
        initial,
        max,
        jitter,
        classes,
        categories,
        regions,
        items(k, "period-items"),
        items(k, "eco-items"),
        k.getBoolean("convert-kg"));
  }

  private static java.util.List<String> codes(Config k, String key, String pattern) {
    java.util.List<String> values = new java.util.ArrayList<>();
    for (String v : k.getStringList(key)) {
      String code = v.trim();
      if (!code.matches(pattern)) {
        throw Errors.config(
            "lakehouse.kamis." + key, "has '" + code + "', which does not match " + pattern);
      }
      if (!values.contains(code)) {
        values.add(code);
      }
    }
    return java.util.List.copyOf(values);
  }

  private static java.util.List<LakehouseSettings.KamisItem> items(Config k, String key) {
    java.util.List<LakehouseSettings.KamisItem> items = new java.util.ArrayList<>();
    int i = 0;
    for (Config item : k.getConfigList(key)) {
      String where = "lakehouse.kamis." + key + "[" + i++ + "]";
      String category = itemCode(item, where, "category", "[1-6]00");
      items.add(
          new LakehouseSettings.KamisItem(
              category,
              itemCode(item, where, "item", "[0-9]{3,4}"),
              itemCode(item, where, "kind", "[0-9]{2}"),
              itemCode(item, where, "rank", "[0-9]{2}")));
    }
    return java.util.List.copyOf(items);
  }

  private static String itemCode(Config item, String where, String field, String pattern) {
    if (!item.hasPath(field)) {
      throw Errors.config(where + "." + field, "is missing (each item needs " + pattern + ")");
    }
    // Quoted in HOCON or not: a number like 01 would lose its leading zero, so insist on text.
    String v = item.getValue(field).unwrapped().toString().trim();
    if (!v.matches(pattern)) {
      throw Errors.config(
          where + "." + field,
          "is '" + v + "', which does not match " + pattern + " (quote codes: \"04\")");
    }
    return v;
  }

  /**
   * True for Spark or Hadoop keys that would carry S3 credentials ({@code fs.s3a.access.key},
   * {@code fs.s3a.secret.key}, {@code fs.s3a.session.token}, per-bucket forms included).
   */
  static boolean isCredentialKey(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("fs.s3a.")
        && (k.endsWith(".access.key") || k.endsWith(".secret.key") || k.endsWith(".session.token"));
  }

  private static String unquote(String key) {
    return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")
        ? key.substring(1, key.length() - 1)
        : key;
  }

  static void validateRoot(String root) {
    if (root.isEmpty()) {
      throw Errors.config(
          "lakehouse.root", "is empty; set LAKEHOUSE_ROOT to a local path or s3a://bucket/prefix");
    }
    if (SecretMask.hasUserInfo(root)) {
      // Never echo the value: it holds a credential.
      throw Errors.config(
          "lakehouse.root",
          "is '"
              + SecretMask.userInfo(root)
              + "', which carries credentials (user:password@); remove them and let the AWS"
              + " credential chain supply them (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a"
              + " profile, an instance role)");
    }
    if (root.contains("://")) {
      try {
        URI uri = new URI(root);
        String scheme = uri.getScheme();
        if (!Set.of("s3a", "s3", "file", "hdfs").contains(scheme)) {
          throw Errors.config(
              "lakehouse.root",
              "is '"
                  + root
                  + "' with scheme '"
                  + scheme
                  + "'; use a local path or s3a://bucket/prefix");
        }
        if ((scheme.equals("s3a") || scheme.equals("s3"))
            && (uri.getHost() == null || uri.getHost().isEmpty())) {
          throw Errors.config("lakehouse.root", "is '" + root + "' without a bucket name");
        }
      } catch (URISyntaxException e) {
        throw Errors.config(
            "lakehouse.root", "is '" + root + "', not a valid URI: " + e.getReason());
      }
    }
  }
}
