package dev.lakehouse.common.lineage;

import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.GateReport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
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
   * Declares what a Delta MERGE into {@code targetPath} reads: the tables at the leaves of its
   * source. The listener names the inputs of a MERGE only when the source is a bare table scan; the
   * source of a lakehouse MERGE is computed (typed, joined, compared with the target), so without
   * this the MERGE events would list no inputs and the graph would break at every MERGE.
   */
  public static void mergeSource(SparkSession spark, String targetPath, Dataset<Row> source) {
    if (!available()) {
      return;
    }
    try {
      OpenLineageEmitter.mergeSource(spark, targetPath, tablesRead(source));
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      LOG.warn("Could not declare the inputs of the MERGE into {}: {}", targetPath, e.toString());
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
