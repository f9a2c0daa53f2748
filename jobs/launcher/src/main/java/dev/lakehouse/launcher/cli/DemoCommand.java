package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.job.JobArgs;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.generate.OlistGenerator;
import dev.lakehouse.launcher.pipeline.Pipelines;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse demo}: generates a small sample into {@code <root>/landing/olist} if none is
 * there, runs every pipeline on it, and prints a summary. Running it again changes nothing.
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

  @Override
  public Integer call() throws Exception {
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
    // Olist only for now: the KAMIS pipeline needs its own landing (its sample generator and fake
    // server come with the KAMIS client); "all" would hand it the Olist folder as --source.
    return RunCommand.runJobs(parent, Pipelines.resolve("olist"), args);
  }
}
