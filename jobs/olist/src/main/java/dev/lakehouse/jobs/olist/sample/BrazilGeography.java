package dev.lakehouse.jobs.olist.sample;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The 27 Brazilian federative units with a few real cities each: their postal-code (CEP) prefix
 * ranges, approximate coordinates and weights.
 *
 * <p>Customer weights follow where Olist's customers live (roughly the population, SP about 42 %);
 * seller weights follow where its sellers are (SP about 60 %, then PR and MG). A city's share
 * splits its state's weight among the state's cities.
 */
final class BrazilGeography {

  /**
   * One city: a 5-digit CEP prefix range inside its state's range, and its centre. {@code
   * asciiName} is lowercase without accents, the way Olist's customer and seller tables spell
   * cities.
   */
  record City(
      int index,
      String name,
      String asciiName,
      String state,
      int zipLow,
      int zipHigh,
      double lat,
      double lng,
      double customerWeight,
      double sellerWeight) {

    int zipCount() {
      return zipHigh - zipLow + 1;
    }

    /** Straight-line distance in degrees, a proxy for shipping distance. */
    double degreesTo(City other) {
      double dLat = lat - other.lat;
      double dLng = lng - other.lng;
      return StrictMath.sqrt(dLat * dLat + dLng * dLng);
    }
  }

  private static final List<City> CITIES;
  private static final int SAO_PAULO;

