package dev.lakehouse.jobs.kamis.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes the KAMIS credentials from everything that is logged or stored. KAMIS echoes the request,
 * credentials included, in the {@code condition} block of its answer, and the credentials travel as
 * query parameters, so three layers apply: the credential parameters of a URL are masked; any JSON
 * field named like a credential parameter gets the value {@code ***}; and, as a last guard, every
 * occurrence of the secret strings themselves (plain or URL-encoded) in any text is replaced.
 *
 * <p>The last guard skips secrets shorter than {@value #MIN_GUARD_LENGTH} characters: replacing a
 * two-character id everywhere would corrupt prices and codes, while the first two layers still
 * remove it from the places KAMIS puts it.
 */
public final class Redaction {
  /** What a removed credential is replaced with. */
  public static final String MASK = "***";

  /** Secrets shorter than this are not searched for in free text (see the class comment). */
  public static final int MIN_GUARD_LENGTH = 4;

  /** The query parameters (and JSON field names) that carry credentials. */
  public static final Set<String> CREDENTIAL_PARAMS = Set.of("p_cert_key", "p_cert_id");

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)([?&](?:p_cert_key|p_cert_id)=)[^&#\\s\"]*");

  private final List<String> secrets;

  /** A redaction of these credentials; blank ones are ignored. */
  public Redaction(String certKey, String certId) {
    Set<String> s = new LinkedHashSet<>();
    for (String secret : new String[] {certKey, certId}) {
      if (secret != null && secret.length() >= MIN_GUARD_LENGTH) {
        s.add(secret);
        s.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      }
    }
    // Longest first, so that a secret containing the other is replaced whole.
    List<String> sorted = new ArrayList<>(s);
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    this.secrets = List.copyOf(sorted);
  }

  /** The URL with its credential parameters masked and no secret left in it. */
  public String url(String url) {
    return text(URL_CREDENTIALS.matcher(url).replaceAll("$1" + MASK));
  }

  /** The text with every occurrence of a secret replaced by {@link #MASK}. */
  public String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** True when the text still holds a secret (of the guarded length). */
  public boolean leaks(String text) {
    return text != null && secrets.stream().anyMatch(text::contains);
  }

  /**
   * A copy of the JSON tree with credential fields masked (wherever they are: the {@code condition}
   * echo or elsewhere) and every secret string removed from keys and values.
   */
  public JsonNode json(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String name = text(f.getKey());
        if (CREDENTIAL_PARAMS.contains(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
          copy.set(name, f.getValue().isNull() ? f.getValue() : TextNode.valueOf(MASK));
        } else {
          copy.set(name, json(f.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      for (JsonNode element : node) {
        copy.add(json(element));
      }
      return copy;
    }
    if (node.isTextual()) {
      String t = node.textValue();
      String r = text(URL_CREDENTIALS.matcher(t).replaceAll("$1" + MASK));
      return r.equals(t) ? node : TextNode.valueOf(r);
    }
    return node;
  }
}
