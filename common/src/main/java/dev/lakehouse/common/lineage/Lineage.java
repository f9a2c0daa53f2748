package dev.lakehouse.common.lineage;

import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.GateReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job-level lineage on top of the OpenLineage Spark listener: a parent job per job run (name = the
 * job name, run id = our run id), the Spark-level events of that run tied to it through the
 * parent-run facet, and the quality gate results as dataset facets. Does nothing when the listener
 * is not registered (transport none, or openlineage-spark not on the class path). Never throws: any
 * lineage failure costs one warning.
 */
public final class Lineage {
  private static final Logger LOG = LoggerFactory.getLogger(Lineage.class);

  private Lineage() {}

  /** A started job run; {@link #end} it once. */
  public interface JobRun {
    /** Emits COMPLETE or FAIL for the job run and restores the listener's parent. */
    void end(boolean succeeded, String error);
  }

  private static final JobRun NOOP = (ok, error) -> {};

  /** True when the OpenLineage classes are on the class path. */
  static boolean available() {
    try {
      Class.forName(LineageConf.LISTENER, false, Lineage.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Emits START for the job run and ties the Spark-level events to it. */
  public static JobRun begin(SparkSession spark, String job, JobContext ctx) {
    if (!available()) {
      return NOOP;
    }
    try {
      return OpenLineageEmitter.begin(spark, job, ctx);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Lineage for {} is off for this run: {}", job, e.toString());
      return NOOP;
    }
  }

  /**
   * Declares what a Delta write into {@code targetPath} (a MERGE, or the first write of a table
   * that later takes MERGEs) reads: the tables at the leaves of its source. The listener names the
   * inputs of a MERGE only when the source is a bare table scan, and names none when the source
   * starts from a checkpoint; the source of a lakehouse write is computed (typed, joined, compared
   * with the target, often checkpointed on the way), so without this those events would list no
   * inputs and the graph would break there.
   */
  public static void declareSources(SparkSession spark, String targetPath, Dataset<Row> source) {
    if (!available()) {
      return;
    }
    try {
      OpenLineageEmitter.declareInputs(spark, targetPath, tablesRead(source));
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      LOG.warn("Could not declare the inputs of the write into {}: {}", targetPath, e.toString());
    }
  }

  /** The tables each live checkpoint's rows came from, by the id of the checkpoint's RDD. */
  private static final Map<Integer, List<String>> CHECKPOINT_SOURCES = new ConcurrentHashMap<>();

  /**
   * Remembers the tables {@code origin} reads as the sources of {@code checkpoint} (its rows, under
   * a one-node plan that no longer shows them), so a write built on the checkpoint still names them
   * ({@link #declareSources}).
   */
  public static void checkpointed(Dataset<Row> origin, Dataset<Row> checkpoint) {
    if (checkpoint.queryExecution().analyzed() instanceof LogicalRDD r) {
      List<String> read = tablesRead(origin);
      if (!read.isEmpty()) {
        CHECKPOINT_SOURCES.put(r.rdd().id(), read);
      }
    }
  }

  /** Forgets a checkpoint's sources once it is released. */
  public static void released(Dataset<Row> checkpoint) {
    if (checkpoint.queryExecution().analyzed() instanceof LogicalRDD r) {
      CHECKPOINT_SOURCES.remove(r.rdd().id());
    }
  }

  /** Root paths of the file-based tables (Delta, Parquet, CSV) a Dataset reads. */
  static List<String> tablesRead(Dataset<Row> df) {
    java.util.Set<String> paths = new java.util.LinkedHashSet<>();
    for (LogicalPlan leaf :
        scala.collection.JavaConverters.seqAsJavaList(
            df.queryExecution().analyzed().collectLeaves())) {
      if (leaf instanceof LogicalRelation lr && lr.relation() instanceof HadoopFsRelation fs) {
        for (org.apache.hadoop.fs.Path p :
            scala.collection.JavaConverters.seqAsJavaList(fs.location().rootPaths())) {
          paths.add(p.toString());
        }
      } else if (leaf instanceof LogicalRDD r) {
        paths.addAll(CHECKPOINT_SOURCES.getOrDefault(r.rdd().id(), List.of()));
      }
    }
    return List.copyOf(paths);
  }

  /** Emits the gates' results as dataQualityAssertions and dataQualityMetrics facets. */
  public static void qualityChecked(
      SparkSession spark, JobContext ctx, String job, List<GateReport> reports) {
    if (!available()) {
      return;
    }
    try {
      OpenLineageEmitter.quality(spark, ctx, job, reports);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Could not emit the quality lineage of {}: {}", job, e.toString());
    }
  }
}
