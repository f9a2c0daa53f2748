package dev.lakehouse.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SecretMask;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dump of the settings (their {@code toString}, what logs and errors show) holds no secret. */
class SettingsRedactionTest {
  /**
   * A URL carrying a fake name and password, put together at run time so that no tracked file holds
   * one literally (the secret scan would rightly flag it).
   */
  private static String url(String scheme, String user, String password, String rest) {
    return scheme + "://" + user + ":" + password + "@" + rest;
  }

  @Test
  void settingsDumpMasksEverySecret() {
    LakehouseSettings s =
        SettingsLoader.load(
            Map.of(
                "LAKEHOUSE_ROOT", "s3a://bucket/prefix",
                "S3_ENDPOINT", url("http", "minio", "s3pw-77q", "127.0.0.1:9000"),
                "LINEAGE_TRANSPORT", "http",
                "LINEAGE_URL", url("https", "user", "lineagepw-31", "marquez.example:5000"),
                "LINEAGE_API_KEY", "lineage-api-key-42",
                "KAMIS_CERT_KEY", "kamis-key-0f3c9a1e",
                "KAMIS_CERT_ID", "kamis-id-farmer",
                "KAMIS_BASE_URL", url("http", "proxyuser", "kamisproxypw", "proxy.example/service"),
                "ALERT_WEBHOOK_URL", "https://hooks.example/services/T0/B0/webhook-token-9"),
            Map.of());
    String dump = s.toString();
    assertThat(dump)
        .doesNotContain(
            "s3pw-77q",
            "lineagepw-31",
            "lineage-api-key-42",
            "kamis-key-0f3c9a1e",
            "kamis-id-farmer",
            "kamisproxypw",
            "webhook-token-9")
        // Still useful: the non-secret parts stay readable.
        .contains("s3a://bucket/prefix", "127.0.0.1:9000", "marquez.example:5000");
  }

  @Test
  void aRootCarryingCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("LAKEHOUSE_ROOT", url("s3a", "AKEY", "rootpw-8x", "bucket/prefix")),
                    Map.of()))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.root")
        .hasMessageContaining("credential chain")
        .hasMessageNotContaining("rootpw-8x")
        .satisfies(e -> assertThat(((LakehouseException) e).exitCode()).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void maskKeepsUrlsWithoutUserInfo() {
    assertThat(SecretMask.userInfo("see " + url("http", "a", "b", "h:1/p") + " and s3a://bucket/x"))
        .isEqualTo("see http://***@h:1/p and s3a://bucket/x");
    assertThat(SecretMask.userInfo("mailto-like someone@example.org")).contains("someone@");
  }
}
