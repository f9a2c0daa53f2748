package dev.lakehouse.jobs.kamis;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.job.JobRunner;
import dev.lakehouse.common.job.Progress;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.common.testing.TestSpark;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Run contexts with a day range, and the landing fixtures under {@code src/test/resources/kamis}.
 */
public final class KamisTestContexts {
  private KamisTestContexts() {}

  /** A fixture landing folder: {@code landing}, {@code landing-bad} or {@code landing-future}. */
  public static String landing(String name) {
    URL url = KamisTestContexts.class.getResource("/kamis/" + name);
    if (url == null) {
      throw new IllegalStateException("fixture /kamis/" + name + " is missing");
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JobContext context(Path root, String batch, String source, String from, String to) {
    LakehouseSettings s = TestSpark.settings(root);
    return new JobContext(
        JobRunner.newRunId(),
        Optional.ofNullable(batch),
        Optional.ofNullable(source),
        LocalDate.parse(to == null ? "2024-11-01" : to),
        Optional.ofNullable(from).map(LocalDate::parse),
        Optional.ofNullable(to).map(LocalDate::parse),
        s,
        new TableLayout(s.root()),
        new Progress(System.out));
  }
}
