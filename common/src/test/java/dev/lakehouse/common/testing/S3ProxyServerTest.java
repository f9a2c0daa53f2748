package dev.lakehouse.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 server for tests: isolated from the test class path, restartable over its data. */
class S3ProxyServerTest {
  @TempDir Path dir;

  static int status(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  @Test
  void s3ProxyIsNotOnTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName("org.gaul.s3proxy.S3Proxy"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void servesTheBucketAndSurvivesARestart() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), "test-bucket")) {
      assertThat(s3.endpoint()).startsWith("http://127.0.0.1:");
      assertThat(s3.s3a("a/b")).isEqualTo("s3a://test-bucket/a/b");
      assertThat(s3.lakehouseEnv("lake"))
          .containsEntry("LAKEHOUSE_ROOT", "s3a://test-bucket/lake")
          .containsEntry("S3_ENDPOINT", s3.endpoint())
          .containsEntry("S3_PATH_STYLE_ACCESS", "true")
          .doesNotContainValue(s3.secretKey());
      // The filesystem backend keeps a bucket as a folder.
      assertThat(dir.resolve("s3").resolve("test-bucket")).isDirectory();
      // An unsigned request reaches S3 and is refused by its authentication.
      assertThat(status(s3.endpoint() + "/test-bucket/")).isEqualTo(403);
      Files.writeString(dir.resolve("s3/test-bucket/kept.txt"), "x");

      s3.stop();
      assertThat(s3.running()).isFalse();
      assertThatThrownBy(() -> status(s3.endpoint() + "/test-bucket/"))
          .isInstanceOf(ConnectException.class);

      s3.start();
      assertThat(s3.running()).isTrue();
      assertThat(status(s3.endpoint() + "/test-bucket/")).isEqualTo(403);
      assertThat(dir.resolve("s3/test-bucket/kept.txt")).exists();
    }
  }
}
