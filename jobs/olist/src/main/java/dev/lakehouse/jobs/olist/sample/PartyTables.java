package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.BrazilGeography.City;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Customers and sellers: an id, a zip prefix that exists in the geolocation table, a city and a
 * state. A few city values are junk, as in the source (digits, an e-mail address, {@code sp / sp});
 * those rows are placed in São Paulo capital, where the real junk comes from.
 */
final class PartyTables {
  static final List<String> CUSTOMER_HEADER = OlistTables.CUSTOMERS.header();

  static final List<String> SELLER_HEADER = OlistTables.SELLERS.header();

  /** The first four are always present in the sellers file. */
  private static final String[] SELLER_JUNK = {
    "04482255",
    "vendas@ceramicasa.com.br",
    "sp / sp",
    "sao paulo - sp",
    "sao paulo / sao paulo",
    "sbc/sp",
    "santo andre/sao paulo",
    "sao paulo sp"
  };

  private static final String[] CUSTOMER_JUNK = {
    "sao paulo - sp", "03047000", "sp / sp", "sao paulo sp"
  };

  /** Share of customers who already bought before (same customer_unique_id, new customer_id). */
  private static final double RETURNING_CUSTOMERS = 0.034;

  private PartyTables() {}

  /** Sellers held in memory: the items table needs their ids and cities. */
  record Sellers(String[] ids, int[] city, int[] zip, String[] cityText) {
    long write(Path file) throws IOException {
      try (CsvLineWriter csv = CsvLineWriter.open(file, SELLER_HEADER)) {
        for (int s = 0; s < ids.length; s++) {
          City c = BrazilGeography.city(city[s]);
          csv.text(ids[s])
              .text(GeolocationTable.zipText(zip[s]))
              .text(cityText[s])
              .text(c.state())
              .endRow();
        }
        return csv.rows();
      }
    }
  }

  /** Customers as the orders need them: one customer_id per order, in order. */
  record Customers(String[] ids, int[] city, long rows) {}

  static Sellers sellers(int count, GeolocationTable geo, Rng rng) {
    WeightedPicker cityPicker = BrazilGeography.sellerCityPicker();
    int saoPaulo = BrazilGeography.saoPaulo().index();
    String[] ids = new String[count];
    int[] city = new int[count];
    int[] zip = new int[count];
    String[] cityText = new String[count];
    for (int s = 0; s < count; s++) {
      ids[s] = rng.hexId();
      int forcedJunk = forcedJunkSlot(s, count);
      String junk =
          forcedJunk >= 0
              ? SELLER_JUNK[forcedJunk]
              : rng.chance(0.004) ? SELLER_JUNK[rng.nextInt(SELLER_JUNK.length)] : null;
      city[s] = junk != null ? saoPaulo : cityPicker.pick(rng);
      zip[s] = geo.randomZip(city[s], rng);
      cityText[s] = junk != null ? junk : BrazilGeography.city(city[s]).asciiName();
    }
    return new Sellers(ids, city, zip, cityText);
  }

  /** Writes the customers file; customer {@code i} is the buyer of order {@code i}. */
  static Customers writeCustomers(Path file, int count, GeolocationTable geo, Rng rng)
      throws IOException {
    WeightedPicker cityPicker = BrazilGeography.customerCityPicker();
    int saoPaulo = BrazilGeography.saoPaulo().index();
    String[] ids = new String[count];
    String[] uniqueIds = new String[count];
    int[] city = new int[count];
    int[] zip = new int[count];
    String[] cityText = new String[count];
    try (CsvLineWriter csv = CsvLineWriter.open(file, CUSTOMER_HEADER)) {
      for (int i = 0; i < count; i++) {
        ids[i] = rng.hexId();
        boolean forcedJunk = i == count / 3 || i == 2 * count / 3;
        if (forcedJunk || rng.chance(0.0003)) {
          uniqueIds[i] = rng.hexId();
          city[i] = saoPaulo;
          zip[i] = geo.randomZip(saoPaulo, rng);
          cityText[i] = CUSTOMER_JUNK[rng.nextInt(CUSTOMER_JUNK.length)];
        } else if (i > 0 && rng.chance(RETURNING_CUSTOMERS)) {
          int earlier = rng.nextInt(i);
          uniqueIds[i] = uniqueIds[earlier];
          city[i] = city[earlier];
          zip[i] = zip[earlier];
          cityText[i] = cityText[earlier];
        } else {
          uniqueIds[i] = rng.hexId();
          city[i] = cityPicker.pick(rng);
          zip[i] = geo.randomZip(city[i], rng);
          cityText[i] = BrazilGeography.city(city[i]).asciiName();
        }
        csv.text(ids[i])
            .text(uniqueIds[i])
            .text(GeolocationTable.zipText(zip[i]))
            .text(cityText[i])
            .text(BrazilGeography.city(city[i]).state())
            .endRow();
      }
      return new Customers(ids, city, csv.rows());
    }
  }

  /** Sellers at 1/5, 2/5, 3/5 and 4/5 of the file get the four must-have junk cities. */
  private static int forcedJunkSlot(int s, int count) {
    for (int k = 0; k < 4; k++) {
      if (s == (k + 1) * count / 5) {
        return k;
      }
    }
    return -1;
  }
}
