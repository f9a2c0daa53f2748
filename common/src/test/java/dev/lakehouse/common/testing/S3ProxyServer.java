package dev.lakehouse.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * An S3-compatible server inside the test JVM: S3Proxy with its filesystem backend in a folder, on
 * 127.0.0.1, with one bucket.
 *
 * <p>S3Proxy's {@code jar-with-dependencies} brings its own Jetty, Jackson, Guava, jakarta APIs and
 * an SLF4J binding, which clash with Spark's. So the jar is kept off the test class path (the
 * parent pom's surefire {@code classpathDependencyExcludes}) and loaded here in a class loader
 * whose parent is the platform loader: it sees the JDK and nothing of the application. Everything
 * crosses that boundary as JDK types ({@code String}, {@code URI}, {@code Properties}) through
 * reflection. Maven resolves the jar as a test dependency ({@code org.gaul:s3proxy}, classifier
 * {@code jar-with-dependencies}); {@code maven-dependency-plugin:properties} hands its path to the
 * tests as the system property {@value #JAR_PROPERTY}.
 *
 * <p>{@link #stop()} and {@link #start()} may alternate: the objects stay in the data folder and
 * the server comes back on the same port, so a client configured once sees an outage and a
 * recovery.
 *
 * <p>The credentials are random per server; they never leave the test JVM.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The system property with the path of S3Proxy's jar-with-dependencies. */
  public static final String JAR_PROPERTY = "s3proxy.jar";

  private final Path dataDir;
  private final String bucket;
  private final String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secretKey = UUID.randomUUID().toString();
  private final URLClassLoader loader;
  private int port;
  private Object proxy; // org.gaul.s3proxy.S3Proxy
  private AutoCloseable blobStoreContext; // org.jclouds.blobstore.BlobStoreContext

  private S3ProxyServer(Path dataDir, String bucket) {
    this.dataDir = dataDir;
    this.bucket = bucket;
    this.loader = new URLClassLoader(new URL[] {jarUrl()}, ClassLoader.getPlatformClassLoader());
  }

  /**
   * Starts a server with one empty bucket, its objects kept under {@code dataDir}.
   *
   * @param bucket a valid S3 bucket name (lower case, 3 to 63 characters)
   */
  public static S3ProxyServer start(Path dataDir, String bucket) {
    S3ProxyServer s = new S3ProxyServer(dataDir, bucket);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    s.port = freePort();
    s.start();
    s.createBucket();
    return s;
  }

  private static URL jarUrl() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || jar.isBlank() || jar.startsWith("${")) {
      throw new IllegalStateException(
          "System property "
              + JAR_PROPERTY
              + " is not set: add the test dependency org.gaul:s3proxy (classifier"
              + " jar-with-dependencies) to the module; the parent pom passes its path.");
    }
    Path p = Path.of(jar);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(JAR_PROPERTY + " names a missing file: " + jar);
    }
    try {
      return p.toUri().toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server (again) on its port, over the objects already in the data folder. */
  public synchronized void start() {
    if (proxy != null) {
      return;
    }
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    // jclouds finds its providers through ServiceLoader on the context class loader, and Jetty's
    // threads inherit it: both must see S3Proxy's loader, never the application's.
    t.setContextClassLoader(loader);
    try {
      Properties overrides = new Properties();
      overrides.setProperty("jclouds.filesystem.basedir", dataDir.toString());
      Class<?> builderClass = loader.loadClass("org.jclouds.ContextBuilder");
      Object builder =
          builderClass.getMethod("newBuilder", String.class).invoke(null, "filesystem");
      builderClass
          .getMethod("credentials", String.class, String.class)
          .invoke(builder, "local", "local");
      builderClass.getMethod("overrides", Properties.class).invoke(builder, overrides);
      Class<?> contextClass = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
      Object context = builderClass.getMethod("build", Class.class).invoke(builder, contextClass);
      blobStoreContext = (AutoCloseable) context;
      Object blobStore = contextClass.getMethod("getBlobStore").invoke(context);

      Class<?> proxyClass = loader.loadClass("org.gaul.s3proxy.S3Proxy");
      Class<?> proxyBuilderClass = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
      Class<?> authClass = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
      Object auth = authClass.getMethod("valueOf", String.class).invoke(null, "AWS_V2_OR_V4");
      Object pb = proxyClass.getMethod("builder").invoke(null);
      proxyBuilderClass
          .getMethod("blobStore", loader.loadClass("org.jclouds.blobstore.BlobStore"))
          .invoke(pb, blobStore);
      proxyBuilderClass.getMethod("endpoint", URI.class).invoke(pb, URI.create(endpoint()));
      proxyBuilderClass
          .getMethod("awsAuthentication", authClass, String.class, String.class)
          .invoke(pb, auth, accessKey, secretKey);
      Object p = proxyBuilderClass.getMethod("build").invoke(pb);
      proxyClass.getMethod("start").invoke(p);
      Method state = proxyClass.getMethod("getState");
      // start() returns before Jetty accepts connections; this is a readiness wait, not a timing.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(state.invoke(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: " + state.invoke(p));
        }
        Thread.sleep(20);
      }
      proxy = p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not start S3Proxy: " + cause(e), e);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** Stops the server; the objects stay in the data folder and {@link #start()} brings it back. */
  public synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.getClass().getMethod("stop").invoke(proxy);
      blobStoreContext.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop S3Proxy: " + cause(e), e);
    } finally {
      proxy = null;
      blobStoreContext = null;
    }
  }

  public synchronized boolean running() {
    return proxy != null;
  }

  private void createBucket() {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> contextClass = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
      Class<?> storeClass = loader.loadClass("org.jclouds.blobstore.BlobStore");
      Class<?> locationClass = loader.loadClass("org.jclouds.domain.Location");
      Object store = contextClass.getMethod("getBlobStore").invoke(blobStoreContext);
      storeClass
          .getMethod("createContainerInLocation", locationClass, String.class)
          .invoke(store, null, bucket);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not create bucket " + bucket + ": " + cause(e), e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static String cause(Throwable e) {
    Throwable c = e;
    while (c instanceof InvocationTargetException && c.getCause() != null) {
      c = c.getCause();
    }
    return c.toString();
  }

  /** {@code http://127.0.0.1:<port>}: the S3 endpoint (path-style access). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String bucket() {
    return bucket;
  }

  /** The access key the server accepts (test-only, random). */
  public String accessKey() {
    return accessKey;
  }

  /** The secret key the server accepts (test-only, random). */
  public String secretKey() {
    return secretKey;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * The environment variables that point lakehouse settings at this server (for {@code
   * SettingsLoader.load} or {@code Lakehouse.execute}), with the root at {@code
   * s3a://<bucket>/<prefix>}. Credentials are not among them: see {@link #exportCredentials()}.
   */
  public Map<String, String> lakehouseEnv(String prefix) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LAKEHOUSE_ROOT", s3a(prefix));
    env.put("S3_ENDPOINT", endpoint());
    env.put("S3_PATH_STYLE_ACCESS", "true");
    env.put("S3_REGION", "us-east-1");
    return env;
  }

  /**
   * Hands this server's credentials to the AWS credential chain of this JVM through the system
   * properties {@code aws.accessKeyId} and {@code aws.secretKey}, which the chain reads after the
   * environment variables. Test-only: the jobs themselves never see a key in their settings.
   */
  public void exportCredentials() {
    System.setProperty("aws.accessKeyId", accessKey);
    System.setProperty("aws.secretKey", secretKey);
  }

  /** {@code s3a://<bucket>/<key>}. */
  public String s3a(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
