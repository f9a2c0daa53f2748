package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.jobs.kamis.sample.KamisSampleGenerator;
import dev.lakehouse.jobs.olist.sample.OlistGenerator;
import dev.lakehouse.launcher.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse generate olist --scale S --out DIR [--seed N]} and {@code lakehouse generate
 * kamis --from D1 --to D2 --out DIR [--seed N]}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write sample source data of the real shape, mess included. Deterministic for a seed.",
      "olist: the nine CSV files; scale 1 is about the real dataset's size.",
      "kamis: raw KAMIS OpenAPI answers for the days --from to --to, for what lakehouse.kamis"
          + " says to fetch, in <out>/<action>/<slot>/<request-key>.json (the folder the fake"
          + " KAMIS server serves)."
    })
public final class GenerateCommand implements Callable<Integer> {
  /** The longest KAMIS range generated at once (the period actions return about a year). */
  static final long MAX_KAMIS_DAYS = 400;

  @ParentCommand Lakehouse parent;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "olist or kamis")
  String source;

  @Option(
      names = "--scale",
      defaultValue = "0.01",
      description = "olist: size relative to the real data (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "kamis: first day, yyyy-MM-dd (required for kamis).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "kamis: last day, yyyy-MM-dd (required for kamis).")
  LocalDate to;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write to.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    switch (source) {
      case "olist":
        return olist();
      case "kamis":
        return kamis();
      default:
        throw Errors.usage("Unknown source '" + source + "' for generate; sources: olist, kamis");
    }
  }

  private int olist() throws Exception {
    if (!(scale > 0)) {
      throw Errors.usage("--scale must be greater than 0, got " + scale);
    }
    long start = System.nanoTime();
    Map<String, Long> rows =
        new OlistGenerator(scale, seed).writeTo(out, line -> parent.out().println("  " + line));
    long total = rows.values().stream().mapToLong(Long::longValue).sum();
    parent
        .out()
        .printf(
            Locale.ROOT,
            "Wrote %d files, %,d rows to %s in %.1fs (scale %s, seed %d)%n",
            rows.size(),
            total,
            out.toAbsolutePath(),
            (System.nanoTime() - start) / 1e9,
            scale,
            seed);
    return 0;
  }

  private int kamis() {
    if (from == null || to == null) {
      throw Errors.usage("generate kamis needs --from DATE and --to DATE (yyyy-MM-dd)");
    }
    if (from.isAfter(to)) {
      throw Errors.usage("--from " + from + " is after --to " + to);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_KAMIS_DAYS) {
      throw Errors.usage(
          "--from " + from + " --to " + to + " spans " + days + " days; at most " + MAX_KAMIS_DAYS);
    }
    long start = System.nanoTime();
    KamisSampleGenerator.Summary s =
        new KamisSampleGenerator(seed)
            .writeTo(
                out,
                parent.settings().kamis(),
                from,
                to,
                line -> parent.out().println("  " + line));
    parent
        .out()
        .printf(
            Locale.ROOT,
            "Wrote %d KAMIS answers (%d without data), %,d rows, %s to %s, to %s in %.1fs (seed %d)%n",
            s.files(),
            s.emptyAnswers(),
            s.rows(),
            from,
            to,
            out.toAbsolutePath(),
            (System.nanoTime() - start) / 1e9,
            seed);
    return 0;
  }
}
