package dev.lakehouse.jobs.olist.sample;

import static dev.lakehouse.jobs.olist.sample.CsvLineWriter.NO_TIME;
import static dev.lakehouse.jobs.olist.sample.PurchaseCalendar.SECONDS_PER_DAY;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.BrazilGeography.City;
import dev.lakehouse.jobs.olist.sample.PartyTables.Customers;
import dev.lakehouse.jobs.olist.sample.PartyTables.Sellers;
import dev.lakehouse.jobs.olist.sample.ReviewWriter.Outcome;
import dev.lakehouse.jobs.olist.sample.ReviewWriter.Quirk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Simulates the orders and writes the orders, order items, payments and reviews files together, one
 * order at a time.
 *
 * <p>Each order's life: purchase, approval (minutes for cards, days for boleto), hand-over to the
 * carrier, delivery, all against an estimated date 1-6 weeks out that grows with the distance
 * between seller and customer. Status counts follow the real shares (about 97 % delivered) with a
 * floor so that every status exists in tiny samples. The source's timestamp mess is forced onto
 * specific orders so it is present at every scale.
 */
final class OrderSimulator {
  static final List<String> ORDERS_HEADER = OlistTables.ORDERS.header();

  static final List<String> ITEMS_HEADER = OlistTables.ORDER_ITEMS.header();

  static final String[] STATUSES = {
    "delivered",
    "shipped",
    "canceled",
    "unavailable",
    "invoiced",
    "processing",
    "created",
    "approved"
  };

  private static final int DELIVERED = 0;
  private static final int SHIPPED = 1;
  private static final int CANCELED = 2;
  private static final int UNAVAILABLE = 3;
  private static final int CREATED = 6;

  private static final double[] STATUS_SHARE = {
    0, 0.01113, 0.00629, 0.00612, 0.00316, 0.00303, 0.00005, 0.00002
  };
  private static final int[] STATUS_MIN = {0, 2, 3, 1, 1, 1, 1, 1};

  /** Items per order, 1..6. */
  private static final WeightedPicker ITEM_COUNT =
      new WeightedPicker(0.898, 0.076, 0.014, 0.006, 0.003, 0.003);

  private static final int MAX_ITEMS = 6;
  private static final long HOUR = 3600;

  /** Mess forced onto particular orders; the delivered ones first, then canceled ones. */
  private enum Force {
    NONE,
    CARRIER_BEFORE_PURCHASE,
    NO_DELIVERY_DATE,
    ZERO_VOUCHER,
    LATE,
    MESSAGE_CRLF,
    MESSAGE_LF,
    MESSAGE_QUOTES,
    TITLE,
    REPEATED_REVIEW_ID,
    SECOND_REVIEW,
    NOT_DEFINED,
    CANCELED_DELIVERED
  }

  private static final Force[] DELIVERED_FORCES = {
    Force.CARRIER_BEFORE_PURCHASE,
    Force.NO_DELIVERY_DATE,
    Force.ZERO_VOUCHER,
    Force.LATE,
    Force.MESSAGE_CRLF,
    Force.MESSAGE_LF,
    Force.MESSAGE_QUOTES,
    Force.TITLE,
    Force.REPEATED_REVIEW_ID,
    Force.SECOND_REVIEW
  };

  private final Customers customers;
  private final ProductCatalog products;
  private final Sellers sellers;
  private final PurchaseCalendar calendar = new PurchaseCalendar();
  private final Rng rng;
  private final int[] status;
  private final Force[] force;
  private final int[] itemProduct = new int[MAX_ITEMS];
  private final long[] itemFreight = new long[MAX_ITEMS];
  private long productPicks;

  /** Row counts of the files written by {@link #run}. */
  record Counts(long orders, long items, long payments, long reviews) {}

  OrderSimulator(
      Customers customers, ProductCatalog products, Sellers sellers, int notDefined, Rng rng) {
    this.customers = customers;
    this.products = products;
    this.sellers = sellers;
    this.rng = rng;
    int n = customers.ids().length;
    status = assignStatuses(n, rng);
    force = assignForces(status, notDefined, rng);
  }

  Counts run(Path orders, Path items, Path payments, Path reviews) throws IOException {
    try (CsvLineWriter orderCsv = CsvLineWriter.open(orders, ORDERS_HEADER);
        CsvLineWriter itemCsv = CsvLineWriter.open(items, ITEMS_HEADER);
        PaymentWriter paymentWriter = new PaymentWriter(payments, rng);
        ReviewWriter reviewWriter = new ReviewWriter(reviews, rng)) {
      for (int i = 0; i < status.length; i++) {
        order(i, orderCsv, itemCsv, paymentWriter, reviewWriter);
      }
      return new Counts(orderCsv.rows(), itemCsv.rows(), paymentWriter.rows(), reviewWriter.rows());
    }
  }

