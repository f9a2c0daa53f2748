package dev.lakehouse.jobs.kamis.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactionTest {
  final Redaction r = new Redaction("abc-secret-key", "me+you/id");

  @Test
  void urlCredentialsAreMasked() {
    String url =
        "http://h/service/price/xml.do?action=x&p_cert_key=abc-secret-key&p_cert_id=me%2Byou%2Fid&p_regday=2024-10-31";
    assertThat(r.url(url))
        .isEqualTo(
            "http://h/service/price/xml.do?action=x&p_cert_key=***&p_cert_id=***&p_regday=2024-10-31");
    // Even a credential the redaction does not know is masked by its parameter name.
    assertThat(new Redaction("", "").url("http://h/x?p_cert_key=other&a=1"))
        .isEqualTo("http://h/x?p_cert_key=***&a=1");
  }

  @Test
  void theConditionEchoIsScrubbedEverywhere() throws Exception {
    JsonNode in =
        new ObjectMapper()
            .readTree(
                "{\"condition\":[{\"p_cert_key\":\"abc-secret-key\",\"P_CERT_ID\":\"me+you/id\","
                    + "\"p_regday\":\"2024-10-31\",\"note\":\"key abc-secret-key in text\"}],"
                    + "\"data\":{\"item\":[{\"price\":\"1,234\",\"p_cert_id\":null}]}}");
    String out = r.json(in).toString();
    assertThat(out).doesNotContain("abc-secret-key", "me+you/id");
    assertThat(out)
        .contains(
            "\"p_cert_key\":\"***\"",
            "\"P_CERT_ID\":\"***\"",
            "key *** in text",
            "\"price\":\"1,234\"");
    assertThat(out).contains("\"p_cert_id\":null");
    // The input is left alone.
    assertThat(in.toString()).contains("abc-secret-key");
  }

  @Test
  void textGuardCoversEncodedFormsButNotTinySecrets() {
    assertThat(r.text("x me%2Byou%2Fid y abc-secret-key")).isEqualTo("x *** y ***");
    assertThat(r.leaks("me+you/id")).isTrue();
    assertThat(r.leaks("nothing here")).isFalse();
    assertThat(new Redaction("ab", "").text("price ab")).isEqualTo("price ab");
  }
}
