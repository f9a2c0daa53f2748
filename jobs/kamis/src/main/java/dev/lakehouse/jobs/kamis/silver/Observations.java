package dev.lakehouse.jobs.kamis.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shape every price transform produces: one typed row per bronze row with its labelled prices
 * in an array {@value #CELLS}, the bronze row as JSON ({@value #RAW}) and what is wrong with it
 * ({@value #REASON}, null when nothing). {@link #explodeCells} turns the valid rows into
 * observations, one per price cell, with the columns of {@link #COLUMNS}.
 */
final class Observations {
  static final String RAW = "_raw";
  static final String REASON = "_reason";
  static final String CELLS = "_cells";
  static final String SOURCE_FILE = "_source_file";

  /** Per-row columns every transform provides, before the cells are exploded. */
  static final String[] ROW_COLUMNS = {
    "product_cls",
    "category_code",
    "category_name",
    "item_code",
    "item_name",
    "kind_code",
    "kind_name",
    "rank_code",
    "rank_name",
    "eco",
    "region_code",
    "region_name",
    "market_name",
    "market_type",
    "unit",
    "source_action",
    "batch_id",
    "fetched_at",
    "_action_rank"
  };

  /** An observation: the row columns and the cell's date, label, price and summary type. */
  static final String[] COLUMNS = {
    "price_date",
    "product_cls",
    "category_code",
    "category_name",
    "item_code",
    "item_name",
    "kind_code",
    "kind_name",
    "rank_code",
    "rank_name",
    "eco",
    "region_code",
    "region_name",
    "market_name",
    "market_type",
    "unit",
    "price_won",
    "day_label",
    "source_action",
    "batch_id",
    "fetched_at",
    "summary_type",
    "_label_rank",
    "_action_rank"
  };

  private Observations() {}

  static Column[] cols(String... names) {
    return Arrays.stream(names).map(n -> col("`" + n + "`")).toArray(Column[]::new);
  }

  /** The bronze row as JSON with nulls kept, for quarantine and as a deterministic tie-break. */
  static Column raw(Dataset<Row> bronze) {
    return to_json(struct(cols(bronze.columns())), Map.of("ignoreNullFields", "false"));
  }

  /**
   * Joins the row problems and the cells' problems into {@value #REASON} (null when none).
   *
   * @param rowProblems nullable string columns
   */
  static Column reason(Column cells, Column... rowProblems) {
    return reasonOf(problems(cells, rowProblems));
  }

  /** Every problem of a row and its cells joined with {@code "; "} (empty when none). */
  static Column problems(Column cells, Column... rowProblems) {
    List<Column> all = new ArrayList<>(Arrays.asList(rowProblems));
    all.add(concat_ws("; ", cells.getField("problem")));
    return concat_ws("; ", all.toArray(Column[]::new));
  }

  /** The reason from {@link #problems}: null when it is empty. */
  static Column reasonOf(Column problems) {
    return when(length(problems).gt(0), problems);
  }

  /** Rows that cannot be used, in the shape {@code Quarantine.append} takes. */
  static Dataset<Row> rejected(Dataset<Row> typed) {
    return typed
        .filter(col(REASON).isNotNull())
        .select(col(RAW).as("raw"), col(REASON).as("reason"), col(SOURCE_FILE).as("_source_file"));
  }

  /** Every price cell of the valid rows, priced or not (the caller counts the empty ones). */
  static Dataset<Row> explodeCells(Dataset<Row> typed) {
    List<Column> out = new ArrayList<>(Arrays.asList(cols(ROW_COLUMNS)));
    out.add(col(RAW));
    out.add(explode(col(CELLS)).as("_cell"));
    List<Column> flat = new ArrayList<>();
    flat.add(col("_cell.price_date").as("price_date"));
    for (String c : ROW_COLUMNS) {
      flat.add(col("`" + c + "`"));
    }
    flat.add(col("_cell.price_won").as("price_won"));
    flat.add(col("_cell.day_label").as("day_label"));
    flat.add(col("_cell.summary_type").as("summary_type"));
    flat.add(col("_cell._label_rank").as("_label_rank"));
    flat.add(col(RAW));
    return typed
        .filter(col(REASON).isNull())
        .select(out.toArray(Column[]::new))
        .select(flat.toArray(Column[]::new));
  }
}
