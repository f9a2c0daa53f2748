package dev.lakehouse.jobs.kamis.silver;

import static dev.lakehouse.jobs.kamis.silver.KamisCodes.text;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import dev.lakehouse.jobs.kamis.bronze.KamisBronzeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code silver.kamis.items} from productInfo, and the item lookup other transforms use for names,
 * units and the dailySalesList mapping.
 */
final class ItemCatalog {
  private ItemCatalog() {}

  /**
   * The typed productInfo rows with {@value Observations#REASON} (item or kind code missing) and
   * {@value Observations#RAW}: rank code lists split ({@code "04,05"} → [04, 05], {@code []} →
   * empty), empty forms as null.
   */
  static Dataset<Row> typed(Dataset<Row> bronze) {
    Column itemCode = text("itemcode");
    Column kindCode = text("kindcode");
    Column reason =
        concat_ws(
            "; ",
            when(itemCode.isNull(), lit("itemcode is empty")),
            when(kindCode.isNull(), lit("kindcode is empty")),
            when(text("itemcategorycode").isNull(), lit("itemcategorycode is empty")));
    return bronze.select(
        text("itemcategorycode").as("category_code"),
        KamisCodes.first(
                text("itemcategoryname"), KamisCodes.categoryName(text("itemcategorycode")))
            .as("category_name"),
        itemCode.as("item_code"),
        text("itemname").as("item_name"),
        kindCode.as("kind_code"),
        text("kindname").as("kind_name"),
        text("wholesale_unit").as("wholesale_unit"),
        text("wholesale_unitsize").as("wholesale_unit_size"),
        text("retail_unit").as("retail_unit"),
        text("retail_unitsize").as("retail_unit_size"),
        text("eco_unit").as("eco_unit"),
        text("eco_unitsize").as("eco_unit_size"),
        rankCodes("whole_productrankcode").as("wholesale_rank_codes"),
        rankCodes("retail_productrankcode").as("retail_rank_codes"),
        col(KamisBronzeTable.FETCHED_AT).as("_fetched"),
        col(KamisBronzeTable.BATCH_ID),
        col(KamisBronzeTable.SOURCE_FILE),
        Observations.raw(bronze).as(Observations.RAW),
        when(length(reason).gt(0), reason).as(Observations.REASON));
  }

  private static Column rankCodes(String column) {
    Column t = text(column);
    return when(t.isNull(), array().cast("array<string>"))
        .otherwise(array_remove(split(regexp_replace(t, "\\s", ""), ","), ""));
  }

  static final String[] COLUMNS = {
    "category_code",
    "category_name",
    "item_code",
    "item_name",
    "kind_code",
    "kind_name",
    "wholesale_unit",
    "wholesale_unit_size",
    "retail_unit",
    "retail_unit_size",
    "eco_unit",
    "eco_unit_size",
    "wholesale_rank_codes",
    "retail_rank_codes"
  };

  /**
   * One row per (item_code, kind_code): the newest fetch wins, then the raw text (deterministic).
   */
  static Dataset<Row> items(Dataset<Row> valid) {
    return valid
        .withColumn(
            "_n",
            row_number()
                .over(
                    Window.partitionBy("item_code", "kind_code")
                        .orderBy(col("_fetched").desc(), col(Observations.RAW))))
        .filter(col("_n").equalTo(1))
        .select(Observations.cols(COLUMNS));
  }

  /**
   * The lookup: this run's items, then the published ones for keys this run does not have (a batch
   * need not carry productInfo).
   */
  static Dataset<Row> lookup(Dataset<Row> runItems, Dataset<Row> published) {
    if (published == null) {
      return runItems;
    }
    Dataset<Row> old =
        published
            .select(Observations.cols(COLUMNS))
            .join(
                runItems.select("item_code", "kind_code"),
                new String[] {"item_code", "kind_code"},
                "left_anti");
    return runItems.unionByName(old);
  }

  /** The unit of a channel from the catalogue: size and unit joined ({@code 20} + {@code kg}). */
  static Column unit(String prefix) {
    Column size = col("l_" + prefix + "_unit_size");
    Column unit = col("l_" + prefix + "_unit");
    return when(size.isNotNull().and(unit.isNotNull()), concat(size, unit)).otherwise(unit);
  }
}
