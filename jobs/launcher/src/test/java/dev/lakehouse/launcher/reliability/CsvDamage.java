package dev.lakehouse.launcher.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Damages one clean Olist CSV file the way a corpus case says (the {@code input} column of {@code
 * bad-inputs/manifest.psv} for area {@code olist}). Records are split the way a CSV reader sees
 * them: a line break inside quotes stays inside its record, so multi-line review comments survive.
 * Records are numbered from 1 after the header.
 */
final class CsvDamage {
  /** Stands for a byte that is not UTF-8 until the text is encoded (see {@code latin1:}). */
  private static final char NOT_UTF8 = '\u0001';

  private final String header;
  private final List<String> records;
  private final String lineEnd;
  private final boolean bom;

  private CsvDamage(String header, List<String> records, String lineEnd, boolean bom) {
    this.header = header;
    this.records = records;
    this.lineEnd = lineEnd;
    this.bom = bom;
  }

  /**
   * Writes {@code clean} damaged by {@code damage} to {@code target} (or deletes {@code target} for
   * {@code delete}); {@code corpus} resolves {@code file:} inputs.
   */
  static void apply(Path clean, String damage, Path target, Path corpus) throws IOException {
    String op = damage.contains(":") ? damage.substring(0, damage.indexOf(':')) : damage;
    String arg = damage.contains(":") ? damage.substring(damage.indexOf(':') + 1) : "";
    byte[] bytes = Files.readAllBytes(clean);
    switch (op) {
      case "-" -> Files.write(target, bytes);
      case "delete" -> Files.deleteIfExists(target);
      case "empty" -> Files.write(target, new byte[0]);
      case "file" ->
          Files.copy(
              corpus.resolve(arg), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      case "gzip" -> Files.write(target, gzip(bytes));
      case "delimiter" -> {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Files.writeString(target, text.replace(",", arg), StandardCharsets.UTF_8);
      }
      default -> {
        CsvDamage csv = parse(new String(bytes, StandardCharsets.UTF_8));
        Files.write(target, csv.damaged(op, arg));
      }
    }
  }

  private static CsvDamage parse(String text) {
    boolean bom = text.startsWith("\uFEFF");
    String s = bom ? text.substring(1) : text;
    int firstBreak = s.indexOf('\n');
    String header = s.substring(0, firstBreak);
    String lineEnd = header.endsWith("\r") ? "\r\n" : "\n";
    header = strip(header);
    return new CsvDamage(header, records(s.substring(firstBreak + 1)), lineEnd, bom);
  }

  /** The records of CSV text: split at line breaks outside quotes, without their line ends. */
  static List<String> records(String body) {
    List<String> out = new ArrayList<>();
    for (String record : splitOutsideQuotes(body, '\n')) {
      out.add(strip(record));
    }
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1); // the file's final line end
    }
    return out;
  }

  /** The fields of one record, split at commas outside quotes, quotes kept. */
  static List<String> fields(String record) {
    return splitOutsideQuotes(record, ',');
  }

  private static List<String> splitOutsideQuotes(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String strip(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String unquote(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
        ? field.substring(1, field.length() - 1).replace("\"\"", "\"")
        : field;
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  private int column(String name) {
    List<String> names = fields(header).stream().map(CsvDamage::unquote).toList();
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + names);
    }
    return i;
  }

  private String setField(String record, int column, String value) {
    List<String> f = fields(record);
    f.set(column, quote(value));
    return String.join(",", f);
  }

  private byte[] damaged(String op, String arg) {
    List<String> recs = new ArrayList<>(records);
    String head = header;
    String end = lineEnd;
    boolean withBom = bom;
    boolean finalLineEnd = true;
    String[] a = arg.split(":", -1);
    switch (op) {
      case "header-only" -> recs.clear();
      case "header-drop" -> head = headerWith(h -> h.remove(unquotedIndex(h, a[0])));
      case "header-add" -> head = headerWith(h -> h.add("\"" + a[0] + "\""));
      case "header-swap" -> {
        String[] names = arg.split(",");
        head =
            headerWith(
                h -> {
                  int i = unquotedIndex(h, names[0]);
                  int j = unquotedIndex(h, names[1]);
                  String t = h.get(i);
                  h.set(i, h.get(j));
                  h.set(j, t);
                });
      }
      case "header-rename" -> {
        String[] names = arg.split(",");
        head = headerWith(h -> h.set(unquotedIndex(h, names[0]), "\"" + names[1] + "\""));
      }
      case "duplicate-record" -> recs.add(recs.get(Integer.parseInt(a[0]) - 1));
      case "truncate-last-record" -> {
        List<String> f = fields(recs.get(recs.size() - 1));
        recs.set(recs.size() - 1, String.join(",", f.subList(0, f.size() / 2)));
      }
      case "unterminated-quote" -> {
        List<String> f = fields(recs.get(recs.size() - 1));
        f.set(1, "\"" + unquote(f.get(1)));
        recs.set(recs.size() - 1, String.join(",", f));
      }
      case "latin1" -> recs.set(0, setField(recs.get(0), column(a[0]), "S" + NOT_UTF8 + "o paulo"));
      case "extra-field" -> recs.set(0, recs.get(0) + ",EXTRA");
      case "missing-field" -> {
        List<String> f = fields(recs.get(0));
        recs.set(0, String.join(",", f.subList(0, f.size() - 1)));
      }
      case "bom" -> withBom = true;
      case "crlf" -> end = "\r\n";
      case "blank-lines" -> {
        recs.add(1, "");
        recs.add(1, "");
      }
      case "huge" ->
          recs.set(0, setField(recs.get(0), column(a[0]), "x".repeat(Integer.parseInt(a[1]))));
      case "no-final-newline" -> finalLineEnd = false;
      case "set" -> {
        int k = Integer.parseInt(a[1]) - 1;
        String value = String.join(":", java.util.Arrays.copyOfRange(a, 2, a.length));
        recs.set(k, setField(recs.get(k), column(a[0]), value));
      }
      default -> throw new IllegalArgumentException("unknown damage " + op);
    }
    StringBuilder text = new StringBuilder();
    if (withBom) {
      text.append('\uFEFF');
    }
    text.append(head).append(end);
    for (int i = 0; i < recs.size(); i++) {
      text.append(recs.get(i));
      if (i < recs.size() - 1 || finalLineEnd) {
        text.append(end);
      }
    }
    byte[] out = text.toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < out.length; i++) {
      if (out[i] == NOT_UTF8) {
        out[i] = (byte) 0xE3; // "ã" in Latin-1: on its own, not a UTF-8 sequence
      }
    }
    return out;
  }

  private String headerWith(java.util.function.Consumer<List<String>> change) {
    List<String> h = new ArrayList<>(fields(header));
    change.accept(h);
    return String.join(",", h);
  }

  private static int unquotedIndex(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (unquote(header.get(i)).equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + header);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
