package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.sample.OlistCategories.Category;
import dev.lakehouse.jobs.olist.sample.PartyTables.Customers;
import dev.lakehouse.jobs.olist.sample.PartyTables.Sellers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes sample data shaped like the Olist Brazilian e-commerce dataset: the nine CSV files with
 * their real names, headers and relations, and the same kinds of mess as the real files (see the
 * Olist source notes, olist.md: partial quoting, leading-zero zip prefixes, misspelt headers, a BOM
 * and CRLF in the translation file, multi-line quoted review comments, repeated review ids, missing
 * and inconsistent timestamps, uncategorised products, junk city names, duplicate and foreign
 * geolocation rows).
 *
 * <p>Scale 1 gives about the real row counts (1.55 million rows, about 120 MB); every table has a
 * floor so that tiny scales still contain every table and every kind of mess. The output depends
 * only on {@code (scale, seed)}: two runs write byte-identical files.
 *
 * <pre>{@code
 * Map<String, Long> rows = new OlistGenerator(0.01, 42).writeTo(dir, System.out::println);
 * }</pre>
 */
public final class OlistGenerator {
  public static final String CUSTOMERS = "olist_customers_dataset.csv";
  public static final String GEOLOCATION = "olist_geolocation_dataset.csv";
  public static final String ORDER_ITEMS = "olist_order_items_dataset.csv";
  public static final String ORDER_PAYMENTS = "olist_order_payments_dataset.csv";
  public static final String ORDER_REVIEWS = "olist_order_reviews_dataset.csv";
  public static final String ORDERS = "olist_orders_dataset.csv";
  public static final String PRODUCTS = "olist_products_dataset.csv";
  public static final String SELLERS = "olist_sellers_dataset.csv";
  public static final String CATEGORY_TRANSLATION = "product_category_name_translation.csv";

  /** The nine file names, in the order they are written and reported. */
  public static final List<String> FILE_NAMES =
      List.of(
          CUSTOMERS,
          GEOLOCATION,
          ORDER_ITEMS,
          ORDER_PAYMENTS,
          ORDER_REVIEWS,
          ORDERS,
          PRODUCTS,
          SELLERS,
          CATEGORY_TRANSLATION);

  private static final long REAL_ORDERS = 99_441;
  private static final long REAL_SELLERS = 3_095;
  private static final long REAL_PRODUCTS = 32_951;
  private static final long REAL_ZIP_PREFIXES = 19_015;
  private static final long REAL_GEOLOCATION_ROWS = 1_000_163;

  private final double scale;
  private final long seed;

  /**
   * @param scale 1 for about the real row counts, 0.01 for a quick sample; must be positive
   * @param seed the same seed and scale always give the same files
   */
  public OlistGenerator(double scale, long seed) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "scale must be a positive number (1 = real Olist size, 0.01 = small sample), got "
              + scale);
    }
    if (REAL_GEOLOCATION_ROWS * scale > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "scale " + scale + " is too large: at most " + Integer.MAX_VALUE / REAL_GEOLOCATION_ROWS);
    }
    this.scale = scale;
    this.seed = seed;
  }

  /**
   * Writes the nine files into {@code outDir} (created if needed), replacing files of the same
   * names.
   *
   * @param progress receives one short line per file as it is written, such as the file name, two
   *     spaces and the row count: {@code olist_orders_dataset.csv 994 rows}
   * @return data rows written per file name (header excluded), in {@link #FILE_NAMES} order
   */
  public Map<String, Long> writeTo(Path outDir, Consumer<String> progress) throws IOException {
    Files.createDirectories(outDir);
    Rng root = new Rng(seed);
    Rng geoRng = root.split();
    Rng customerRng = root.split();
    Rng sellerRng = root.split();
    Rng productRng = root.split();
    Rng orderRng = root.split();
    Rng geoRowsRng = root.split();

    int orders = atLeast(50, REAL_ORDERS);
    int sellerCount = atLeast(20, REAL_SELLERS);
    int productCount = Math.max(sellerCount, atLeast(40, REAL_PRODUCTS));
    GeolocationTable geo =
        GeolocationTable.build(atLeast(BrazilGeography.cities().size(), REAL_ZIP_PREFIXES), geoRng);
    long geoRows = Math.max(4L * geo.zipCount(), Math.round(REAL_GEOLOCATION_ROWS * scale));
    int farAway = (int) Math.max(3, Math.round(40 * scale));
    int notDefined = (int) Math.max(1, Math.min(3, Math.round(3 * scale)));

    Map<String, Long> rows = new LinkedHashMap<>();
    Customers customers =
        PartyTables.writeCustomers(outDir.resolve(CUSTOMERS), orders, geo, customerRng);
    report(rows, progress, CUSTOMERS, customers.rows());
    report(
        rows,
        progress,
        GEOLOCATION,
        geo.write(outDir.resolve(GEOLOCATION), geoRows, farAway, geoRowsRng));

    Sellers sellers = PartyTables.sellers(sellerCount, geo, sellerRng);
    ProductCatalog products = ProductCatalog.generate(productCount, sellerCount, productRng);
    OrderSimulator.Counts counts =
        new OrderSimulator(customers, products, sellers, notDefined, orderRng)
            .run(
                outDir.resolve(ORDERS),
                outDir.resolve(ORDER_ITEMS),
                outDir.resolve(ORDER_PAYMENTS),
                outDir.resolve(ORDER_REVIEWS));
    report(rows, progress, ORDER_ITEMS, counts.items());
    report(rows, progress, ORDER_PAYMENTS, counts.payments());
    report(rows, progress, ORDER_REVIEWS, counts.reviews());
    report(rows, progress, ORDERS, counts.orders());
    report(rows, progress, PRODUCTS, products.write(outDir.resolve(PRODUCTS)));
    report(rows, progress, SELLERS, sellers.write(outDir.resolve(SELLERS)));
    report(
        rows,
        progress,
        CATEGORY_TRANSLATION,
        writeTranslation(outDir.resolve(CATEGORY_TRANSLATION)));
    return rows;
  }

  /** BOM, CRLF line ends and no final line end, exactly like the real file. */
  private static long writeTranslation(Path file) throws IOException {
    try (CsvLineWriter csv =
        CsvLineWriter.open(file, OlistCategories.TRANSLATION_HEADER, "\r\n", true, false)) {
      for (Category category : OlistCategories.all()) {
        if (category.translated()) {
          csv.text(category.name()).text(category.english()).endRow();
        }
      }
      return csv.rows();
    }
  }

  private int atLeast(int floor, long realCount) {
    return (int) Math.max(floor, Math.round(realCount * scale));
  }

  private static void report(
      Map<String, Long> rows, Consumer<String> progress, String file, long count) {
    rows.put(file, count);
    progress.accept(file + "  " + count + " rows");
  }
}
