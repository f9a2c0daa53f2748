package dev.lakehouse.jobs.olist.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BronzeCsvTest {
  @TempDir Path tmp;

  @Test
  void countsFieldsOutsideQuotes() {
    assertThat(BronzeCsv.fieldCount("a,\"b,c\",\"say \"\"x,y\"\"\",")).isEqualTo(4);
    assertThat(BronzeCsv.fieldCount("")).isEqualTo(1);
    assertThat(BronzeCsv.fieldCount(null)).isNull();
  }

  /**
   * Spark detects the line separator from the first line only; a file whose header ends in LF but
   * whose data lines end in CRLF would otherwise leave a CR on the last column.
   */
  @Test
  void mixedLineEndsLeaveNoCarriageReturn() throws IOException {
    Path file = tmp.resolve("product_category_name_translation.csv");
    Files.write(
        file,
        ("\"product_category_name\",\"product_category_name_english\"\n"
                + "perfumaria,perfumery\r\n"
                + "automotivo\r\n"
                + "beleza_saude,health_beauty\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Dataset<Row> parsed =
        BronzeCsv.read(TestSpark.session(), OlistTables.CATEGORY_TRANSLATION, file.toString())
            .cache();
    Timestamp at = Timestamp.from(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(BronzeCsv.good(parsed, OlistTables.CATEGORY_TRANSLATION, "b1", at).collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1), r -> r.getString(2))
        .containsExactlyInAnyOrder(
            tuple("perfumaria", "perfumery", "b1"), tuple("beleza_saude", "health_beauty", "b1"));
    assertThat(
            BronzeCsv.malformed(parsed, OlistTables.CATEGORY_TRANSLATION)
                .select("raw", "reason")
                .collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactly(tuple("automotivo", "malformed CSV record: expected 2 fields, found 1"));
    parsed.unpersist();
  }

  /** Bytes that are not UTF-8 would reach bronze as U+FFFD: the record goes to quarantine. */
  @Test
  void quarantinesRecordsWhoseBytesAreNotUtf8() throws IOException {
    Path file = tmp.resolve("product_category_name_translation.csv");
    byte[] head =
        "\"product_category_name\",\"product_category_name_english\"\nperfumaria,perfumery\nbeb"
            .getBytes(StandardCharsets.UTF_8);
    // "bebês" written in Latin-1: 0xEA is not a valid UTF-8 sequence on its own.
    byte[] tail = new byte[] {(byte) 0xEA, 's', ',', 'b', 'a', 'b', 'y', '\n'};
    byte[] bytes = new byte[head.length + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(tail, 0, bytes, head.length, tail.length);
    Files.write(file, bytes);
    Dataset<Row> parsed =
        BronzeCsv.read(TestSpark.session(), OlistTables.CATEGORY_TRANSLATION, file.toString())
            .cache();
    Timestamp at = Timestamp.from(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(BronzeCsv.good(parsed, OlistTables.CATEGORY_TRANSLATION, "b1", at).collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("perfumaria");
    assertThat(
            BronzeCsv.malformed(parsed, OlistTables.CATEGORY_TRANSLATION)
                .select("raw", "reason")
                .collectAsList())
        .extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactly(
            tuple(
                "beb\uFFFDs,baby",
                "not valid UTF-8: column product_category_name holds bytes that do not decode"
                    + " (shown as U+FFFD); re-export the file as UTF-8"));
    parsed.unpersist();
  }
}