  private void order(
      int i,
      CsvLineWriter orderCsv,
      CsvLineWriter itemCsv,
      PaymentWriter paymentWriter,
      ReviewWriter reviewWriter)
      throws IOException {
    int st = status[i];
    Force f = force[i];
    String orderId = rng.hexId();
    long purchase = calendar.samplePurchase(rng);
    City customerCity = BrazilGeography.city(customers.city()[i]);
    int primary = paymentWriter.pickPrimary();

    int itemCount = 0;
    if (st != UNAVAILABLE && st != CREATED && !(st == CANCELED && rng.chance(0.25))) {
      itemCount = ITEM_COUNT.pick(rng) + 1;
    }
    long goods = 0;
    long freight = 0;
    double distance = customerCity.degreesTo(BrazilGeography.saoPaulo());
    for (int k = 0; k < itemCount; k++) {
      // Extra items are often more of the same product.
      int product =
          k > 0 && rng.chance(0.55)
              ? itemProduct[k - 1]
              : products.productForItem(productPicks++, rng);
      itemProduct[k] = product;
      City sellerCity = BrazilGeography.city(sellers.city()[products.seller(product)]);
      double d = customerCity.degreesTo(sellerCity);
      if (k == 0) {
        distance = d;
      }
      itemFreight[k] = freightCents(products.weightGrams(product), d);
      goods += products.priceCents(product);
      freight += itemFreight[k];
    }

    long approved = approval(st, primary, purchase);
    int estimatedDays =
        (int) Math.max(7, Math.min(42, Math.round(7 + distance + rng.between(0, 18))));
    long estimated = PurchaseCalendar.startOfDay(purchase) + estimatedDays * SECONDS_PER_DAY;
    long start = approved != NO_TIME ? approved : purchase;
    long carrier = NO_TIME;
    if (st == DELIVERED
        || st == SHIPPED
        || (st == CANCELED && approved != NO_TIME && rng.chance(0.12))) {
      double handlingDays = Math.min(20, rng.logNormal(1.8, 0.6));
      carrier = start + Math.round(handlingDays * SECONDS_PER_DAY);
      if (f == Force.CARRIER_BEFORE_PURCHASE || (st == DELIVERED && rng.chance(0.0015))) {
        carrier = purchase - rng.between(600L, 2 * SECONDS_PER_DAY);
      }
    }
    long delivered = NO_TIME;
    if (st == DELIVERED && f != Force.NO_DELIVERY_DATE && !rng.chance(0.0001)) {
      delivered =
          delivery(f == Force.LATE || rng.chance(0.075), purchase, carrier, estimated, distance);
    } else if (st == CANCELED && (f == Force.CANCELED_DELIVERED || rng.chance(0.01))) {
      long from = carrier != NO_TIME ? carrier : purchase;
      delivered = from + rng.between(2 * SECONDS_PER_DAY, 10 * SECONDS_PER_DAY);
    }

    orderCsv
        .text(orderId)
        .text(customers.ids()[i])
        .text(STATUSES[st])
        .timestamp(purchase)
        .timestamp(approved)
        .timestamp(carrier)
        .timestamp(delivered)
        .timestamp(estimated)
        .endRow();

    long shippingLimit = start + rng.between(2, 7) * SECONDS_PER_DAY;
    for (int k = 0; k < itemCount; k++) {
      int product = itemProduct[k];
      itemCsv
          .text(orderId)
          .number(k + 1)
          .text(products.id(product))
          .text(sellers.ids()[products.seller(product)])
          .timestamp(shippingLimit)
          .money(products.priceCents(product))
          .money(itemFreight[k])
          .endRow();
    }

    long total = goods + freight;
    if (itemCount == 0) {
      // The items of these orders are missing from the source, their payments are not.
      total = ProductCatalog.listPrice(rng.logNormal(90, 0.8), rng) + 1500;
    }
    paymentWriter.write(orderId, primary, total, f == Force.NOT_DEFINED, f == Force.ZERO_VOUCHER);

    Outcome outcome;
    long surveyDay;
    if (delivered != NO_TIME) {
      boolean late = PurchaseCalendar.startOfDay(delivered) > estimated;
      outcome = late && st == DELIVERED ? Outcome.LATE : Outcome.ON_TIME;
      int after = rng.chance(0.8) ? 1 : rng.between(0, 4);
      surveyDay = PurchaseCalendar.startOfDay(delivered) + after * SECONDS_PER_DAY;
    } else {
      outcome = Outcome.NOT_DELIVERED;
      surveyDay = estimated + rng.between(0, 3) * SECONDS_PER_DAY;
    }
    if (st == CANCELED) {
      outcome = Outcome.NOT_DELIVERED;
    }
    reviewWriter.write(orderId, outcome, surveyDay, quirk(f));
  }

