package dev.lakehouse.jobs.kamis.bronze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one landed envelope (DESIGN.md, "Landing layout") into the records bronze keeps or
 * quarantines. Pure Java so every rule is tested without Spark; the Spark side only maps records to
 * rows. Nothing here throws for bad input: a broken envelope or row becomes a record with a reason.
 */
final class EnvelopeParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a record is. */
  enum Kind {
    /** A data row for bronze. */
    ROW,
    /** A data row of the wrong shape, for quarantine. */
    BAD_ROW,
    /** An envelope that could not be used at all, for quarantine (one record per file). */
    BAD_ENVELOPE,
    /** A well-formed envelope without rows (result 001, or 000 with an empty list). */
    EMPTY
  }

  /**
   * One record.
   *
   * @param fields the row's fields as strings (ROW only; JSON null stays null)
   * @param params the stored request parameters (credentials never included)
   * @param raw the row or envelope text for quarantine, credentials scrubbed
   * @param reason why it is quarantined (BAD_ROW, BAD_ENVELOPE)
   * @param credentialsFound the envelope's parameters held a real credential value (not stored)
   * @param unstoredParams parameter names this table has no column for (reported, not stored)
   */
  record Record(
      Kind kind,
      Map<String, String> fields,
      Map<String, String> params,
      String fetchedAt,
      String raw,
      String reason,
      boolean credentialsFound,
      List<String> unstoredParams) {}

  private static final Pattern JSON_SECRET =
      Pattern.compile("(\"(?:p_cert_key|p_cert_id)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern URL_SECRET =
      Pattern.compile("((?:p_cert_key|p_cert_id)=)[^&\"\\s]*");
  private static final String MASK = "***";

  private final KamisBronzeTable table;
  private final List<String> secrets;
  private transient ObjectMapper mapper;

  /**
   * @param secrets the configured credential values (blank ones ignored): scrubbed from every text
   *     kept, as a last line of defence should an envelope carry them somewhere unexpected
   */
  EnvelopeParser(KamisBronzeTable table, List<String> secrets) {
    this.table = table;
    this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    return mapper;
  }

  /** Parses the text of one envelope file. */
  List<Record> parse(String text) {
    JsonNode env;
    try {
      env = text == null || text.isBlank() ? null : mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return List.of(badEnvelope(text, "not valid JSON: " + firstLine(e.getOriginalMessage())));
    }
    if (env == null || !env.isObject()) {
      return List.of(badEnvelope(text, "not a JSON object (an envelope is one object per file)"));
    }
    String action = text(env.get("action"));
    if (!table.action().equals(action)) {
      return List.of(
          badEnvelope(
              text,
              "envelope action '" + action + "' does not match its folder " + table.action()));
    }
    String fetchedAt = text(env.get("fetched_at"));
    if (fetchedAt == null || !isInstant(fetchedAt)) {
      return List.of(badEnvelope(text, "fetched_at '" + fetchedAt + "' is not an ISO instant"));
    }
    JsonNode paramsNode = env.get("params");
    if (paramsNode != null && !paramsNode.isNull() && !paramsNode.isObject()) {
      return List.of(badEnvelope(text, "params is not an object"));
    }
    Map<String, String> params = new LinkedHashMap<>();
    boolean credentials = false;
    Set<String> unstored = new TreeSet<>();
    if (paramsNode != null && paramsNode.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        String value = value(p.getValue());
        if (KamisBronzeTable.CREDENTIAL_PARAMS.contains(p.getKey())) {
          credentials |= value != null && !value.isBlank() && !value.matches("\\*+");
        } else if (table.params().contains(p.getKey())) {
          params.put(p.getKey(), scrub(value));
        } else if (!p.getKey().equals("action")) {
          unstored.add(p.getKey());
        }
      }
    }
    List<String> unstoredParams = List.copyOf(unstored);
    String resultCode = text(env.get("result_code"));
    JsonNode response = env.get("response");
    if (response == null || !response.isObject()) {
      return List.of(badEnvelope(text, "response is missing or not a JSON object"));
    }
    if (!"000".equals(resultCode) && !"001".equals(resultCode)) {
      return List.of(
          badEnvelope(
              text,
              "result code '"
                  + resultCode
                  + "' is not a result (000 rows, 001 empty); 200 means wrong parameters,"
                  + " 900 bad credentials: the fetcher should not have landed it"));
    }
    if ("001".equals(resultCode)) {
      // No data for that day (a holiday): landed so the slot is not fetched again; no rows.
      return List.of(
          new Record(
              Kind.EMPTY, Map.of(), params, fetchedAt, null, null, credentials, unstoredParams));
    }
    JsonNode container = response;
    for (String step : table.rowPath()) {
      if (!container.isObject()) {
        // An error payload puts a one-element string array where the object should be.
        return List.of(
            badEnvelope(
                text,
                "no rows at "
                    + String.join(".", table.rowPath())
                    + ": found "
                    + container
                    + " where an object should be"));
      }
      container = container.get(step);
      if (container == null || container.isNull()) {
        break;
      }
    }
    List<JsonNode> rows = new ArrayList<>();
    if (container == null || container.isNull() || isEmptyText(container)) {
      // No row list at all: an empty result.
    } else if (container.isArray()) {
      container.forEach(rows::add);
    } else if (container.isObject()) {
      // XML converted to JSON turns a list of one element into the element itself.
      rows.add(container);
    } else {
      return List.of(
          badEnvelope(
              text,
              "rows at " + String.join(".", table.rowPath()) + " are " + container.getNodeType()));
    }
    if (rows.isEmpty()) {
      return List.of(
          new Record(
              Kind.EMPTY, Map.of(), params, fetchedAt, null, null, credentials, unstoredParams));
    }
    List<Record> out = new ArrayList<>(rows.size());
    int n = 0;
    for (JsonNode row : rows) {
      n++;
      out.add(row(row, n, params, fetchedAt, credentials, unstoredParams));
    }
    return out;
  }

  private Record row(
      JsonNode row,
      int n,
      Map<String, String> params,
      String fetchedAt,
      boolean credentials,
      List<String> unstored) {
    String raw = scrub(row.toString());
    if (!row.isObject()) {
      return new Record(
          Kind.BAD_ROW,
          Map.of(),
          params,
          fetchedAt,
          raw,
          "row " + n + " is not a JSON object but " + row.getNodeType(),
          credentials,
          unstored);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Set<String> unexpected = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (table.fields().contains(f.getKey())) {
        fields.put(f.getKey(), scrub(value(f.getValue())));
      } else {
        unexpected.add(f.getKey());
      }
    }
    if (!unexpected.isEmpty()) {
      return new Record(
          Kind.BAD_ROW,
          Map.of(),
          params,
          fetchedAt,
          raw,
          "row "
              + n
              + " has fields "
              + unexpected
              + " that "
              + table.bronze()
              + " has no columns for (extend KamisBronzeTable if the API added them)",
          credentials,
          unstored);
    }
    if (fields.isEmpty()) {
      return new Record(
          Kind.BAD_ROW,
          Map.of(),
          params,
          fetchedAt,
          raw,
          "row " + n + " has none of the fields of " + table.action(),
          credentials,
          unstored);
    }
    return new Record(Kind.ROW, fields, params, fetchedAt, null, null, credentials, unstored);
  }

  private Record badEnvelope(String text, String reason) {
    return new Record(
        Kind.BAD_ENVELOPE, Map.of(), Map.of(), null, scrub(text), reason, false, List.of());
  }

  /** A string as received; any other JSON value as its JSON text; JSON null as null. */
  private static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static String text(JsonNode v) {
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static boolean isEmptyText(JsonNode v) {
    return v.isTextual() && v.textValue().isBlank();
  }

  private static boolean isInstant(String s) {
    try {
      Instant.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Removes credential values: by parameter name in JSON and URLs, and the configured values. */
  String scrub(String s) {
    if (s == null) {
      return null;
    }
    String out = JSON_SECRET.matcher(s).replaceAll("$1\"" + MASK + "\"");
    out = URL_SECRET.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
