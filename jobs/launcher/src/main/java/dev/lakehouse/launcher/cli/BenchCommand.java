package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.bench.BenchHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lakehouse bench [--scales 0.1,1,3] [--out DIR] [--seed N]}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the Olist pipeline against its baselines at each scale: time per layer and its"
          + " scaling exponent, gates on/off, lineage on/off (events dropped), bronze against a"
          + " bare CSV-to-Parquet write, a 1 % incremental batch, DuckDB running the same"
          + " transformations (with a gold cross-check), peak driver heap, bytes on disk.",
      "Each variant runs in a JVM of its own, one after the other. Writes bench-results.json"
          + " and bench-results.md to --out."
    })
public final class BenchCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "0.1,1,3",
      paramLabel = "S[,S...]",
      description = "Olist scales, 1 = about the real dataset (default ${DEFAULT-VALUE}).")
  List<Double> scales;

  @Option(
      names = "--out",
      defaultValue = "bench-out",
      paramLabel = "DIR",
      description = "Folder for the data, the runs and the results (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed of the generated data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--resume",
      description =
          "Reuse the finished variants an interrupted run with the same --out, scales and seed"
              + " left behind, and run only the rest.")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    for (double s : scales) {
      if (!(s > 0) || s > 100) {
        throw Errors.usage("--scales: each scale must be above 0 and at most 100, got " + s);
      }
    }
    new BenchHarness(
            scales.stream().sorted().distinct().toList(),
            out,
            seed,
            parent.env(),
            parent.out(),
            resume)
        .run();
    return 0;
  }
}
