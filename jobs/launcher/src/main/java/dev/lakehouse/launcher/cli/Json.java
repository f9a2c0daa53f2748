package dev.lakehouse.launcher.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;

/**
 * The {@code --json} output of the inspection commands: one JSON document per command, printed with
 * nothing before or after it, so scripts can pipe it into {@code jq} or a JSON parser.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Parses a JSON text (rows that Spark serialised). */
  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An instant as ISO-8601 UTC text, or null. */
  static String time(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }

  static void print(PrintStream out, JsonNode doc) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
