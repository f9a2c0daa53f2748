package dev.lakehouse.jobs.olist.bronze;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the header line of a source CSV file, without Spark: the bronze job checks all
 * nine headers before it reads any data, so a wrong file fails fast with a message that says which
 * columns differ.
 *
 * <p>The header line may start with a UTF-8 byte-order mark, end with CRLF, and quote its names
 * (the real Olist files do all three).
 */
final class SourceHeaders {
  /** Longer than any real header; a "header" this long means the file is not a CSV at all. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final char BOM = '\uFEFF';

  private SourceHeaders() {}

  /**
   * The first line of a stream, decoded as UTF-8 without its line end; empty when the stream is
   * empty. Reads at most {@link #MAX_HEADER_BYTES}.
   */
  static String firstLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    int b;
    while (line.size() < MAX_HEADER_BYTES && (b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /**
   * Splits a header line into column names: strips a leading byte-order mark and a trailing CR,
   * splits on commas outside quotes, and unquotes quoted names ({@code ""} inside quotes is one
   * quote). An empty line has no columns.
   */
  static List<String> parse(String line) {
    String s = line;
    if (!s.isEmpty() && s.charAt(0) == BOM) {
      s = s.substring(1);
    }
    while (s.endsWith("\r") || s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    List<String> names = new ArrayList<>();
    if (s.isEmpty()) {
      return names;
    }
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          name.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          name.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        names.add(name.toString());
        name.setLength(0);
      } else {
        name.append(c);
      }
    }
    names.add(name.toString());
    return names;
  }

  /**
   * How {@code actual} differs from {@code expected}, or empty when they are equal: the missing,
   * unexpected, duplicated and misordered columns, e.g. {@code missing column order_status;
   * unexpected column order_state}. Positions are 1-based.
   */
  static Optional<String> difference(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      if (!actual.contains(e)) {
        missing.add(e);
      }
    }
    Set<String> unexpected = new LinkedHashSet<>();
    Set<String> duplicated = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    for (String a : actual) {
      if (!expected.contains(a)) {
        unexpected.add(a);
      } else if (!seen.add(a)) {
        duplicated.add(a);
      }
    }
    describe(parts, "missing", missing);
    describe(parts, "unexpected", new ArrayList<>(unexpected));
    describe(parts, "duplicated", new ArrayList<>(duplicated));
    List<String> misordered = misordered(expected, actual);
    if (!misordered.isEmpty()) {
      parts.add(
          "misordered " + (misordered.size() == 1 ? "column " : "columns ") + join(misordered));
    }
    if (parts.isEmpty()) {
      // Unreachable for lists that differ, but never report "no difference" for a mismatch.
      parts.add("columns differ");
    }
    return Optional.of(String.join("; ", parts));
  }

  /**
   * Columns present in both lists whose relative order differs, each with its position in the file
   * and the position the expected header gives it.
   */
  private static List<String> misordered(List<String> expected, List<String> actual) {
    List<String> commonExpected = new ArrayList<>();
    for (String e : expected) {
      if (actual.contains(e)) {
        commonExpected.add(e);
      }
    }
    List<String> commonActual = new ArrayList<>();
    for (String a : actual) {
      if (expected.contains(a) && !commonActual.contains(a)) {
        commonActual.add(a);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < commonActual.size(); i++) {
      String name = commonActual.get(i);
      if (!commonExpected.get(i).equals(name)) {
        out.add(
            display(name)
                + " at position "
                + (actual.indexOf(name) + 1)
                + " (expected "
                + (expected.indexOf(name) + 1)
                + ")");
      }
    }
    return out;
  }

  private static void describe(List<String> parts, String what, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> shown = new ArrayList<>();
    for (String n : names) {
      shown.add(display(n));
    }
    parts.add(what + (names.size() == 1 ? " column " : " columns ") + join(shown));
  }

  private static String display(String name) {
    return name.isEmpty() ? "(empty name)" : name;
  }

  private static String join(List<String> names) {
    return String.join(", ", names);
  }
}
