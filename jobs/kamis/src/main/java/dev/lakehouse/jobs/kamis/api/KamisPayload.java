package dev.lakehouse.jobs.kamis.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the result code and the rows sit in a KAMIS answer. The shapes differ: most actions put
 * {@code error_code} and {@code item} under {@code data}, and on an error replace {@code data} by a
 * one-element array ({@code "data":["900"]}); dailySalesList and productInfo put {@code error_code}
 * at the top with the rows under {@code price} or {@code info}. Converted from XML, a list of one
 * row may arrive as a bare object, and an empty list as {@code ""} or {@code []}.
 */
public final class KamisPayload {
  /** Success: rows follow. */
  public static final String OK = "000";

  /** No data for that day or query: an empty result, not an error. */
  public static final String NO_DATA = "001";

  /** Wrong parameters. */
  public static final String BAD_PARAMETERS = "200";

  /** Unauthenticated: key or id missing or wrong. */
  public static final String UNAUTHENTICATED = "900";

  private KamisPayload() {}

  /** The result code of an answer, if it has one where KAMIS puts it. */
  public static Optional<String> resultCode(JsonNode body) {
    JsonNode data = body.get("data");
    if (data != null && data.isArray() && data.size() > 0 && data.get(0).isValueNode()) {
      return Optional.of(data.get(0).asText());
    }
    if (data != null && data.isObject() && data.hasNonNull("error_code")) {
      return Optional.of(data.get("error_code").asText());
    }
    if (body.hasNonNull("error_code") && body.get("error_code").isValueNode()) {
      return Optional.of(body.get("error_code").asText());
    }
    // productInfo answers without a code when it has rows.
    if (body.has("info")) {
      return Optional.of(OK);
    }
    return Optional.empty();
  }

  /** The rows of an answer (empty for an error or no-data answer). */
  public static List<JsonNode> rows(KamisAction action, JsonNode body) {
    JsonNode rows;
    switch (action) {
      case DAILY_SALES:
        rows = body.get("price");
        break;
      case PRODUCT_INFO:
        rows = body.get("info");
        break;
      default:
        JsonNode data = body.get("data");
        rows = data != null && data.isObject() ? data.get("item") : null;
    }
    List<JsonNode> out = new ArrayList<>();
    if (rows == null) {
      return out;
    }
    if (rows.isArray()) {
      rows.forEach(
          r -> {
            if (r.isObject()) {
              out.add(r);
            }
          });
    } else if (rows.isObject()) {
      out.add(rows);
    }
    return out;
  }
}
