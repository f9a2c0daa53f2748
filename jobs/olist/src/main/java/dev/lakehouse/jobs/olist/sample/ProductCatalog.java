package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.OlistCategories.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The product catalogue, held in memory because order items refer to it.
 *
 * <p>About 2 % of products have no category and no name, description or photo counts; a few weigh
 * nothing (0 g); two products (at least) use the two categories missing from the translation table.
 * Each product belongs to one seller and has one list price; popularity is skewed, so a few
 * products sell often and most sell once or twice.
 */
final class ProductCatalog {
  static final List<String> HEADER = OlistTables.PRODUCTS.header();

  private static final double[] PHOTO_WEIGHTS = {
    50, 19, 11, 8, 5, 3, 1.5, 1, 0.5, 0.4, 0.2, 0.1, 0.1, 0.05, 0.05, 0.03, 0.03, 0.02, 0.01, 0.01
  };

  /** No category: {@code category == NONE}, and the name/description/photo fields are empty. */
  static final int NONE = -1;

  private final String[] ids;
  private final int[] category;
  private final int[] nameLength;
  private final int[] descriptionLength;
  private final int[] photos;
  private final int[] weightGrams;
  private final int[] lengthCm;
  private final int[] heightCm;
  private final int[] widthCm;
  private final long[] priceCents;
  private final int[] seller;
  private final int[] popularity;

  private ProductCatalog(int count, Rng rng) {
    ids = new String[count];
    category = new int[count];
    nameLength = new int[count];
    descriptionLength = new int[count];
    photos = new int[count];
    weightGrams = new int[count];
    lengthCm = new int[count];
    heightCm = new int[count];
    widthCm = new int[count];
    priceCents = new long[count];
    seller = new int[count];
    popularity = rng.permutation(count);
  }

  static ProductCatalog generate(int count, int sellerCount, Rng rng) {
    ProductCatalog p = new ProductCatalog(count, rng);
    List<Category> categories = OlistCategories.all();
    WeightedPicker categoryPicker = OlistCategories.picker();
    WeightedPicker photoPicker = new WeightedPicker(PHOTO_WEIGHTS);
    int[] sellerPopularity = rng.permutation(sellerCount);
    // Four products, at random places, are sure to carry the rarer quirks.
    int[] slots = rng.permutation(count);
    int pcGamer = slots[0];
    int portableKitchen = slots[1];
    int uncategorisedSlot = slots[2];
    int weightlessSlot = slots[3];
    for (int j = 0; j < count; j++) {
      p.ids[j] = rng.hexId();
      int cat;
      if (j == pcGamer) {
        cat = OlistCategories.indexOf(OlistCategories.PC_GAMER);
      } else if (j == portableKitchen) {
        cat = OlistCategories.indexOf(OlistCategories.PORTABLE_KITCHEN);
      } else {
        cat = categoryPicker.pick(rng);
      }
      double priceFactor = categories.get(cat).priceFactor();
      boolean uncategorised =
          j == uncategorisedSlot || (j != pcGamer && j != portableKitchen && rng.chance(0.0185));
      p.category[j] = uncategorised ? NONE : cat;
      p.nameLength[j] = clamp((int) Math.round(48 + 10 * rng.gaussian()), 5, 76);
      p.descriptionLength[j] = clamp((int) Math.round(rng.logNormal(600, 0.75)), 4, 3992);
      p.photos[j] = photoPicker.pick(rng) + 1;
      boolean weightless = j == weightlessSlot || rng.chance(0.00012);
      int weight = clamp((int) Math.round(rng.logNormal(700, 1.1)), 50, 40425);
      if (weight > 2000) {
        weight = weight / 50 * 50;
      }
      p.weightGrams[j] = weightless ? 0 : weight;
      double side = StrictMath.cbrt(Math.max(weight, 100) * rng.logNormal(4, 0.5));
      p.lengthCm[j] = clamp((int) Math.round(side * rng.logNormal(1.3, 0.25)), 7, 105);
      p.heightCm[j] = clamp((int) Math.round(side * rng.logNormal(0.6, 0.4)), 2, 105);
      p.widthCm[j] = clamp((int) Math.round(side * rng.logNormal(1.0, 0.3)), 6, 118);
      p.priceCents[j] = listPrice(rng.logNormal(75 * priceFactor, 0.85), rng);
      p.seller[j] =
          j < sellerCount ? j : sellerPopularity[skewed(sellerCount, 2.0, rng.nextDouble())];
    }
    return p;
  }

  String id(int product) {
    return ids[product];
  }

  int seller(int product) {
    return seller[product];
  }

  long priceCents(int product) {
    return priceCents[product];
  }

  int weightGrams(int product) {
    return weightGrams[product];
  }

  /**
   * The product of the {@code itemIndex}-th order item: the first items walk through the whole
   * catalogue so every product sells at least once, later ones favour popular products.
   */
  int productForItem(long itemIndex, Rng rng) {
    if (itemIndex < ids.length) {
      return (int) itemIndex;
    }
    return popularity[skewed(ids.length, 2.5, rng.nextDouble())];
  }

  long write(Path file) throws IOException {
    List<Category> categories = OlistCategories.all();
    try (CsvLineWriter csv = CsvLineWriter.open(file, HEADER)) {
      for (int j = 0; j < ids.length; j++) {
        csv.text(ids[j]);
        if (category[j] == NONE) {
          csv.empty().empty().empty().empty();
        } else {
          csv.text(categories.get(category[j]).name())
              .number(nameLength[j])
              .number(descriptionLength[j])
              .number(photos[j]);
        }
        csv.number(weightGrams[j]).number(lengthCm[j]).number(heightCm[j]).number(widthCm[j]);
        csv.endRow();
      }
      return csv.rows();
    }
  }

  /** Rounds to the price endings shops use: x.90, x.99, x.00, or any cents. */
  static long listPrice(double reais, Rng rng) {
    double clamped = Math.max(5, Math.min(2000, reais));
    long whole = Math.max(5, Math.round(clamped));
    double u = rng.nextDouble();
    long cents;
    if (u < 0.5) {
      cents = whole * 100 - 10;
    } else if (u < 0.7) {
      cents = whole * 100 - 1;
    } else if (u < 0.85) {
      cents = whole * 100;
    } else {
      cents = whole * 100 - rng.nextInt(100);
    }
    return Math.max(500, cents);
  }

  /** Index in {@code [0, n)} biased toward 0; a larger exponent concentrates more. */
  static int skewed(int n, double exponent, double u) {
    return Math.min(n - 1, (int) (n * StrictMath.pow(u, exponent)));
  }

  private static int clamp(int value, int lo, int hi) {
    return Math.max(lo, Math.min(hi, value));
  }
}
