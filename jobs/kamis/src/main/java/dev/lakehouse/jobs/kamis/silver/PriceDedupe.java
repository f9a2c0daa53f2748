package dev.lakehouse.jobs.kamis.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.spark.Checkpoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * One row per business key across actions, slots and batches, the most direct observation winning
 * (deterministically): the lowest label rank ({@code 당일} before {@code 1일전} …; dated rows rank as
 * 당일), then the newer fetch, then the more specific action ({@link PriceTransforms#ACTION_RANK}),
 * then the row already published (so a re-run changes nothing), then the lower price, batch id and
 * raw row text. The published rows of the same keys take part, so promoting an older batch never
 * overwrites a better observation already in silver.
 */
final class PriceDedupe {
  private PriceDedupe() {}

  private static final String EXISTING = "_existing";

  /**
   * What deduplication did.
   *
   * @param output the rows to publish (a local checkpoint: release it with {@link
   *     Checkpoints#release}): new keys and keys whose best row changed
   * @param observations candidate observations of this run
   * @param keys distinct keys among them ({@code observations - keys} collapsed duplicates)
   * @param superseded keys whose published row stays the better one
   */
  record Resolved(Dataset<Row> output, long observations, long keys, long superseded) {
    long duplicates() {
      return observations - keys;
    }
  }

  static Resolved resolve(
      SparkSession spark, Dataset<Row> candidates, String path, KamisSilverTable table) {
    List<String> keys = table.keys();
    String[] cols = table.columns().toArray(String[]::new);
    List<Column> c = new ArrayList<>(Arrays.asList(Observations.cols(cols)));
    c.add(col("_label_rank"));
    c.add(col("_action_rank"));
    c.add(col(Observations.RAW));
    c.add(lit(false).as(EXISTING));
    Dataset<Row> cand = candidates.select(c.toArray(Column[]::new));
    Dataset<Row> all = cand;
    if (DeltaIO.exists(spark, path)) {
      List<Column> e = new ArrayList<>(Arrays.asList(Observations.cols(cols)));
      e.add(DayLabels.rank(col("day_label")).as("_label_rank"));
      e.add(PriceTransforms.actionRank(col("source_action")).as("_action_rank"));
      e.add(lit(null).cast("string").as(Observations.RAW));
      e.add(lit(true).as(EXISTING));
      Dataset<Row> existing =
          DeltaIO.read(spark, path)
              .join(
                  cand.select(Observations.cols(keys.toArray(String[]::new))).distinct(),
                  keys.toArray(String[]::new),
                  "left_semi")
              .select(e.toArray(Column[]::new));
      all = cand.unionByName(existing);
    }
    Column[] partition = Observations.cols(keys.toArray(String[]::new));
    Dataset<Row> best =
        Checkpoints.local(
            all.withColumn(
                    "_n",
                    row_number()
                        .over(
                            Window.partitionBy(partition)
                                .orderBy(
                                    col("_label_rank").asc_nulls_last(),
                                    col("fetched_at").desc_nulls_last(),
                                    col("_action_rank").asc_nulls_last(),
                                    col(EXISTING).desc(),
                                    col("price_won").asc_nulls_last(),
                                    col("batch_id").asc_nulls_last(),
                                    col(Observations.RAW).asc_nulls_first())))
                .filter(col("_n").equalTo(1).and(col(EXISTING).equalTo(false)))
                .select(Observations.cols(cols)));
    long observations = cand.count();
    long distinctKeys = cand.select(partition).distinct().count();
    long out = best.count();
    return new Resolved(best, observations, distinctKeys, distinctKeys - out);
  }
}
