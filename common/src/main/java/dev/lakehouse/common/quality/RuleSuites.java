package dev.lakehouse.common.quality;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.table.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * Finds the rule suite of a table: {@code <dir>/<domain>/<layer>_<table>.conf}.
 *
 * <p>With a folder given by the caller (the runner passes {@code lakehouse.quality.rules-dir} /
 * {@code LAKEHOUSE_RULES_DIR}) only that folder is searched, so a wrong setting is not masked. With
 * none, {@code dq-rules/} in the working directory is searched first, then {@code dq-rules/} on the
 * class path (the job jars carry the suites, so spark-submit on a cluster finds them).
 *
 * <p>The folder may also be a Hadoop URI such as {@code s3a://bucket/dq-rules} (rules uploaded next
 * to the data on a cluster); it is then read through Hadoop's FileSystem API with the session's
 * configuration, so the same S3A settings and credential chain apply.
 */
public final class RuleSuites {
  /** The default folder, relative to the working directory, and the class path prefix. */
  public static final String DEFAULT_DIR = "dq-rules";

  private final Path dir;
  private final Path workingDefault;
  private final String classpathRoot;
  private final String remoteDir;
  private final org.apache.hadoop.conf.Configuration hadoopConf;

  /**
   * @param dir the rules folder set by the caller; empty: {@code ./dq-rules}, then the class path
   */
  public RuleSuites(Optional<Path> dir) {
    this(dir.orElse(null), Path.of(DEFAULT_DIR), DEFAULT_DIR);
  }

  /** For tests: another default folder and class path prefix. */
  RuleSuites(Path dir, Path workingDefault, String classpathRoot) {
    this.dir = dir;
    this.workingDefault = workingDefault;
    this.classpathRoot = classpathRoot;
    this.remoteDir = null;
    this.hadoopConf = null;
  }

  private RuleSuites(String remoteDir, org.apache.hadoop.conf.Configuration hadoopConf) {
    this.dir = null;
    this.workingDefault = Path.of(DEFAULT_DIR);
    this.classpathRoot = DEFAULT_DIR;
    this.remoteDir = remoteDir;
    this.hadoopConf = hadoopConf;
  }

  /** A locator for a local folder setting that may be null or blank (then the defaults apply). */
  public static RuleSuites of(String dirSetting) {
    return of(dirSetting, null);
  }

  /**
   * A locator for a folder setting that may be null or blank (then the defaults apply), a local
   * path, a {@code file:} URI, or a Hadoop URI such as {@code s3a://bucket/dq-rules}.
   *
   * @param hadoopConf the session's Hadoop configuration, used for Hadoop URIs (null: defaults)
   */
  public static RuleSuites of(String dirSetting, org.apache.hadoop.conf.Configuration hadoopConf) {
    if (dirSetting == null || dirSetting.isBlank()) {
      return new RuleSuites(Optional.empty());
    }
    String d = dirSetting.trim();
    if (d.matches("[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
      if (d.startsWith("file:")) {
        return new RuleSuites(Optional.of(Path.of(java.net.URI.create(d))));
      }
      while (d.endsWith("/")) {
        d = d.substring(0, d.length() - 1);
      }
      return new RuleSuites(
          d, hadoopConf != null ? hadoopConf : new org.apache.hadoop.conf.Configuration());
    }
    return new RuleSuites(Optional.of(Path.of(d)));
  }

  /** {@code <domain>/<layer>_<table>.conf}, e.g. {@code olist/silver_orders.conf}. */
  public static String relativePath(TableId table) {
    return table.domain() + "/" + table.layer().id() + "_" + table.name() + ".conf";
  }

  /** True when the table has a suite (callers may skip the gate for tables without one). */
  public boolean exists(TableId table) {
    return location(table).isPresent();
  }

  /** Where the table's suite is: a file path or a class path URL. */
  public Optional<String> location(TableId table) {
    String rel = relativePath(table);
    if (remoteDir != null) {
      return remoteText(table).map(t -> remoteDir + "/" + rel);
    }
    if (dir != null) {
      Path p = dir.resolve(rel);
      return Files.isRegularFile(p) ? Optional.of(p.toString()) : Optional.empty();
    }
    Path local = workingDefault.resolve(rel);
    if (Files.isRegularFile(local)) {
      return Optional.of(local.toString());
    }
    return Optional.ofNullable(resource(rel)).map(URL::toString);
  }

  /**
   * Loads and validates the table's suite against the schema of the data it will check.
   *
   * @throws dev.lakehouse.common.error.LakehouseException exit 2 when the suite is missing (naming
   *     the expected path) or invalid
   */
  public RuleSuite load(TableId table, StructType schema) {
    String rel = relativePath(table);
    if (remoteDir != null) {
      String text = remoteText(table).orElseThrow(() -> missing(table));
      return RuleSuiteLoader.parse(text, remoteDir + "/" + rel, table, schema);
    }
    if (dir != null) {
      return RuleSuiteLoader.load(require(dir.resolve(rel), table), table, schema);
    }
    Path local = workingDefault.resolve(rel);
    if (Files.isRegularFile(local)) {
      return RuleSuiteLoader.load(local, table, schema);
    }
    URL url = resource(rel);
    if (url == null) {
      throw missing(table);
    }
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return RuleSuiteLoader.parse(text, classpathRoot + "/" + rel, table, schema);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read rule suite " + url, e);
    }
  }

  /** Where the suite of the table is expected (the first place searched). */
  public String expectedPath(TableId table) {
    if (remoteDir != null) {
      return remoteDir + "/" + relativePath(table);
    }
    return (dir != null ? dir : workingDefault).resolve(relativePath(table)).toString();
  }

  private Path require(Path p, TableId table) {
    if (!Files.isRegularFile(p)) {
      throw missing(table);
    }
    return p;
  }

  private RuntimeException missing(TableId table) {
    String where =
        remoteDir != null
            ? "in the rules folder " + remoteDir
            : dir != null
                ? "in the rules folder " + dir.toAbsolutePath()
                : "in "
                    + workingDefault.toAbsolutePath()
                    + " nor on the class path under "
                    + classpathRoot
                    + "/";
    return Errors.ruleSuite(
        expectedPath(table),
        "for table "
            + table
            + " does not exist (looked "
            + where
            + "). Every promoted table needs one: write it, or draft it with"
            + " bin/lakehouse dq suggest "
            + table
            + ".");
  }

  /** The suite's text from a Hadoop URI folder; empty when the file does not exist. */
  private Optional<String> remoteText(TableId table) {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(remoteDir + "/" + relativePath(table));
    try {
      org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(hadoopConf);
      try (InputStream in = fs.open(file)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw Errors.config(
          "lakehouse.quality.rules-dir",
          "is '" + remoteDir + "' but " + file + " cannot be read: " + e.getMessage());
    }
  }

  private URL resource(String rel) {
    String name = classpathRoot + "/" + rel;
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    URL url = cl == null ? null : cl.getResource(name);
    return url != null ? url : RuleSuites.class.getClassLoader().getResource(name);
  }
}
