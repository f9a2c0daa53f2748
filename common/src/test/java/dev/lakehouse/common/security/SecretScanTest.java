package dev.lakehouse.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans every file git tracks for credentials: AWS access key ids and secret keys, KAMIS
 * certificate keys and ids (as query parameters, JSON fields, settings and environment variables)
 * and passwords in the user information of URLs. Only the documented fake values of {@code
 * security/secret-scan-allowlist.txt} and obvious placeholders ({@code ${VAR}}, {@code $VAR},
 * {@code <…>}, {@code …}) pass.
 */
class SecretScanTest {

  /** What was found: file, line and the suspicious value. */
  record Finding(String file, int line, String kind, String value) {
    @Override
    public String toString() {
      // The value itself is not printed whole: a real secret must not reach the build log.
      String shown = value.length() <= 4 ? "****" : value.substring(0, 4) + "…";
      return file + ":" + line + " " + kind + " " + shown;
    }
  }

  /** A named pattern whose group 1 is the secret value. */
  record Rule(String kind, Pattern pattern) {}

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "aws-access-key-id",
              Pattern.compile("(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])")),
          new Rule(
              "aws-secret-access-key",
              Pattern.compile(
                  "(?i)(?:aws_secret_access_key|secret[_.-]?access[_.-]?key|fs\\.s3a\\.(?:[\\w.-]+\\.)?secret\\.key)\"?\\s*[=:]\\s*[\"']?([^\\s\"',;}]+)")),
          new Rule(
              "kamis-cert-param",
              Pattern.compile("(?i)[?&\"]p_cert_(?:key|id)\"?\\s*[=:]\\s*\"?([^&\\s\"'#),}]+)")),
          new Rule(
              "kamis-cert-setting",
              Pattern.compile(
                  "(?i)(?:KAMIS_CERT_(?:KEY|ID)|cert-(?:key|id))\\s*[=:]\\s*[\"']?([^\\s\"',;}]+)")),
          new Rule(
              "password-in-url",
              Pattern.compile(
                  "(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]+:([^/\\s@\"'<>]+)@[\\w.-]+")));

  static final Pattern PLACEHOLDER =
      Pattern.compile("^(?:\\$.*|%.*|<.*|\\{.*|….*|\\*+|\\.\\.\\.)$");

  static Set<String> allowList() throws IOException {
    try (InputStream in =
        SecretScanTest.class.getResourceAsStream("/security/secret-scan-allowlist.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("# "))
          .collect(Collectors.toSet());
    }
  }

  static List<Finding> scan(String file, String text, Set<String> allowed) {
    List<Finding> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Rule rule : RULES) {
        Matcher m = rule.pattern().matcher(lines[i]);
        while (m.find()) {
          String v = m.group(1);
          if (!allowed.contains(v) && !PLACEHOLDER.matcher(v).matches()) {
            out.add(new Finding(file, i + 1, rule.kind(), v));
          }
        }
      }
    }
    return out;
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    assertThat(p).as("repository root (the folder holding mvnw)").isNotNull();
    return p;
  }

  /** The tracked files: git ls-files, or (no git, e.g. a source tarball) every file but target/. */
  static List<String> trackedFiles(Path root) throws Exception {
    if (Files.isDirectory(root.resolve(".git"))) {
      Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).start();
      byte[] out = git.getInputStream().readAllBytes();
      if (git.waitFor() == 0) {
        return Stream.of(new String(out, StandardCharsets.UTF_8).split("\0"))
            .filter(s -> !s.isEmpty())
            .toList();
      }
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .filter(
              f ->
                  !f.startsWith(".git/")
                      && !f.contains("target/")
                      && !f.startsWith(".mvn/wrapper/"))
          .toList();
    }
  }

  @Test
  void noTrackedFileHoldsACredential() throws Exception {
    Path root = repoRoot();
    Set<String> allowed = allowList();
    List<String> files = trackedFiles(root);
    assertThat(files).hasSizeGreaterThan(50);
    List<Finding> findings = new ArrayList<>();
    for (String f : files) {
      Path p = root.resolve(f);
      if (!Files.isRegularFile(p)) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(p);
      if (indexOf(bytes, (byte) 0) >= 0) {
        continue; // binary (jars, parquet): no text credential to find
      }
      findings.addAll(scan(f, new String(bytes, StandardCharsets.UTF_8), allowed));
    }
    assertThat(findings).as("credentials in tracked files").isEmpty();
  }

  @Test
  void thePatternsCatchEachKindOfCredential() throws Exception {
    Set<String> allowed = allowList();
    // Built from pieces so that this source file itself holds no credential-shaped literal.
    String awsId = "AKIA" + "Q3EGRXXH7JZ2K4WB";
    String awsSecret = "aws_secret_access_key" + " = " + "h7Rk2vQ9pL0sX3mN8bT1yU6wE4aZ5cD2fG7jK9lP";
    String kamisUrl =
        "http://www.kamis.or.kr/service/price/xml.do?action=x&p_cert"
            + "_key="
            + "0f3c9a1e-5b7d-4c2a-9e8f-1a2b3c4d5e6f";
    String kamisJson = "{\"p_cert" + "_id\": \"" + "farmer42\"}";
    String kamisEnv = "export KAMIS_CERT" + "_KEY=" + "0f3c9a1e5b7d4c2a";
    String hocon = "cert" + "-key = \"" + "0f3c9a1e5b7d4c2a\"";
    String s3a = "spark.hadoop.fs.s3a.secret" + ".key=" + "h7Rk2vQ9pL0sX3mN";
    String url = "postgres://marquez:" + "hunter22" + "@db.internal:5432/marquez";
    String text =
        String.join("\n", awsId, awsSecret, kamisUrl, kamisJson, kamisEnv, hocon, s3a, url);
    assertThat(scan("sample", text, allowed))
        .extracting(Finding::kind)
        .containsExactly(
            "aws-access-key-id",
            "aws-secret-access-key",
            "kamis-cert-param",
            "kamis-cert-param",
            "kamis-cert-setting",
            "kamis-cert-setting",
            "aws-secret-access-key",
            "password-in-url");
    // Masks, placeholders and documented fakes pass; the finding never prints the secret whole.
    String fine =
        String.join(
            "\n",
            "url=http://h/x?p_cert" + "_key=***&p_cert_id=***",
            "MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD}",
            "s3a://$USER:" + "$PASS@bucket",
            "KAMIS_CERT" + "_KEY=the-key");
    assertThat(scan("fine", fine, allowed)).isEmpty();
    assertThat(scan("sample", url, allowed).get(0).toString()).doesNotContain("hunter22");
  }

  @Test
  void dockerComposeTakesCredentialsFromDotEnvOnly() throws Exception {
    Path root = repoRoot();
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    // Every credential-like variable is a ${VAR} reference (filled from .env), never a value.
    Matcher m =
        Pattern.compile("(?m)^\\s*([A-Z_]*(?:USER|PASSWORD|SECRET|KEY)[A-Z_]*):\\s*(.+)$")
            .matcher(compose);
    int seen = 0;
    while (m.find()) {
      seen++;
      assertThat(m.group(2).strip()).as(m.group(1)).startsWith("${");
    }
    assertThat(seen).isGreaterThanOrEqualTo(4);
    assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
    assertThat(root.resolve(".env.example")).exists();
    List<String> tracked = trackedFiles(root);
    assertThat(tracked).contains(".env.example").doesNotContain(".env");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
