package dev.lakehouse.jobs.olist.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceHeadersTest {
  private static final List<String> ORDERS =
      List.of("order_id", "customer_id", "order_status", "order_purchase_timestamp");

  @Test
  void parsesQuotedNamesWithByteOrderMarkAndCrlf() {
    assertThat(
            SourceHeaders.parse(
                "\uFEFF\"product_category_name\",\"product_category_name_english\"\r"))
        .containsExactly("product_category_name", "product_category_name_english");
  }

  @Test
  void parsesBareAndPartlyQuotedNames() {
    assertThat(SourceHeaders.parse("order_id,\"customer_id\",order_status"))
        .containsExactly("order_id", "customer_id", "order_status");
  }

  @Test
  void keepsCommasAndDoubledQuotesInsideQuotedNames() {
    assertThat(SourceHeaders.parse("\"a,b\",\"say \"\"hi\"\"\",c"))
        .containsExactly("a,b", "say \"hi\"", "c");
  }

  @Test
  void keepsEmptyNames() {
    assertThat(SourceHeaders.parse("a,,b,")).containsExactly("a", "", "b", "");
  }

  @Test
  void emptyOrByteOrderMarkOnlyLineHasNoColumns() {
    assertThat(SourceHeaders.parse("")).isEmpty();
    assertThat(SourceHeaders.parse("\uFEFF\r")).isEmpty();
  }

  @Test
  void firstLineStopsAtLineFeedAndDecodesUtf8() throws IOException {
    byte[] bytes = "\uFEFF\"são\",b\r\nx,y\r\n".getBytes(StandardCharsets.UTF_8);
    String line = SourceHeaders.firstLine(new ByteArrayInputStream(bytes));
    assertThat(line).isEqualTo("\uFEFF\"são\",b\r");
    assertThat(SourceHeaders.parse(line)).containsExactly("são", "b");
  }

  @Test
  void firstLineOfHeaderWithoutLineEndIsTheWholeStream() throws IOException {
    byte[] bytes = "a,b".getBytes(StandardCharsets.UTF_8);
    assertThat(SourceHeaders.firstLine(new ByteArrayInputStream(bytes))).isEqualTo("a,b");
    assertThat(SourceHeaders.firstLine(new ByteArrayInputStream(new byte[0]))).isEmpty();
  }

  @Test
  void firstLineIsBounded() throws IOException {
    byte[] bytes = new byte[SourceHeaders.MAX_HEADER_BYTES * 2];
    java.util.Arrays.fill(bytes, (byte) 'a');
    assertThat(SourceHeaders.firstLine(new ByteArrayInputStream(bytes)))
        .hasSize(SourceHeaders.MAX_HEADER_BYTES);
  }

  @Test
  void equalHeadersHaveNoDifference() {
    assertThat(SourceHeaders.difference(ORDERS, List.copyOf(ORDERS))).isEmpty();
  }

  @Test
  void namesRenamedColumnAsMissingAndUnexpected() {
    List<String> actual =
        List.of("order_id", "customer_id", "order_state", "order_purchase_timestamp");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains("missing column order_status; unexpected column order_state");
  }

  @Test
  void namesSeveralMissingColumns() {
    assertThat(SourceHeaders.difference(ORDERS, List.of("order_id", "customer_id")))
        .contains("missing columns order_status, order_purchase_timestamp");
  }

  @Test
  void namesExtraColumnsIncludingEmptyOnes() {
    List<String> actual =
        List.of("order_id", "customer_id", "order_status", "order_purchase_timestamp", "x", "");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains("unexpected columns x, (empty name)");
  }

  @Test
  void namesSwappedColumnsWithPositions() {
    List<String> actual =
        List.of("order_id", "order_status", "customer_id", "order_purchase_timestamp");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains(
            "misordered columns order_status at position 2 (expected 3),"
                + " customer_id at position 3 (expected 2)");
  }

  @Test
  void namesDuplicatedColumns() {
    List<String> actual =
        List.of("order_id", "customer_id", "customer_id", "order_purchase_timestamp");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains("missing column order_status; duplicated column customer_id");
  }

  @Test
  void caseAndWhitespaceMatter() {
    List<String> actual =
        List.of("Order_ID", "customer_id", "order_status ", "order_purchase_timestamp");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains(
            "missing columns order_id, order_status; unexpected columns Order_ID, order_status ");
  }

  @Test
  void reportsMisorderAlongsideMissingColumns() {
    List<String> actual = List.of("customer_id", "order_id", "order_purchase_timestamp");
    assertThat(SourceHeaders.difference(ORDERS, actual))
        .contains(
            "missing column order_status; misordered columns customer_id at position 1"
                + " (expected 2), order_id at position 2 (expected 1)");
  }
}
