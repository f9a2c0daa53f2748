package dev.lakehouse.jobs.kamis.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.jobs.kamis.api.KamisAction;
import dev.lakehouse.jobs.kamis.api.KamisResponse;
import dev.lakehouse.jobs.kamis.api.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The KAMIS landing area, through the Hadoop FileSystem API so that a local folder and {@code
 * s3a://} behave alike. Layout (DESIGN.md): {@code <root>/<action>/<slot>/<request-key>.json}, one
 * envelope per file on one line, and {@code _SUCCESS} in a slot once all its requests have landed.
 */
public final class KamisLanding {
  /** Marks a complete slot. */
  public static final String SUCCESS = "_SUCCESS";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FETCHED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * One landed answer.
   *
   * @param action the action's KAMIS name
   * @param slot the slot
   * @param day p_regday, or the start day of a period, or the slot day of actions without a day
   * @param endDay the end day of a period, null otherwise
   * @param params the request parameters (never credentials)
   * @param url the URL called, credentials masked
   * @param fetchedAt when it arrived, ISO-8601 UTC with milliseconds
   * @param httpStatus the HTTP status
   * @param resultCode 000 or 001
   * @param response the answer as received, minus credentials
   */
  public record Envelope(
      String action,
      String slot,
      String day,
      String endDay,
      Map<String, String> params,
      String url,
      String fetchedAt,
      int httpStatus,
      String resultCode,
      JsonNode response) {}

  private final Configuration conf;
  private final Path root;

  /**
   * The landing area at {@code landingRoot} (a local path or a URI such as {@code
   * s3a://bucket/lakehouse/landing/kamis}).
   */
  public KamisLanding(Configuration conf, String landingRoot) {
    this.conf = conf;
    this.root = new Path(landingRoot);
  }

  public Path root() {
    return root;
  }

  public Path slotPath(KamisAction action, String slot) {
    return new Path(new Path(root, action.apiName()), slot);
  }

  /** True when the slot's {@code _SUCCESS} exists. */
  public boolean isComplete(KamisAction action, String slot) {
    Path p = new Path(slotPath(action, slot), SUCCESS);
    return io(() -> fs().exists(p));
  }

  /** Deletes what an interrupted earlier fetch left in the slot. */
  public void clearSlot(KamisAction action, String slot) {
    Path p = slotPath(action, slot);
    io(() -> fs().exists(p) && fs().delete(p, true));
  }

  /**
   * Writes the envelope of one answer, replacing the file of an earlier attempt. The whole line
   * passes the redaction's last guard; should a secret still be in it, nothing is written.
   */
  public Path write(KamisResponse response, Redaction redaction) {
    String line = redaction.text(envelopeJson(response));
    if (redaction.leaks(line)) {
      throw new IllegalStateException("refusing to land a response that still holds a credential");
    }
    Path p =
        new Path(
            slotPath(response.request().action(), response.request().slot()),
            response.request().key() + ".json");
    writeText(p, line + "\n");
    return p;
  }

  /** Marks the slot complete: every request of it has landed. */
  public void markComplete(KamisAction action, String slot) {
    writeText(new Path(slotPath(action, slot), SUCCESS), "");
  }

  /** The complete slots of an action, sorted. */
  public List<String> completeSlots(KamisAction action) {
    Path dir = new Path(root, action.apiName());
    return io(
        () -> {
          List<String> out = new ArrayList<>();
          if (!fs().exists(dir)) {
            return out;
          }
          for (FileStatus s : fs().listStatus(dir)) {
            if (s.isDirectory() && fs().exists(new Path(s.getPath(), SUCCESS))) {
              out.add(s.getPath().getName());
            }
          }
          out.sort(null);
          return out;
        });
  }

  /** The landed files of a slot ({@code *.json}, sorted by name). */
  public List<Path> files(KamisAction action, String slot) {
    Path dir = slotPath(action, slot);
    return io(
        () -> {
          List<Path> out = new ArrayList<>();
          if (!fs().exists(dir)) {
            return out;
          }
          for (FileStatus s : fs().listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isFile() && name.endsWith(".json") && !name.startsWith(".")) {
              out.add(s.getPath());
            }
          }
          out.sort(null);
          return out;
        });
  }

  /** The envelopes of a slot. */
  public List<Envelope> read(KamisAction action, String slot) {
    List<Envelope> out = new ArrayList<>();
    for (Path p : files(action, slot)) {
      out.add(readEnvelope(p));
    }
    return out;
  }

  /** Reads one landed file. */
  public Envelope readEnvelope(Path file) {
    return io(
        () -> {
          JsonNode n;
          try (InputStream in = fs().open(file)) {
            n = JSON.readTree(in);
          }
          Map<String, String> params = new LinkedHashMap<>();
          n.path("params")
              .fields()
              .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
          return new Envelope(
              n.path("action").asText(),
              n.path("slot").asText(),
              n.path("day").asText(),
              n.path("end_day").isNull() ? null : n.path("end_day").asText(),
              params,
              n.path("url").asText(),
              n.path("fetched_at").asText(),
              n.path("http_status").asInt(),
              n.path("result_code").asText(),
              n.path("response"));
        });
  }

  /** The envelope of an answer as one line of JSON, in the field order of DESIGN.md. */
  public static String envelopeJson(KamisResponse r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("action", r.request().action().apiName());
    n.put("slot", r.request().slot());
    n.put("day", r.request().day().toString());
    if (r.request().endDay() == null) {
      n.putNull("end_day");
    } else {
      n.put("end_day", r.request().endDay().toString());
    }
    ObjectNode params = n.putObject("params");
    r.request().params().forEach(params::put);
    n.put("url", r.url());
    n.put("fetched_at", FETCHED_AT.format(r.fetchedAt()));
    n.put("http_status", r.httpStatus());
    n.put("result_code", r.resultCode());
    n.set("response", r.body());
    try {
      return JSON.writeValueAsString(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeText(Path p, String text) {
    io(
        () -> {
          try (OutputStream out = fs().create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
          }
          return null;
        });
  }

  private FileSystem fs() throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    // Locally, write through the raw file system: the checksumming one leaves a hidden .crc file
    // beside every landed file, which nothing here reads.
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException("KAMIS landing at " + root + ": " + e.getMessage(), e);
    }
  }
}
