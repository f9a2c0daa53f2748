package dev.lakehouse.jobs.olist.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Golden mart outputs: {@code src/test/resources/olist/gold/expected/<mart>.csv}, a header line and
 * one line per row, compared ignoring row order. Written by hand; regenerated only when the tests
 * run with {@code -Dgolden.update=true} (then review the diff before committing).
 *
 * <p>Values: empty for null, dates ISO, decimals with their scale ({@code 50.00}), doubles as Java
 * prints them ({@code 0.5}, {@code 1.0}).
 */
final class Golden {
  static final String UPDATE_PROPERTY = "golden.update";
  private static final Path SOURCE_DIR = Path.of("src/test/resources/olist/gold/expected");

  private Golden() {}

  /** Header plus one formatted line per row, in the frame's order. */
  static List<String> lines(Dataset<Row> df) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", df.columns()));
    for (Row r : df.collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        values.add(format(r.get(i)));
      }
      lines.add(String.join(",", values));
    }
    return lines;
  }

  static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    return v.toString();
  }

  /** Asserts {@code actual} equals the golden file of {@code mart}; rewrites it under the flag. */
  static void assertMatches(String mart, Dataset<Row> actual) {
    assertMatches(mart, lines(actual));
  }

  /** As {@link #assertMatches(String, Dataset)}, on {@link #lines} already collected. */
  static void assertMatches(String mart, List<String> got) {
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      write(mart, got);
      return;
    }
    List<String> expected = expected(mart);
    assertThat(got.get(0)).as(mart + " columns").isEqualTo(expected.get(0));
    assertThat(got.subList(1, got.size()))
        .as(mart + " rows (order ignored)")
        .containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
  }

  static List<String> expected(String mart) {
    try {
      return Files.readAllLines(
              Path.of(GoldFixtures.resource("olist/gold/expected/" + mart + ".csv")),
              StandardCharsets.UTF_8)
          .stream()
          .filter(l -> !l.isBlank())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String mart, List<String> lines) {
    if (!Files.isDirectory(SOURCE_DIR.getParent())) {
      throw new IllegalStateException(
          "-D" + UPDATE_PROPERTY + "=true must run from jobs/olist (no " + SOURCE_DIR + " here)");
    }
    List<String> sorted = new ArrayList<>(lines.subList(1, lines.size()));
    sorted.sort(null);
    sorted.add(0, lines.get(0));
    try {
      Files.createDirectories(SOURCE_DIR);
      Files.write(SOURCE_DIR.resolve(mart + ".csv"), sorted, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("Rewrote golden file " + SOURCE_DIR.resolve(mart + ".csv") + ": review it.");
  }
}
