package dev.lakehouse.common.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The types a {@code data_type} rule can ask for. On a string column the values are classified by
 * Deequ (the first five); on a typed column the Spark schema type is compared.
 */
public enum ColumnType {
  INTEGRAL(true),
  FRACTIONAL(true),
  NUMERIC(true),
  BOOLEAN(true),
  STRING(false),
  DATE(false),
  TIMESTAMP(false);

  private final boolean deequClassifies;

  ColumnType(boolean deequClassifies) {
    this.deequClassifies = deequClassifies;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when Deequ's DataType analyzer can classify string values as this type. */
  public boolean deequClassifies() {
    return deequClassifies;
  }

  /** True when a column of the Spark type holds values of this type. */
  public boolean matches(DataType t) {
    boolean integral =
        t instanceof ByteType
            || t instanceof ShortType
            || t instanceof IntegerType
            || t instanceof LongType
            || (t instanceof DecimalType d && d.scale() == 0);
    boolean fractional =
        t instanceof FloatType
            || t instanceof DoubleType
            || (t instanceof DecimalType d && d.scale() > 0);
    return switch (this) {
      case INTEGRAL -> integral;
      case FRACTIONAL -> fractional;
      case NUMERIC -> integral || fractional;
      case BOOLEAN -> t instanceof BooleanType;
      case STRING -> t instanceof StringType;
      case DATE -> t instanceof DateType;
      case TIMESTAMP -> t instanceof TimestampType || t instanceof TimestampNTZType;
    };
  }

  /**
   * The share of non-null values of this type in Deequ's DataType histogram (counts per Deequ
   * class: Integral, Fractional, Boolean, String, and Unknown for nulls), as Deequ's hasDataType
   * computes it; null when there are no non-null values.
   */
  public Double shareOf(Map<String, Long> counts) {
    long known = 0;
    long matching = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String k = e.getKey();
      if (k.equals("Unknown")) {
        continue;
      }
      known += e.getValue();
      boolean match =
          switch (this) {
            case INTEGRAL -> k.equals("Integral");
            case FRACTIONAL -> k.equals("Fractional");
            case NUMERIC -> k.equals("Integral") || k.equals("Fractional");
            case BOOLEAN -> k.equals("Boolean");
            case STRING -> k.equals("String");
            default -> false;
          };
      matching += match ? e.getValue() : 0;
    }
    return known == 0 ? null : (double) matching / known;
  }

  /** Parses a type name; null when unknown. */
  public static ColumnType parse(String s) {
    for (ColumnType v : values()) {
      if (v.id().equals(s)) {
        return v;
      }
    }
    return null;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ColumnType::id).toList();
  }
}
