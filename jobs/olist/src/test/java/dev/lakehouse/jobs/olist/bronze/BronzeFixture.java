package dev.lakehouse.jobs.olist.bronze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The hand-made landing folder under {@code src/test/resources/olist/bronze/landing}: all nine
 * files, a few rows each, with the quirks of the real Olist files (see IngestOlistToBronzeTest).
 */
final class BronzeFixture {
  private BronzeFixture() {}

  /** The fixture folder on the test classpath (read-only: copy it before changing anything). */
  static Path landing() {
    URL url = BronzeFixture.class.getResource("/olist/bronze/landing/olist_orders_dataset.csv");
    if (url == null) {
      throw new IllegalStateException("fixture olist/bronze/landing is not on the classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the fixture folder in {@code dir}/landing, safe to modify. */
  static Path copyLanding(Path dir) {
    Path target = dir.resolve("landing");
    try (Stream<Path> files = Files.list(landing())) {
      Files.createDirectories(target);
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