  static {
    Builder b = new Builder();
    b.state("SP", 41.98, 59.74);
    b.city("São Paulo", 1000, 5999, -23.55, -46.63, 36);
    b.city("Guarulhos", 7000, 7399, -23.46, -46.53, 3);
    b.city("Osasco", 6000, 6299, -23.53, -46.79, 2.5);
    b.city("Santo André", 9000, 9299, -23.66, -46.53, 2.5);
    b.city("São Bernardo do Campo", 9600, 9899, -23.69, -46.56, 2.5);
    b.city("Barueri", 6400, 6499, -23.51, -46.88, 1.5);
    b.city("Mogi das Cruzes", 8700, 8899, -23.52, -46.19, 1.5);
    b.city("Campinas", 13000, 13139, -22.91, -47.06, 7);
    b.city("Santos", 11000, 11099, -23.96, -46.33, 3);
    b.city("Ribeirão Preto", 14000, 14114, -21.18, -47.81, 4);
    b.city("Sorocaba", 18000, 18109, -23.50, -47.46, 4);
    b.city("São José dos Campos", 12200, 12248, -23.18, -45.89, 4);
    b.city("Jundiaí", 13200, 13219, -23.19, -46.88, 3);
    b.city("Piracicaba", 13400, 13429, -22.73, -47.65, 3);
    b.city("Bauru", 17000, 17109, -22.31, -49.06, 2);
    b.city("São José do Rio Preto", 15000, 15099, -20.82, -49.38, 3);
    b.city("Franca", 14400, 14414, -20.54, -47.40, 2);
    b.city("Presidente Prudente", 19000, 19109, -22.12, -51.39, 2);
    b.city("Ibitinga", 14940, 14949, -21.76, -48.83, 0.5);
    b.city("Limeira", 13480, 13489, -22.56, -47.40, 2);
    b.state("RJ", 12.92, 4.3);
    b.city("Rio de Janeiro", 20000, 23799, -22.91, -43.20, 55);
    b.city("Niterói", 24000, 24399, -22.88, -43.10, 10);
    b.city("São Gonçalo", 24400, 24799, -22.83, -43.05, 8);
    b.city("Duque de Caxias", 25000, 25299, -22.79, -43.31, 6);
    b.city("Nova Iguaçu", 26000, 26099, -22.76, -43.45, 6);
    b.city("Petrópolis", 25600, 25779, -22.51, -43.18, 5);
    b.city("Volta Redonda", 27200, 27299, -22.52, -44.10, 4);
    b.city("Campos dos Goytacazes", 28000, 28099, -21.75, -41.32, 4);
    b.state("MG", 11.70, 7.88);
    b.city("Belo Horizonte", 30000, 31999, -19.92, -43.94, 35);
    b.city("Contagem", 32000, 32399, -19.93, -44.05, 8);
    b.city("Uberlândia", 38400, 38419, -18.92, -48.28, 10);
    b.city("Juiz de Fora", 36000, 36099, -21.76, -43.35, 10);
    b.city("Montes Claros", 39400, 39409, -16.73, -43.86, 5);
    b.city("Divinópolis", 35500, 35509, -20.14, -44.88, 5);
    b.city("Uberaba", 38000, 38099, -19.75, -47.93, 5);
    b.city("Poços de Caldas", 37700, 37719, -21.79, -46.56, 4);
    b.city("Governador Valadares", 35010, 35099, -18.85, -41.95, 4);
    b.state("RS", 5.50, 4.2);
    b.city("Porto Alegre", 90000, 91999, -30.03, -51.23, 45);
    b.city("Caxias do Sul", 95000, 95129, -29.17, -51.18, 15);
    b.city("Canoas", 92000, 92499, -29.92, -51.18, 10);
    b.city("Pelotas", 96000, 96099, -31.77, -52.34, 10);
    b.city("Santa Maria", 97000, 97119, -29.69, -53.81, 10);
    b.city("Novo Hamburgo", 93300, 93599, -29.68, -51.13, 10);
    b.state("PR", 5.07, 11.28);
    b.city("Curitiba", 80000, 82999, -25.43, -49.27, 45);
    b.city("Londrina", 86000, 86099, -23.31, -51.16, 15);
    b.city("Maringá", 87000, 87119, -23.42, -51.94, 13);
    b.city("Ponta Grossa", 84000, 84099, -25.09, -50.16, 8);
    b.city("Cascavel", 85800, 85829, -24.96, -53.46, 7);
    b.city("São José dos Pinhais", 83000, 83129, -25.53, -49.21, 7);
    b.city("Foz do Iguaçu", 85850, 85869, -25.55, -54.59, 5);
    b.state("SC", 3.66, 3.63);
    b.city("Florianópolis", 88000, 88099, -27.60, -48.55, 30);
    b.city("Joinville", 89200, 89239, -26.30, -48.85, 20);
    b.city("Blumenau", 89000, 89099, -26.92, -49.07, 15);
    b.city("São José", 88100, 88139, -27.61, -48.63, 10);
    b.city("Itajaí", 88300, 88319, -26.91, -48.66, 10);
    b.city("Chapecó", 89800, 89819, -27.10, -52.62, 8);
    b.city("Criciúma", 88800, 88819, -28.68, -49.37, 7);
    b.state("BA", 3.40, 0.61);
    b.city("Salvador", 40000, 42599, -12.97, -38.50, 50);
    b.city("Feira de Santana", 44000, 44099, -12.27, -38.97, 12);
    b.city("Vitória da Conquista", 45000, 45099, -14.86, -40.84, 8);
    b.city("Lauro de Freitas", 42700, 42709, -12.89, -38.33, 6);
    b.city("Camaçari", 42800, 42849, -12.70, -38.32, 6);
    b.city("Ilhéus", 45650, 45659, -14.79, -39.05, 5);
    b.city("Juazeiro", 48900, 48909, -9.41, -40.50, 4);
    b.state("DF", 2.15, 0.97);
    b.city("Brasília", 70000, 70999, -15.79, -47.88, 60);
    b.city("Taguatinga", 72000, 72199, -15.83, -48.05, 20);
    b.city("Ceilândia", 72200, 72299, -15.82, -48.11, 10);
    b.city("Gama", 72400, 72499, -16.02, -48.06, 10);
    b.state("ES", 2.04, 0.74);
    b.city("Vitória", 29000, 29099, -20.32, -40.34, 30);
    b.city("Vila Velha", 29100, 29129, -20.33, -40.29, 30);
    b.city("Cariacica", 29140, 29159, -20.26, -40.42, 15);
    b.city("Serra", 29160, 29179, -20.12, -40.31, 20);
    b.city("Cachoeiro de Itapemirim", 29300, 29319, -20.85, -41.11, 5);
    b.state("GO", 2.03, 1.29);
    b.city("Goiânia", 74000, 74899, -16.68, -49.25, 55);
    b.city("Aparecida de Goiânia", 74900, 74999, -16.82, -49.24, 15);
    b.city("Anápolis", 75000, 75159, -16.33, -48.95, 12);
    b.city("Rio Verde", 75900, 75909, -17.79, -50.92, 8);
    b.city("Luziânia", 72800, 72899, -16.25, -47.95, 10);
    b.state("PE", 1.66, 0.29);
    b.city("Recife", 50000, 52999, -8.05, -34.88, 50);
    b.city("Jaboatão dos Guararapes", 54000, 54499, -8.11, -35.01, 15);
    b.city("Olinda", 53000, 53199, -8.01, -34.85, 10);
    b.city("Caruaru", 55000, 55099, -8.28, -35.97, 10);
    b.city("Petrolina", 56300, 56339, -9.39, -40.50, 8);
    b.state("CE", 1.34, 0.42);
    b.city("Fortaleza", 60000, 61599, -3.73, -38.53, 60);
    b.city("Caucaia", 61600, 61699, -3.74, -38.66, 8);
    b.city("Maracanaú", 61900, 61939, -3.88, -38.63, 7);
    b.city("Sobral", 62010, 62099, -3.69, -40.35, 8);
    b.city("Juazeiro do Norte", 63000, 63059, -7.21, -39.32, 10);
    b.city("Crato", 63100, 63139, -7.23, -39.41, 4);
    b.state("PA", 0.98, 0.03);
    b.city("Belém", 66000, 66999, -1.46, -48.50, 55);
    b.city("Ananindeua", 67000, 67199, -1.37, -48.37, 15);
    b.city("Santarém", 68000, 68099, -2.44, -54.71, 10);
    b.city("Marabá", 68500, 68519, -5.37, -49.12, 10);
    b.city("Castanhal", 68740, 68749, -1.30, -47.93, 10);
    b.state("MT", 0.91, 0.13);
    b.city("Cuiabá", 78000, 78099, -15.60, -56.10, 50);
    b.city("Várzea Grande", 78100, 78159, -15.65, -56.13, 20);
    b.city("Sinop", 78550, 78559, -11.86, -55.50, 15);
    b.city("Rondonópolis", 78700, 78749, -16.47, -54.64, 15);
    b.state("MA", 0.75, 0.03);
    b.city("São Luís", 65000, 65109, -2.53, -44.30, 60);
    b.city("Caxias", 65600, 65609, -4.86, -43.36, 10);
    b.city("Timon", 65630, 65639, -5.09, -42.84, 10);
    b.city("Imperatriz", 65900, 65919, -5.53, -47.49, 20);
    b.state("MS", 0.72, 0.16);
    b.city("Campo Grande", 79000, 79129, -20.44, -54.65, 65);
    b.city("Três Lagoas", 79600, 79649, -20.75, -51.68, 15);
    b.city("Dourados", 79800, 79849, -22.22, -54.81, 20);
    b.state("PB", 0.54, 0.19);
    b.city("João Pessoa", 58000, 58099, -7.12, -34.86, 55);
    b.city("Santa Rita", 58300, 58309, -7.11, -34.98, 7);
    b.city("Campina Grande", 58400, 58439, -7.23, -35.88, 30);
    b.city("Patos", 58700, 58709, -7.02, -37.28, 8);
    b.state("PI", 0.50, 0.03);
    b.city("Teresina", 64000, 64099, -5.09, -42.80, 70);
    b.city("Parnaíba", 64200, 64219, -2.90, -41.78, 15);
    b.city("Picos", 64600, 64609, -7.08, -41.47, 10);
    b.city("Floriano", 64800, 64809, -6.77, -43.02, 5);
    b.state("RN", 0.49, 0.16);
    b.city("Natal", 59000, 59139, -5.79, -35.21, 55);
    b.city("Parnamirim", 59140, 59159, -5.92, -35.26, 15);
    b.city("Caicó", 59300, 59309, -6.46, -37.10, 5);
    b.city("Mossoró", 59600, 59649, -5.19, -37.34, 20);
    b.state("AL", 0.41, 0.01);
    b.city("Maceió", 57000, 57099, -9.67, -35.74, 70);
    b.city("Arapiraca", 57300, 57319, -9.75, -36.66, 20);
    b.city("Palmeira dos Índios", 57600, 57609, -9.41, -36.63, 10);
    b.state("SE", 0.34, 0.06);
    b.city("Aracaju", 49000, 49099, -10.91, -37.07, 70);
    b.city("Nossa Senhora do Socorro", 49160, 49169, -10.86, -37.13, 15);
    b.city("Lagarto", 49400, 49409, -10.92, -37.65, 10);
    b.city("Itabaiana", 49500, 49509, -10.68, -37.43, 5);
    b.state("TO", 0.28, 0.01);
    b.city("Palmas", 77000, 77299, -10.18, -48.33, 60);
    b.city("Gurupi", 77400, 77429, -11.73, -49.07, 10);
    b.city("Araguaína", 77800, 77829, -7.19, -48.21, 30);
    b.state("RO", 0.25, 0.06);
    b.city("Porto Velho", 76800, 76849, -8.76, -63.90, 60);
    b.city("Ariquemes", 76870, 76879, -9.91, -63.04, 15);
    b.city("Ji-Paraná", 76900, 76919, -10.88, -61.95, 25);
    b.state("AM", 0.15, 0.03);
    b.city("Manaus", 69000, 69099, -3.12, -60.02, 85);
    b.city("Itacoatiara", 69100, 69109, -3.14, -58.44, 7);
    b.city("Parintins", 69150, 69159, -2.63, -56.74, 8);
    b.state("AC", 0.08, 0.03);
    b.city("Rio Branco", 69900, 69924, -9.97, -67.81, 80);
    b.city("Cruzeiro do Sul", 69980, 69989, -7.63, -72.67, 20);
    b.state("AP", 0.07, 0.01);
    b.city("Macapá", 68900, 68924, 0.03, -51.07, 80);
    b.city("Santana", 68925, 68929, -0.06, -51.18, 20);
    b.state("RR", 0.05, 0.01);
    b.city("Boa Vista", 69300, 69339, 2.82, -60.67, 90);
    b.city("Rorainópolis", 69373, 69379, 0.94, -60.42, 10);
    CITIES = b.build();
    SAO_PAULO = 0;
  }

