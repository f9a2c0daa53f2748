package dev.lakehouse.jobs.olist.silver;

import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.testing.TestSpark;
import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small bronze tables built in memory: source columns as strings plus the bronze metadata. */
final class BronzeFixtures {
  private BronzeFixtures() {}

  /**
   * Bronze rows of one file and batch.
   *
   * @param ingestedAt {@code yyyy-MM-dd HH:mm:ss}
   * @param rows one array per row, values in header order (null allowed)
   */
  static Dataset<Row> bronze(SourceFile file, String batch, String ingestedAt, String[]... rows) {
    StructType schema = new StructType();
    for (String c : file.header()) {
      schema = schema.add(c, DataTypes.StringType);
    }
    schema =
        schema
            .add(OlistTables.BATCH_ID, DataTypes.StringType)
            .add(OlistTables.SOURCE_FILE, DataTypes.StringType)
            .add(OlistTables.INGESTED_AT, DataTypes.TimestampType);
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      if (r.length != file.header().size()) {
        throw new IllegalArgumentException(file.table() + " row " + Arrays.toString(r));
      }
      List<Object> values = new ArrayList<>(Arrays.asList((Object[]) r));
      values.add(batch);
      values.add("file:/landing/olist/" + batch + "/" + file.fileName());
      values.add(Timestamp.valueOf(ingestedAt));
      out.add(RowFactory.create(values.toArray()));
    }
    return TestSpark.session().createDataFrame(out, schema);
  }

  /** Appends rows to {@code bronze.olist.<table>} under the context's root. */
  static void write(JobContext ctx, Dataset<Row> rows, SourceFile file) {
    rows.coalesce(1).write().format("delta").mode("append").save(ctx.layout().path(file.bronze()));
  }

  static String[] row(String... values) {
    return values;
  }
}
