package dev.lakehouse.common.quality;

import java.util.Arrays;
import java.util.Locale;

/** "Did you mean" help for unknown column names in rule files. */
final class ColumnHints {
  private static final int MAX_LISTED = 25;

  private ColumnHints() {}

  /** A hint naming the closest existing column, or listing the columns. */
  static String suggest(String wanted, String[] columns) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : columns) {
      int d =
          c.equalsIgnoreCase(wanted)
              ? 0
              : distance(c.toLowerCase(Locale.ROOT), wanted.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best == null || bestDistance > Math.max(2, wanted.length() / 4)) {
      best = null;
      String w = wanted.toLowerCase(Locale.ROOT);
      for (String c : columns) {
        String l = c.toLowerCase(Locale.ROOT);
        boolean related = l.length() >= 3 && (w.contains(l) || l.contains(w));
        if (related && (best == null || c.length() > best.length())) {
          best = c;
        }
      }
    }
    if (best != null) {
      return "did you mean '" + best + "'? (column names are case-sensitive)";
    }
    String listed =
        String.join(", ", Arrays.asList(columns).subList(0, Math.min(MAX_LISTED, columns.length)));
    return "the table has "
        + (columns.length > MAX_LISTED ? "(first " + MAX_LISTED + ") " : "")
        + "columns: "
        + listed;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
