package dev.lakehouse.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.table.Layer;
import dev.lakehouse.common.table.TableId;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Upstream and downstream tables from OpenLineage run events (the file transport's NDJSON, one
 * {@code RunEvent} per line). Each event that reads some datasets and writes others is one edge
 * from every input to every output; the events of the Spark listener are per write, so a silver
 * table links to the bronze table it was promoted from, not to every table its job read.
 *
 * <p>Datasets are matched to tables by location: the event's namespace and name give a location
 * ({@code file} + an absolute path locally, {@code s3://bucket} + a key on S3), and a location
 * {@code <root>/<layer>/<domain>/<table>} is that table. Other locations under the root (landing
 * files, quarantine) are kept by their path under the root, so pages can name sources too.
 */
final class LineageIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final Map<String, Set<String>> upstream = new TreeMap<>();
  private final Map<String, Set<String>> downstream = new TreeMap<>();
  private final Map<String, Set<String>> writers = new TreeMap<>();
  private int events;
  private int unreadable;

  /**
   * @param root the lakehouse root as {@link dev.lakehouse.common.table.TableLayout#root()} gives
   *     it: an absolute local path or a URI such as {@code s3a://bucket/prefix}
   */
  LineageIndex(String root) {
    this.root = canonicalRoot(root);
  }

  /** Reads every event of an NDJSON stream; lines that are not JSON are counted, not fatal. */
  LineageIndex read(BufferedReader lines) throws IOException {
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event;
      try {
        event = JSON.readTree(line);
      } catch (IOException e) {
        unreadable++;
        continue;
      }
      add(event);
    }
    return this;
  }

  /** Adds one run event. */
  void add(JsonNode event) {
    events++;
    List<String> in = datasets(event.path("inputs"));
    List<String> out = datasets(event.path("outputs"));
    String job = jobOf(event);
    for (String o : out) {
      if (job != null && parseTable(o) != null) {
        writers.computeIfAbsent(o, k -> new TreeSet<>()).add(job);
      }
      for (String i : in) {
        if (!i.equals(o)) {
          upstream.computeIfAbsent(o, k -> new TreeSet<>()).add(i);
          downstream.computeIfAbsent(i, k -> new TreeSet<>()).add(o);
        }
      }
    }
  }

  int events() {
    return events;
  }

  int unreadable() {
    return unreadable;
  }

  /** The table's neighbours: tables, and other datasets by their path under the root. */
  ReportModel.Neighbours neighbours(TableId table) {
    String key = key(table);
    Set<String> up = upstream.get(key);
    Set<String> down = downstream.get(key);
    return new ReportModel.Neighbours(
        tables(up),
        others(up),
        tables(down),
        others(down),
        List.copyOf(writers.getOrDefault(key, Set.of())));
  }

  private static String key(TableId t) {
    return t.layer().id() + "/" + t.domain() + "/" + t.name();
  }

  private static List<TableId> tables(Set<String> keys) {
    List<TableId> out = new ArrayList<>();
    if (keys != null) {
      for (String k : keys) {
        TableId t = parseTable(k);
        if (t != null) {
          out.add(t);
        }
      }
    }
    out.sort(
        (a, b) ->
            a.layer() != b.layer()
                ? a.layer().compareTo(b.layer())
                : a.toString().compareTo(b.toString()));
    return out;
  }

  private static List<String> others(Set<String> keys) {
    List<String> out = new ArrayList<>();
    if (keys != null) {
      for (String k : keys) {
        if (parseTable(k) == null) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** The job a Spark-level event belongs to: its parent job, else its own. */
  private static String jobOf(JsonNode event) {
    JsonNode parent = event.path("run").path("facets").path("parent").path("job").path("name");
    if (!parent.isMissingNode() && parent.isTextual()) {
      return parent.asText();
    }
    JsonNode own = event.path("job").path("name");
    return own.isTextual() ? own.asText() : null;
  }

  /** Keys of the datasets of one side of an event: paths under the root, else full locations. */
  private List<String> datasets(JsonNode array) {
    Set<String> keys = new LinkedHashSet<>();
    if (array.isArray()) {
      for (JsonNode d : array) {
        String ns = d.path("namespace").asText("");
        String name = d.path("name").asText("");
        if (!name.isEmpty()) {
          keys.add(relative(location(ns, name)));
        }
      }
    }
    return List.copyOf(keys);
  }

  private String relative(String location) {
    return location.startsWith(root + "/") ? location.substring(root.length() + 1) : location;
  }

  /**
   * One spelling per location: local paths as absolute paths, object stores as {@code
   * s3://bucket/key} whether the writer said s3, s3a or s3n.
   */
  static String location(String namespace, String name) {
    String n = trimSlashes(name.startsWith("file:") ? name.substring(5) : name);
    if (namespace.isEmpty() || namespace.equals("file") || namespace.startsWith("file:")) {
      return "/" + n.replaceFirst("^/+", "");
    }
    String ns = namespace.replaceFirst("^s3[an]://", "s3://");
    while (ns.endsWith("/")) {
      ns = ns.substring(0, ns.length() - 1);
    }
    return ns + "/" + n.replaceFirst("^/+", "");
  }

  static String canonicalRoot(String root) {
    String r = root;
    if (r.startsWith("file:")) {
      r = "/" + r.substring(5).replaceFirst("^/+", "");
    } else {
      r = r.replaceFirst("^s3[an]://", "s3://");
    }
    return trimSlashes(r);
  }

  private static String trimSlashes(String s) {
    String t = s;
    while (t.length() > 1 && t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** {@code <layer>/<domain>/<table>} as a table id, or null for any other path. */
  static TableId parseTable(String relative) {
    String[] parts = relative.split("/", -1);
    if (parts.length != 3) {
      return null;
    }
    Layer layer = Layer.parse(parts[0]);
    if (layer == null) {
      return null;
    }
    try {
      return new TableId(layer, parts[1], parts[2]);
    } catch (LakehouseException e) {
      return null; // not a table name the lakehouse would write: show it as a plain dataset
    }
  }
}
