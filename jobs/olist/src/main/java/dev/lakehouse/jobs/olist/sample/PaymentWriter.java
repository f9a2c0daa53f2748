package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.OlistTables;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the payments of each order. The values add up to the order's goods plus freight; a few
 * orders are split between a card or boleto and one or more vouchers (payment_sequential above 1),
 * some vouchers are worth 0.00, and {@code not_defined} appears only on canceled orders.
 */
final class PaymentWriter implements Closeable {
  static final List<String> HEADER = OlistTables.PAYMENTS.header();

  static final int CREDIT_CARD = 0;
  static final int BOLETO = 1;
  static final int DEBIT_CARD = 2;
  static final int VOUCHER = 3;

  private static final String[] TYPE_NAMES = {"credit_card", "boleto", "debit_card", "voucher"};

  /** Chosen so that the rows come out near 74 / 19 / 1.5 / 5.5 % once vouchers are split off. */
  private static final WeightedPicker PRIMARY = new WeightedPicker(0.7715, 0.198, 0.0155, 0.015);

  /** Credit-card installments 1..10. */
  private static final WeightedPicker INSTALLMENTS =
      new WeightedPicker(33, 16, 13.5, 9, 7, 5, 2, 5.5, 1, 7);

  private static final int MAX_VOUCHERS = 4;

  private final CsvLineWriter csv;
  private final Rng rng;
  private final long[] parts = new long[MAX_VOUCHERS];

  PaymentWriter(Path file, Rng rng) throws IOException {
    this.csv = CsvLineWriter.open(file, HEADER);
    this.rng = rng;
  }

  /** The order's main means of payment (affects how fast it is approved). */
  int pickPrimary() {
    return PRIMARY.pick(rng);
  }

  long rows() {
    return csv.rows();
  }

  /**
   * Writes the payments of one order.
   *
   * @param notDefined one {@code not_defined} payment of 0.00 (canceled orders only)
   * @param zeroVoucher force a split with a 0.00 voucher
   */
  void write(String orderId, int primary, long totalCents, boolean notDefined, boolean zeroVoucher)
      throws IOException {
    if (notDefined) {
      row(orderId, 1, "not_defined", 1, 0);
      return;
    }
    if (primary == VOUCHER) {
      int vouchers = rng.chance(0.3) ? rng.between(2, MAX_VOUCHERS) : 1;
      split(totalCents, vouchers);
      for (int v = 0; v < vouchers; v++) {
        row(orderId, v + 1, "voucher", 1, parts[v]);
      }
      return;
    }
    int vouchers = 0;
    long voucherSum = 0;
    if (zeroVoucher || rng.chance(0.025)) {
      vouchers = rng.chance(0.25) ? rng.between(2, 3) : 1;
      for (int v = 0; v < vouchers; v++) {
        boolean zero = (zeroVoucher && v == 0) || rng.chance(0.03);
        double fraction = 0.05 + 0.30 * rng.nextDouble();
        parts[v] = zero ? 0 : Math.round(totalCents * fraction / vouchers);
        voucherSum += parts[v];
      }
    }
    int installments = 1;
    if (primary == CREDIT_CARD) {
      installments = INSTALLMENTS.pick(rng) + 1;
      if (totalCents < 4000) {
        installments = Math.min(installments, 3);
      }
    }
    row(orderId, 1, TYPE_NAMES[primary], installments, totalCents - voucherSum);
    for (int v = 0; v < vouchers; v++) {
      row(orderId, v + 2, "voucher", 1, parts[v]);
    }
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }

  /** Splits the total into {@code n} random non-negative parts that add up exactly. */
  private void split(long totalCents, int n) {
    long remaining = totalCents;
    for (int v = 0; v < n - 1; v++) {
      parts[v] = Math.round(remaining * (0.2 + 0.5 * rng.nextDouble()));
      remaining -= parts[v];
    }
    parts[n - 1] = remaining;
  }

  private void row(String orderId, int sequential, String type, int installments, long cents)
      throws IOException {
    csv.text(orderId).number(sequential).text(type).number(installments).money(cents).endRow();
  }
}
