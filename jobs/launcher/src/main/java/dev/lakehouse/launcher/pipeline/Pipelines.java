package dev.lakehouse.launcher.pipeline;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze;
import dev.lakehouse.jobs.kamis.gold.BuildKamisGold;
import dev.lakehouse.jobs.kamis.silver.PromoteKamisToSilver;
import dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze;
import dev.lakehouse.jobs.olist.gold.BuildOlistGold;
import dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The pipelines {@code bin/lakehouse run} knows: each an ordered list of jobs. */
public final class Pipelines {
  private static final Map<String, List<Supplier<SparkJob>>> PIPELINES = new LinkedHashMap<>();

  static {
    PIPELINES.put(
        "olist", List.of(IngestOlistToBronze::new, PromoteOlistToSilver::new, BuildOlistGold::new));
    // Bronze fetches --from..--to (default the run date) unless --source names landed responses.
    PIPELINES.put(
        "kamis", List.of(IngestKamisToBronze::new, PromoteKamisToSilver::new, BuildKamisGold::new));
  }

  private Pipelines() {}

  public static List<String> names() {
    return List.copyOf(PIPELINES.keySet());
  }

  /** The jobs of a pipeline, in order. */
  public static List<SparkJob> jobs(String pipeline) {
    List<Supplier<SparkJob>> jobs = PIPELINES.get(pipeline);
    if (jobs == null) {
      throw Errors.usage("Unknown pipeline '" + pipeline + "'; pipelines: " + names());
    }
    return jobs.stream().map(Supplier::get).toList();
  }

  /** Every job of every pipeline. */
  public static List<SparkJob> allJobs() {
    List<SparkJob> all = new ArrayList<>();
    PIPELINES.keySet().forEach(p -> all.addAll(jobs(p)));
    return all;
  }

  /**
   * Resolves what {@code run} was given: {@code all}, a pipeline name, a job name (e.g. {@code
   * olist.promote_silver}) or a job class's simple name (e.g. {@code PromoteOlistToSilver}).
   */
  public static List<SparkJob> resolve(String target) {
    if (target.equals("all")) {
      return allJobs();
    }
    if (PIPELINES.containsKey(target)) {
      return jobs(target);
    }
    for (SparkJob j : allJobs()) {
      if (j.name().equals(target) || j.getClass().getSimpleName().equals(target)) {
        return List.of(j);
      }
    }
    List<String> known = new ArrayList<>(names());
    known.add("all");
    allJobs().forEach(j -> known.add(j.name()));
    throw Errors.usage("Unknown pipeline or job '" + target + "'; choose one of " + known);
  }
}
