package dev.lakehouse.launcher.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table for the terminal: numbers right-aligned, text left-aligned. */
public final class TextTable {
  private static final int MAX_WIDTH = 48;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  public TextTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(cell(c));
    }
    rows.add(r);
    return this;
  }

  private static String cell(Object c) {
    if (c == null) {
      return "null";
    }
    String s = c.toString().replace("\r", "\\r").replace("\n", "\\n");
    return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 1) + "…" : s;
  }

  public int size() {
    return rows.size();
  }

  public String render() {
    int n = headers.size();
    int[] w = new int[n];
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      w[i] = headers.get(i).length();
      numeric[i] = !rows.isEmpty();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < n; i++) {
        String v = i < r.size() ? r.get(i) : "";
        w[i] = Math.max(w[i], v.codePointCount(0, v.length()));
        numeric[i] &= v.matches("-?[0-9][0-9.,]*s?|null|-");
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, w, new boolean[n]);
    for (int i = 0; i < n; i++) {
      sb.append("-".repeat(w[i])).append(i < n - 1 ? "  " : "\n");
    }
    for (List<String> r : rows) {
      line(sb, r, w, numeric);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w, boolean[] right) {
    for (int i = 0; i < w.length; i++) {
      String v = i < cells.size() ? cells.get(i) : "";
      String pad = " ".repeat(w[i] - v.codePointCount(0, v.length()));
      sb.append(right[i] ? pad + v : (i < w.length - 1 ? v + pad : v));
      sb.append(i < w.length - 1 ? "  " : "\n");
    }
  }

  public void print(PrintStream out) {
    out.print(render());
    out.flush();
  }
}
