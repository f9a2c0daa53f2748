package dev.lakehouse.jobs.olist.silver;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import dev.lakehouse.jobs.olist.OlistTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Geolocation points to one row per zip prefix. The source has many points per prefix, many exact
 * duplicates, the same city spelt with and without accents, and a few points far outside Brazil.
 */
final class GeolocationTransforms {
  static final String ZIP = "zip_code_prefix";

  private static final double MIN_LAT = -34;
  private static final double MAX_LAT = 6;
  private static final double MIN_LNG = -74;
  private static final double MAX_LNG = -34;
  private static final String LATEST = "_latest";
  private static final String RANK = "_rank";

  private GeolocationTransforms() {}

  static Column insideBrazil() {
    return col("lat")
        .between(lit(MIN_LAT), lit(MAX_LAT))
        .and(col("lng").between(lit(MIN_LNG), lit(MAX_LNG)));
  }

  /**
   * From valid typed points: those inside Brazil, of the latest batch holding each prefix (so
   * promoting all of bronze does not count a re-ingested file twice), exact duplicates collapsed;
   * then per prefix the mean position, the most frequent city and state (ties: alphabetical), the
   * batch and the number of points used.
   */
  static Dataset<Row> perZip(Dataset<Row> valid) {
    Dataset<Row> points =
        valid
            .filter(insideBrazil())
            .withColumn(
                LATEST,
                max(struct(col(OlistTables.INGESTED_AT), col(OlistTables.BATCH_ID)))
                    .over(Window.partitionBy(ZIP)))
            .filter(col(OlistTables.BATCH_ID).eqNullSafe(col(LATEST + "." + OlistTables.BATCH_ID)))
            .dropDuplicates(ZIP, "lat", "lng", "city", "state");
    Dataset<Row> stats =
        points
            .groupBy(ZIP)
            .agg(
                // Means of exact decimals: the same points give the same double on every run,
                // so re-running a batch does not rewrite rows over rounding noise.
                avg(col("lat")).cast("double").as("lat"),
                avg(col("lng")).cast("double").as("lng"),
                count(lit(1)).cast("int").as("points"),
                max(col(OlistTables.BATCH_ID)).as(OlistTables.BATCH_ID));
    return stats
        .join(mostFrequent(points, "city"), ZIP, "left")
        .join(mostFrequent(points, "state"), ZIP, "left");
  }

  /** Per prefix, the most frequent non-null value of {@code column}; ties go alphabetically. */
  private static Dataset<Row> mostFrequent(Dataset<Row> points, String column) {
    return points
        .filter(col(column).isNotNull())
        .groupBy(ZIP, column)
        .agg(count(lit(1)).as("_n"))
        .withColumn(
            RANK,
            row_number().over(Window.partitionBy(ZIP).orderBy(col("_n").desc(), col(column).asc())))
        .filter(col(RANK).equalTo(1))
        .select(ZIP, column);
  }
}
