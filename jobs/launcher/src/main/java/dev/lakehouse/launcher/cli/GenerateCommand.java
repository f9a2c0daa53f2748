package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.generate.OlistGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehouse generate olist --scale S --out DIR [--seed N]}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write sample source data of the real shape, mess included. Deterministic for a seed;"
            + " scale 1 is about the real dataset's size.")
public final class GenerateCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "olist")
  String source;

  @Option(
      names = "--scale",
      defaultValue = "0.01",
      description = "Size relative to the real data (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write to.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!source.equals("olist")) {
      throw Errors.usage("Unknown source '" + source + "' for generate; sources: olist");
    }
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
}
