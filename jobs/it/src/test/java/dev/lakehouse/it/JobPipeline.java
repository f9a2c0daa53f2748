package dev.lakehouse.it;

import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.kamis.sample.FakeKamisServer;
import dev.lakehouse.jobs.kamis.sample.KamisSampleGenerator;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One job module's pipeline as spark-submit runs it: the module whose shaded jar holds the jobs,
 * the job classes in dependency order, how to prepare its input (and the arguments and environment
 * every job of the run gets), and tables that must hold rows afterwards. {@link #ALL} is the list
 * the integration tests run; a new source is one more entry there.
 */
record JobPipeline(String module, List<String> jobClasses, Input input, List<TableId> tables) {

  /** Prepares the input of one run under a folder of its own. */
  @FunctionalInterface
  interface Input {
    Prepared prepare(Path base, double scale) throws IOException;
  }

  /**
   * What the jobs of one run get: arguments after the jar, extra environment, and what to close
   * once the run is over (a server the first job fetches from).
   */
  record Prepared(List<String> args, Map<String, String> env, AutoCloseable resource)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      resource.close();
    }
  }

  static final String BATCH = "smoke-1";

  static final JobPipeline OLIST =
      new JobPipeline(
          "olist",
          List.of(
              "dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze",
              "dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver",
              "dev.lakehouse.jobs.olist.gold.BuildOlistGold"),
          (base, scale) -> {
            Path landing = base.resolve("landing");
            writeOlistLanding(landing, scale);
            return new Prepared(
                List.of("--batch", BATCH, "--source", landing.toString()), Map.of(), () -> {});
          },
          olistTables());

  /** Two days of KAMIS answers served by the fake KAMIS server; the bronze job fetches them. */
  static final JobPipeline KAMIS =
      new JobPipeline(
          "kamis",
          List.of(
              "dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze",
              "dev.lakehouse.jobs.kamis.silver.PromoteKamisToSilver",
              "dev.lakehouse.jobs.kamis.gold.BuildKamisGold"),
          JobPipeline::kamisInput,
          List.of(
              TableId.bronze("kamis", "daily_price_by_category"),
              TableId.silver("kamis", "item_prices"),
              TableId.silver("kamis", "items"),
              TableId.gold("kamis", "daily_price_board"),
              TableId.gold("kamis", "price_trends")));

  /** Every pipeline the tests run through spark-submit. */
  static final List<JobPipeline> ALL = List.of(OLIST, KAMIS);

  /** A generated Olist sample (the nine CSV files) in {@code folder}. */
  static void writeOlistLanding(Path folder, double scale) throws IOException {
    new OlistGenerator(scale, 42L).writeTo(folder, line -> {});
  }

  private static Prepared kamisInput(Path base, double scale) throws IOException {
    LocalDate to = LocalDate.of(2024, 10, 31);
    LocalDate from = to.minusDays(1);
    Path answers = base.resolve("kamis-answers");
    var kamis = SettingsLoader.load(Map.of(), Map.of("lakehouse.root", base.toString())).kamis();
    new KamisSampleGenerator(7L).writeTo(answers, kamis, from, to, line -> {});
    String key = "smoke-cert-key";
    String id = "smoke-cert-id";
    FakeKamisServer server = FakeKamisServer.start(answers, key, id);
    return new Prepared(
        List.of("--batch", BATCH, "--from", from.toString(), "--to", to.toString()),
        Map.of("KAMIS_BASE_URL", server.baseUrl(), "KAMIS_CERT_KEY", key, "KAMIS_CERT_ID", id),
        server);
  }

  private static List<TableId> olistTables() {
    List<TableId> t = new ArrayList<>();
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      t.add(f.bronze());
      t.add(f.silver());
    }
    for (String mart : List.of("daily_sales", "seller_scorecard", "payment_mix")) {
      t.add(TableId.gold(OlistTables.DOMAIN, mart));
    }
    return List.copyOf(t);
  }

  @Override
  public String toString() {
    return module;
  }
}
