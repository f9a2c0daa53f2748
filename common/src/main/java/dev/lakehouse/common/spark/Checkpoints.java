package dev.lakehouse.common.spark;

import dev.lakehouse.common.lineage.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Intermediate results computed once and held by Spark's block manager under a plan of one node (a
 * local checkpoint).
 *
 * <p>A {@code persist()}ed Dataset keeps its whole plan: every query over it is analysed, optimised
 * and described (for the SQL listener events, once per query and again at each adaptive re-plan)
 * with that plan inside, and a chain of persisted steps nests plan within plan. A promotion that
 * types, unpivots and ranks five sources built plans whose description ran to 3 MB of text, and
 * spent most of its time on the driver producing them. A checkpoint cuts the chain: the rows are
 * the same, the plan that follows starts from them. The tables the rows came from are remembered
 * for lineage ({@link Lineage#checkpointed}), so writes built on a checkpoint still name them.
 *
 * <p>Like cached blocks, the checkpoint lives on the executors that computed it; Spark's dynamic
 * allocation keeps executors holding such blocks unless {@code
 * spark.dynamicAllocation.cachedExecutorIdleTimeout} is set. Release each one when done with it.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** The rows of {@code data}, computed now, under a one-node plan. */
  public static Dataset<Row> local(Dataset<Row> data) {
    Dataset<Row> checkpoint = data.localCheckpoint(true);
    Lineage.checkpointed(data, checkpoint);
    return checkpoint;
  }

  /** Frees the blocks of a checkpoint made by {@link #local}. */
  public static void release(Dataset<Row> checkpoint) {
    if (checkpoint.queryExecution().analyzed() instanceof LogicalRDD r) {
      Lineage.released(checkpoint);
      r.rdd().unpersist(false);
    }
  }
}
