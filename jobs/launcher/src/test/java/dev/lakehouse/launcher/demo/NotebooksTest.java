package dev.lakehouse.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The notebooks in {@code notebooks/} are valid nbformat 4 files for a PySpark kernel, and every
 * SQL cell (a code cell tagged {@code sql}, see notebooks/README.md) runs through Spark SQL against
 * the demo lakehouse and returns rows, so the notebooks' queries stay real and current.
 */
class NotebooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The query of a SQL cell: the first triple-quoted string passed to spark.sql. */
  private static final Pattern QUERY =
      Pattern.compile("spark\\.sql\\(f?\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

  static Path notebooksDir() {
    // Surefire runs in the module folder; the notebooks are at the repository's top level.
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("notebooks"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a notebooks/ folder above the working directory").isNotNull();
    return dir.resolve("notebooks");
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(notebooksDir())) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  static String source(JsonNode cell) {
    JsonNode src = cell.get("source");
    if (src.isTextual()) {
      return src.asText();
    }
    StringBuilder sb = new StringBuilder();
    src.forEach(l -> sb.append(l.asText()));
    return sb.toString();
  }

  static boolean tagged(JsonNode cell, String tag) {
    JsonNode tags = cell.path("metadata").path("tags");
    for (JsonNode t : tags) {
      if (t.asText().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void notebooksAreValidNbformatForPySpark() throws IOException {
    List<Path> files = notebooks();
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (Path f : files) {
      JsonNode nb = JSON.readTree(f.toFile());
      assertThat(nb.get("nbformat").asInt()).as(f + " nbformat").isEqualTo(4);
      assertThat(nb.get("nbformat_minor").asInt()).as(f.toString()).isGreaterThanOrEqualTo(4);
      JsonNode kernel = nb.path("metadata").path("kernelspec");
      assertThat(kernel.path("name").asText()).as(f + " kernelspec").isNotEmpty();
      assertThat(kernel.path("display_name").asText()).as(f + " kernelspec").isNotEmpty();
      assertThat(nb.path("metadata").path("language_info").path("name").asText())
          .isEqualTo("python");
      assertThat(nb.get("cells").size()).as(f.toString()).isPositive();
      String all = "";
      for (JsonNode cell : nb.get("cells")) {
        String type = cell.get("cell_type").asText();
        assertThat(type).as(f.toString()).isIn("code", "markdown", "raw");
        assertThat(cell.get("metadata").isObject()).as(f + " cell metadata").isTrue();
        assertThat(cell.has("source")).isTrue();
        if (type.equals("code")) {
          assertThat(cell.get("outputs").isArray()).as(f + " code cell outputs").isTrue();
          assertThat(cell.has("execution_count")).isTrue();
          String src = source(cell);
          // Every query is a tagged SQL cell, so the test below runs all of them.
          assertThat(src.contains("spark.sql(")).as(f + ": " + src).isEqualTo(tagged(cell, "sql"));
        }
        all += source(cell);
      }
      assertThat(all).as(f.toString()).contains("LAKEHOUSE_ROOT");
    }
  }

  @Test
  void everySqlCellReturnsRowsOnTheDemoLakehouse() throws IOException {
    String root = DemoLakehouse.root().toString();
    int queries = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : notebooks()) {
      int cellNo = 0;
      for (JsonNode cell : JSON.readTree(f.toFile()).get("cells")) {
        cellNo++;
        if (!tagged(cell, "sql")) {
          continue;
        }
        Matcher m = QUERY.matcher(source(cell));
        assertThat(m.find())
            .as(f + " cell " + cellNo + " holds spark.sql(\"\"\"...\"\"\")")
            .isTrue();
        String sql = m.group(1).replace("{LAKEHOUSE_ROOT}", root);
        queries++;
        try {
          List<Row> rows = DemoLakehouse.spark().sql(sql).limit(5).collectAsList();
          if (rows.isEmpty()) {
            failures.add(f.getFileName() + " cell " + cellNo + " returned no rows:\n" + sql);
          }
        } catch (RuntimeException e) {
          failures.add(
              f.getFileName() + " cell " + cellNo + " failed: " + e.getMessage() + "\n" + sql);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(queries).isGreaterThanOrEqualTo(9);
  }
}
