package dev.lakehouse.launcher.objectstore;

import dev.lakehouse.common.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;

/**
 * The object-store pipeline test on S3Proxy, an S3 server inside this JVM (filesystem backend in a
 * temporary folder, 127.0.0.1, its own class loader): runs on any machine, no Docker needed. The
 * local verify runs the first pipeline run and the lineage check; the re-run check is tagged {@code
 * slow} (GitHub CI runs it).
 */
class S3ProxyPipelineTest extends ObjectStorePipelineBase {
  private S3ProxyServer server;

  @Override
  protected Store startStore() {
    server = S3ProxyServer.start(work.resolve("s3proxy"), "lakehouse-test");
    return new Store(server.endpoint(), server.bucket(), server.accessKey(), server.secretKey());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
