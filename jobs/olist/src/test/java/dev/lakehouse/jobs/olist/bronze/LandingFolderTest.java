package dev.lakehouse.jobs.olist.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.bronze.LandingFolder.LandingFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The landing-folder checks and the derived batch id, through Hadoop's local file system. */
class LandingFolderTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  @Test
  void resolvesTheDefaultFolderWhenNoSourceIsGiven() {
    assertThat(LandingFolder.resolve(Optional.empty(), "/data/landing/olist"))
        .isEqualTo("/data/landing/olist");
    assertThat(LandingFolder.resolve(Optional.of("  "), "s3a://b/landing/olist"))
        .isEqualTo("s3a://b/landing/olist");
  }

  @Test
  void makesARelativeSourceAbsoluteAndKeepsUris() {
    assertThat(LandingFolder.resolve(Optional.of("data/olist/"), "unused"))
        .isEqualTo(Path.of("data/olist").toAbsolutePath().normalize().toString());
    assertThat(LandingFolder.resolve(Optional.of("s3a://bucket/landing/olist/"), "unused"))
        .isEqualTo("s3a://bucket/landing/olist");
    assertThat(LandingFolder.resolve(Optional.of("file:///tmp/x"), "unused"))
        .isEqualTo("file:///tmp/x");
  }

  @Test
  void acceptsTheFixtureAndReportsSizesInFileOrder() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    List<LandingFile> files = LandingFolder.check(landing.toString(), OlistTables.FILES, CONF);
    assertThat(files).extracting(LandingFile::source).isEqualTo(OlistTables.FILES);
    for (LandingFile f : files) {
      Path local = landing.resolve(f.source().fileName());
      assertThat(f.size()).isEqualTo(Files.size(local));
      assertThat(f.modified()).isEqualTo(Files.getLastModifiedTime(local).toMillis());
      assertThat(f.path()).startsWith("file:").endsWith("/landing/" + f.source().fileName());
    }
  }

  @Test
  void missingFileIsAUsageErrorNamingFileAndFolder() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.delete(landing.resolve("olist_order_payments_dataset.csv"));
    LakehouseException e = check(landing);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage())
        .contains("olist_order_payments_dataset.csv is missing from " + landing);
  }

  @Test
  void aFolderInPlaceOfAFileCountsAsMissing() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Path sellers = landing.resolve("olist_sellers_dataset.csv");
    Files.delete(sellers);
    Files.createDirectory(sellers);
    assertThat(check(landing).getMessage()).contains("olist_sellers_dataset.csv is missing");
  }

  @Test
  void missingFolderIsAUsageErrorNamingIt() {
    Path nowhere = tmp.resolve("nowhere");
    LakehouseException e = check(nowhere);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage()).contains("Landing folder " + nowhere + " does not exist");
  }

  @Test
  void emptyFileIsAUsageErrorNamingIt() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.write(landing.resolve("olist_products_dataset.csv"), new byte[0]);
    LakehouseException e = check(landing);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage()).contains("olist_products_dataset.csv is empty");
  }

  @Test
  void fileWithOnlyAByteOrderMarkIsEmpty() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.write(
        landing.resolve("product_category_name_translation.csv"),
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\r', '\n'});
    assertThat(check(landing).getMessage())
        .contains("product_category_name_translation.csv is empty");
  }

  @Test
  void wrongHeaderIsAUsageErrorNamingFileAndDifference() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Path orders = landing.resolve("olist_orders_dataset.csv");
    String text = Files.readString(orders, StandardCharsets.UTF_8);
    Files.writeString(
        orders, text.replaceFirst("\"order_status\"", "\"order_state\""), StandardCharsets.UTF_8);
    LakehouseException e = check(landing);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage())
        .contains("olist_orders_dataset.csv has an unexpected header")
        .contains("missing column order_status; unexpected column order_state");
  }

  @Test
  void checksEveryPresenceBeforeAnyHeader() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    Files.write(
        landing.resolve("olist_customers_dataset.csv"), "x,y\n".getBytes(StandardCharsets.UTF_8));
    Files.delete(landing.resolve("product_category_name_translation.csv"));
    assertThat(check(landing).getMessage())
        .contains("product_category_name_translation.csv is missing");
  }

  @Test
  void derivedBatchIdIsStableAndFollowsSizesAndTimes() throws IOException {
    Path landing = BronzeFixture.copyLanding(tmp);
    String first = batchId(landing);
    assertThat(first).matches("olist-[0-9a-f]{12}");
    assertThat(batchId(landing)).isEqualTo(first);

    Path sellers = landing.resolve("olist_sellers_dataset.csv");
    FileTime time = Files.getLastModifiedTime(sellers);
    Files.setLastModifiedTime(sellers, FileTime.fromMillis(time.toMillis() + 60_000));
    String touched = batchId(landing);
    assertThat(touched).isNotEqualTo(first);

    Files.setLastModifiedTime(sellers, time);
    assertThat(batchId(landing)).isEqualTo(first);
  }

  @Test
  void derivedBatchIdDependsOnNamesSizesAndTimesOnly() {
    List<LandingFile> a = new ArrayList<>();
    List<LandingFile> b = new ArrayList<>();
    for (var f : OlistTables.FILES) {
      a.add(new LandingFile(f, "file:/one/" + f.fileName(), 100, 1_000));
      b.add(new LandingFile(f, "s3a://elsewhere/" + f.fileName(), 100, 1_000));
    }
    assertThat(LandingFolder.derivedBatchId("olist", a))
        .isEqualTo(LandingFolder.derivedBatchId("olist", b));
    b.set(3, new LandingFile(OlistTables.FILES.get(3), "x", 101, 1_000));
    assertThat(LandingFolder.derivedBatchId("olist", a))
        .isNotEqualTo(LandingFolder.derivedBatchId("olist", b));
  }

  /** Guards the fixture's quirks against editors and git line-end conversion. */
  @Test
  void fixtureKeepsTheQuirksOfTheRealFiles() throws IOException {
    Path landing = BronzeFixture.landing();
    byte[] translation =
        Files.readAllBytes(landing.resolve("product_category_name_translation.csv"));
    assertThat(translation).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '"');
    String t = new String(translation, StandardCharsets.UTF_8);
    assertThat(t).contains("\r\n").doesNotContain("\r\n\r\n").endsWith("bed_bath_table");
    assertThat(t.replace("\r\n", "")).doesNotContain("\n");

    String reviews =
        Files.readString(
            landing.resolve("olist_order_reviews_dataset.csv"), StandardCharsets.UTF_8);
    assertThat(reviews.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(reviews).endsWith("\r\n").contains("\"\"frágil\"\"");

    String orders =
        Files.readString(landing.resolve("olist_orders_dataset.csv"), StandardCharsets.UTF_8);
    assertThat(orders).doesNotContain("\r").endsWith("\n");
  }

  private String batchId(Path landing) {
    return LandingFolder.derivedBatchId(
        "olist", LandingFolder.check(landing.toString(), OlistTables.FILES, CONF));
  }

  private static LakehouseException check(Path landing) {
    LakehouseException e =
        catchThrowableOfType(
            LakehouseException.class,
            () -> LandingFolder.check(landing.toString(), OlistTables.FILES, CONF));
    assertThat(e).as("check of " + landing + " should fail").isNotNull();
    return e;
  }
}
