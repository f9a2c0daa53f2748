package dev.lakehouse.launcher.report;

import java.util.Locale;

/**
 * HTML text for the report pages. Every value that comes from data (table contents, rule messages,
 * quarantined raw records, lineage names) goes through {@link #text}, so a record holding markup
 * shows as text and never runs as a script.
 */
final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values. */
  static String text(Object value) {
    String s = value == null ? "" : value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // Control characters other than tab and line breaks are not allowed in HTML text.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** At most {@code max} characters, with an ellipsis when cut (for long raw records). */
  static String shorten(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "\u2026";
  }

  /** A number as people read it: integers without decimals, others with up to four. */
  static String number(Double v) {
    if (v == null || v.isNaN()) {
      return "\u2013";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", v.longValue());
    }
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** A CSS class for a gate or rule status (passed, warning, failed, none). */
  static String statusClass(String status) {
    return status == null ? "none" : status.toLowerCase(Locale.ROOT).replace(' ', '-');
  }
}