  private BrazilGeography() {}

  static List<City> cities() {
    return CITIES;
  }

  static City city(int index) {
    return CITIES.get(index);
  }

  /** São Paulo capital: its CEP prefixes all start with a zero. */
  static City saoPaulo() {
    return CITIES.get(SAO_PAULO);
  }

  static WeightedPicker customerCityPicker() {
    double[] weights = new double[CITIES.size()];
    for (City c : CITIES) {
      weights[c.index()] = c.customerWeight();
    }
    return new WeightedPicker(weights);
  }

  static WeightedPicker sellerCityPicker() {
    double[] weights = new double[CITIES.size()];
    for (City c : CITIES) {
      weights[c.index()] = c.sellerWeight();
    }
    return new WeightedPicker(weights);
  }

  static String stripAccents(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "");
  }

  /** Collects cities per state and turns state weights into per-city weights. */
  private static final class Builder {
    private record Row(
        String name, String state, int low, int high, double lat, double lng, double share) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> states = new ArrayList<>();
    private final List<double[]> stateWeights = new ArrayList<>();

    void state(String uf, double customerPercent, double sellerPercent) {
      states.add(uf);
      stateWeights.add(new double[] {customerPercent, sellerPercent});
    }

    void city(String name, int low, int high, double lat, double lng, double share) {
      rows.add(new Row(name, states.get(states.size() - 1), low, high, lat, lng, share));
    }

    List<City> build() {
      List<City> cities = new ArrayList<>();
      for (Row row : rows) {
        int stateIndex = states.indexOf(row.state());
        double stateShareSum = 0;
        for (Row other : rows) {
          if (other.state().equals(row.state())) {
            stateShareSum += other.share();
          }
        }
        double fraction = row.share() / stateShareSum;
        double[] weights = stateWeights.get(stateIndex);
        cities.add(
            new City(
                cities.size(),
                row.name(),
                stripAccents(row.name()).toLowerCase(Locale.ROOT),
                row.state(),
                row.low(),
                row.high(),
                row.lat(),
                row.lng(),
                weights[0] * fraction,
                weights[1] * fraction));
      }
      return Collections.unmodifiableList(cities);
    }
  }
}