  private long approval(int st, int primary, long purchase) {
    if (st == CREATED || (st == CANCELED && rng.chance(0.2))) {
      return NO_TIME;
    }
    return switch (primary) {
      case PaymentWriter.BOLETO -> purchase + rng.between(20 * HOUR, 72 * HOUR);
      case PaymentWriter.CREDIT_CARD ->
          purchase + (rng.chance(0.8) ? rng.between(300L, 30 * 60L) : rng.between(HOUR, 30 * HOUR));
      default -> purchase + rng.between(60L, 20 * 60L);
    };
  }

  /** Delivery time: on time within the estimate, or late by 1-20 days after it. */
  private long delivery(
      boolean late, long purchase, long carrier, long estimated, double distance) {
    long secondOfDay = rng.between(8 * HOUR, 21 * HOUR);
    if (late) {
      return estimated + rng.between(1, 20) * SECONDS_PER_DAY + secondOfDay;
    }
    long from = Math.max(purchase, carrier);
    double transitDays = rng.logNormal(2.5 + 0.45 * distance, 0.45);
    long delivered = from + Math.round(transitDays * SECONDS_PER_DAY);
    if (delivered >= estimated + SECONDS_PER_DAY) {
      delivered = estimated + secondOfDay;
    }
    return Math.max(delivered, from + rng.between(3 * HOUR, 48 * HOUR));
  }

  /** Freight in cents, 5.00 to 60.00: grows with weight and distance. */
  private long freightCents(int weightGrams, double distance) {
    double reais = (12 + 1.3 * weightGrams / 1000.0 + 0.45 * distance) * rng.logNormal(1, 0.25);
    return Math.max(500, Math.min(6000, Math.round(reais * 100)));
  }

  private static Quirk quirk(Force f) {
    return switch (f) {
      case MESSAGE_CRLF -> Quirk.MESSAGE_CRLF;
      case MESSAGE_LF -> Quirk.MESSAGE_LF;
      case MESSAGE_QUOTES -> Quirk.MESSAGE_QUOTES;
      case TITLE -> Quirk.TITLE;
      case REPEATED_REVIEW_ID -> Quirk.REPEATED_ID;
      case SECOND_REVIEW -> Quirk.SECOND_REVIEW;
      default -> Quirk.NONE;
    };
  }

  /** Exact status counts from the real shares (with floors), shuffled over the orders. */
  private static int[] assignStatuses(int n, Rng rng) {
    int[] status = new int[n];
    int pos = 0;
    for (int s = 1; s < STATUSES.length; s++) {
      long count = Math.max(STATUS_MIN[s], Math.round(n * STATUS_SHARE[s]));
      for (long c = 0; c < count; c++) {
        status[pos++] = s;
      }
    }
    // The rest stay 0: delivered.
    rng.shuffle(status);
    return status;
  }

  /** Forced mess goes to random delivered and canceled orders. */
  private static Force[] assignForces(int[] status, int notDefined, Rng rng) {
    Force[] force = new Force[status.length];
    Arrays.fill(force, Force.NONE);
    int delivered = 0;
    int canceledSeen = 0;
    int canceledTotal = 0;
    for (int s : status) {
      if (s == CANCELED) {
        canceledTotal++;
      }
    }
    for (int i : rng.permutation(status.length)) {
      if (status[i] == DELIVERED && delivered < DELIVERED_FORCES.length) {
        force[i] = DELIVERED_FORCES[delivered++];
      } else if (status[i] == CANCELED) {
        if (canceledSeen < Math.min(notDefined, canceledTotal - 1)) {
          force[i] = Force.NOT_DEFINED;
        } else if (canceledSeen == canceledTotal - 1) {
          force[i] = Force.CANCELED_DELIVERED;
        }
        canceledSeen++;
      }
    }
    return force;
  }
}
