package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.BrazilGeography.City;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The CEP prefixes in use and the geolocation file built from them.
 *
 * <p>Every customer and seller zip prefix is drawn from here, so each one has geolocation rows. The
 * file reproduces the mess of the real one: many exact duplicate rows, the same city spelt with and
 * without accents and in upper case, and a few coordinates far outside Brazil.
 */
final class GeolocationTable {
  static final List<String> HEADER = OlistTables.GEOLOCATION.header();

  /** Points in Portugal, Spain, the Atlantic and Argentina, as found in the real file. */
  private static final double[][] FAR_AWAY = {
    {42.18, -8.72}, {38.72, -9.14}, {41.15, -8.61}, {40.42, -3.70}, {-34.60, -58.38}, {14.65, -23.5}
  };

  private static final double DUPLICATE_SHARE = 0.26;

  /** Zip prefixes in ascending order, and for each the index of its city. */
  private final int[] zips;

  private final int[] zipCity;
  private final double[] zipLat;
  private final double[] zipLng;

  /** Per city, the positions in {@link #zips} of its prefixes. */
  private final int[][] cityZips;

  private GeolocationTable(int[] zips, int[] zipCity, double[] zipLat, double[] zipLng) {
    this.zips = zips;
    this.zipCity = zipCity;
    this.zipLat = zipLat;
    this.zipLng = zipLng;
    List<City> cities = BrazilGeography.cities();
    int[] counts = new int[cities.size()];
    for (int city : zipCity) {
      counts[city]++;
    }
    cityZips = new int[cities.size()][];
    for (int c = 0; c < counts.length; c++) {
      cityZips[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int z = 0; z < zips.length; z++) {
      int city = zipCity[z];
      cityZips[city][counts[city]++] = z;
    }
  }

  /**
   * Chooses about {@code targetZips} distinct prefixes, spread over the cities by their customer
   * weight; every city gets at least one.
   */
  static GeolocationTable build(int targetZips, Rng rng) {
    List<City> cities = BrazilGeography.cities();
    double weightSum = 0;
    for (City city : cities) {
      weightSum += city.customerWeight();
    }
    long[] packed = new long[0];
    int used = 0;
    for (City city : cities) {
      int wanted = (int) Math.round(targetZips * city.customerWeight() / weightSum);
      int count = Math.max(1, Math.min(city.zipCount(), wanted));
      int[] offsets = rng.permutation(city.zipCount());
      if (used + count > packed.length) {
        packed = Arrays.copyOf(packed, Math.max(2 * packed.length, used + count));
      }
      for (int i = 0; i < count; i++) {
        packed[used++] = ((long) (city.zipLow() + offsets[i]) << 16) | city.index();
      }
    }
    packed = Arrays.copyOf(packed, used);
    Arrays.sort(packed);
    int[] zips = new int[used];
    int[] zipCity = new int[used];
    double[] lat = new double[used];
    double[] lng = new double[used];
    for (int z = 0; z < used; z++) {
      zips[z] = (int) (packed[z] >>> 16);
      zipCity[z] = (int) (packed[z] & 0xffff);
      City city = cities.get(zipCity[z]);
      lat[z] = city.lat() + 0.04 * rng.gaussian();
      lng[z] = city.lng() + 0.04 * rng.gaussian();
    }
    return new GeolocationTable(zips, zipCity, lat, lng);
  }

  int zipCount() {
    return zips.length;
  }

  /** A prefix of the given city, uniformly among the city's prefixes. */
  int randomZip(int cityIndex, Rng rng) {
    int[] positions = cityZips[cityIndex];
    return zips[positions[rng.nextInt(positions.length)]];
  }

  /** The prefix as Olist writes it: five digits, leading zeros kept. */
  static String zipText(int prefix) {
    String digits = Integer.toString(prefix);
    return "00000".substring(digits.length()) + digits;
  }

  /**
   * Writes about {@code targetRows} rows (plus {@code farAwayRows} extra rows with foreign
   * coordinates) and returns the number of data rows written.
   */
  long write(Path file, long targetRows, int farAwayRows, Rng rng) throws IOException {
    int n = zips.length;
    double[] weights = new double[n];
    double sum = 0;
    for (int z = 0; z < n; z++) {
      weights[z] = rng.logNormal(1, 0.9);
      sum += weights[z];
    }
    boolean[] firstOfCity = new boolean[n];
    for (int[] positions : cityZips) {
      firstOfCity[positions[0]] = true;
    }
    int[] farAwayAt = new int[n];
    int[] order = rng.permutation(n);
    for (int i = 0; i < farAwayRows; i++) {
      farAwayAt[order[i % n]]++;
    }
    String[][] spellings = spellings();
    try (CsvLineWriter csv = CsvLineWriter.open(file, HEADER)) {
      for (int z = 0; z < n; z++) {
        long rows = Math.max(1, Math.round(targetRows * weights[z] / sum));
        if (firstOfCity[z]) {
          rows = Math.max(4, rows);
        }
        City city = BrazilGeography.city(zipCity[z]);
        String zip = zipText(zips[z]);
        double lat = 0;
        double lng = 0;
        int spelling = 0;
        for (long r = 0; r < rows; r++) {
          boolean forcedSpelling = firstOfCity[z] && r < 3;
          boolean duplicate =
              r > 0
                  && !forcedSpelling
                  && ((firstOfCity[z] && r == 3) || rng.chance(DUPLICATE_SHARE));
          if (!duplicate) {
            lat = zipLat[z] + 0.004 * rng.gaussian();
            lng = zipLng[z] + 0.004 * rng.gaussian();
            spelling = forcedSpelling ? (int) r : pickSpelling(rng);
          }
          row(csv, zip, lat, lng, spellings[city.index()][spelling], city.state());
        }
        for (int i = 0; i < farAwayAt[z]; i++) {
          double[] point = FAR_AWAY[rng.nextInt(FAR_AWAY.length)];
          row(
              csv,
              zip,
              point[0] + 0.01 * rng.gaussian(),
              point[1] + 0.01 * rng.gaussian(),
              spellings[city.index()][0],
              city.state());
        }
      }
      return csv.rows();
    }
  }

  private static void row(
      CsvLineWriter csv, String zip, double lat, double lng, String city, String state)
      throws IOException {
    csv.text(zip).decimal(lat, 14).decimal(lng, 14).text(city).text(state).endRow();
  }

  /** 0: plain lowercase (most rows), 1: lowercase with accents, 2: plain upper case. */
  private static int pickSpelling(Rng rng) {
    double u = rng.nextDouble();
    return u < 0.82 ? 0 : u < 0.97 ? 1 : 2;
  }

  private static String[][] spellings() {
    List<City> cities = BrazilGeography.cities();
    String[][] spellings = new String[cities.size()][];
    for (City city : cities) {
      spellings[city.index()] =
          new String[] {
            city.asciiName(),
            city.name().toLowerCase(Locale.ROOT),
            city.asciiName().toUpperCase(Locale.ROOT)
          };
    }
    return spellings;
  }
}
