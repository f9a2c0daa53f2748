package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.LakehouseSettings.KamisSettings;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.kamis.sample.FakeKamisServer;
import dev.lakehouse.jobs.kamis.sample.KamisSampleGenerator;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import dev.lakehouse.launcher.Lakehouse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse demo}: generates a small Olist sample into {@code <root>/landing/olist} if none
 * is there and runs the olist pipeline on it; then runs the kamis pipeline against a fake KAMIS
 * server serving generated answers; prints a summary of each. Running it again changes nothing.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate sample data if none is there, run every pipeline on the lakehouse root"
            + " (default ./lakehouse-data), and print a summary.")
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Option(
      names = "--scale",
      defaultValue = "0.01",
      description = "Sample size when generating (default ${DEFAULT-VALUE}, about 1,000 orders).")
  double scale;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--kamis-days",
      defaultValue = "10",
      description =
          "Days of KAMIS prices to fetch from the fake KAMIS server, ending "
              + "2024-10-31 (default ${DEFAULT-VALUE}; 0 skips KAMIS).")
  int kamisDays;

  /** The last day of the KAMIS demo range: fixed, so the demo is the same on every machine. */
  static final LocalDate KAMIS_LAST_DAY = LocalDate.of(2024, 10, 31);

  // Credentials of the local fake server only; they open nothing anywhere else.
  private static final String DEMO_KEY = "demo-cert-key";
  private static final String DEMO_ID = "demo-cert-id";

  @Override
  public Integer call() throws Exception {
    if (kamisDays < 0 || kamisDays > 366) {
      throw Errors.usage("--kamis-days is " + kamisDays + "; give 0 (no KAMIS) to 366 days");
    }
    TableLayout layout = parent.layout();
    String landing = layout.landing(OlistTables.DOMAIN);
    FileSystem fs =
        FileSystem.get(URI.create(landing), parent.spark().sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path landingPath = new org.apache.hadoop.fs.Path(landing);
    boolean hasData =
        fs.exists(landingPath)
            && fs.exists(new org.apache.hadoop.fs.Path(landingPath, OlistTables.ORDERS.fileName()));
    if (hasData) {
      parent.out().println("Using the Olist sample already in " + landing);
    } else {
      parent.out().println("Generating an Olist sample (scale " + scale + ") into " + landing);
      boolean local = !landing.contains("://");
      Path target = local ? Path.of(landing) : Files.createTempDirectory("olist-sample");
      new OlistGenerator(scale, seed).writeTo(target, line -> parent.out().println("  " + line));
      if (!local) {
        for (String f : OlistGenerator.FILE_NAMES) {
          fs.copyFromLocalFile(
              true,
              true,
              new org.apache.hadoop.fs.Path(target.resolve(f).toUri()),
              new org.apache.hadoop.fs.Path(landingPath, f));
        }
      }
    }
    JobArgs args =
        new JobArgs(
            Optional.of(landing),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);
    Map<String, JobArgs> pipelines = new LinkedHashMap<>();
    pipelines.put(OlistTables.DOMAIN, args);
    int olist = RunCommand.runPipelines(parent, pipelines, parent.settings());
    int kamis = kamisDays == 0 ? 0 : runKamis();
    return olist != 0 ? olist : kamis;
  }

  /**
   * KAMIS cannot be reached from everywhere, so the demo generates a sample of its answers, serves
   * them with the fake KAMIS server on 127.0.0.1 and runs the kamis pipeline against that server
   * exactly as it would against the real one (client, landing, bronze, silver, gold).
   */
  private int runKamis() throws Exception {
    LocalDate to = KAMIS_LAST_DAY;
    LocalDate from = to.minusDays(kamisDays - 1L);
    LakehouseSettings settings = parent.settings();
    Path samples = Files.createTempDirectory("kamis-sample");
    try {
      parent
          .out()
          .println(
              "Generating KAMIS sample answers for "
                  + from
                  + " to "
                  + to
                  + " and serving them on 127.0.0.1 (fake KAMIS server)");
      new KamisSampleGenerator(seed).writeTo(samples, settings.kamis(), from, to, line -> {});
      try (FakeKamisServer server = FakeKamisServer.start(samples, DEMO_KEY, DEMO_ID)) {
        LakehouseSettings demo = withKamisServer(settings, server.baseUrl());
        JobArgs args =
            new JobArgs(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(from),
                Optional.of(to),
                false);
        Map<String, JobArgs> pipelines = new LinkedHashMap<>();
        pipelines.put("kamis", args);
        return RunCommand.runPipelines(parent, pipelines, demo);
      }
    } finally {
      try (var files = Files.walk(samples)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The settings with KAMIS pointed at the local fake server (demo credentials, no rate cap). */
  static LakehouseSettings withKamisServer(LakehouseSettings s, String baseUrl) {
    KamisSettings k = s.kamis();
    KamisSettings local =
        new KamisSettings(
            baseUrl,
            DEMO_KEY,
            DEMO_ID,
            Math.max(k.requestsPerSecond(), 500),
            k.requestTimeout(),
            k.maxRetries(),
            k.retryInitialDelay(),
            k.retryMaxDelay(),
            k.retryJitter(),
            k.productClasses(),
            k.categories(),
            k.regions(),
            k.periodItems(),
            k.ecoItems(),
            k.convertKg());
    return new LakehouseSettings(
        s.env(), s.root(), s.spark(), s.s3(), s.lineage(), local, s.alert(), s.quality());
  }
}
