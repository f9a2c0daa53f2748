package dev.lakehouse.it;

import dev.lakehouse.common.table.TableId;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.launcher.generate.OlistGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One job module's pipeline as spark-submit runs it: the module whose shaded jar holds the jobs,
 * the job classes in dependency order, how to write a small landing folder for them, and tables
 * that must hold rows afterwards. {@link #ALL} is the list the integration tests run; a new source
 * is one more entry there.
 */
record JobPipeline(
    String module, List<String> jobClasses, LandingWriter landing, List<TableId> tables) {

  /** Writes sample input for the pipeline's first job into a folder. */
  @FunctionalInterface
  interface LandingWriter {
    void write(Path folder, double scale) throws IOException;
  }

  static final JobPipeline OLIST =
      new JobPipeline(
          "olist",
          List.of(
              "dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze",
              "dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver",
              "dev.lakehouse.jobs.olist.gold.BuildOlistGold"),
          (folder, scale) -> new OlistGenerator(scale, 42L).writeTo(folder, line -> {}),
          olistTables());

  /** Every pipeline the tests run through spark-submit. */
  static final List<JobPipeline> ALL = List.of(OLIST);

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
