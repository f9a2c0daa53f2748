package dev.lakehouse.jobs.kamis.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * KAMIS code tables and the column expressions that clean KAMIS values: the empty forms, prices
 * with thousands separators, region names and codes, channel codes. Used by every transform, so
 * each rule exists once.
 */
final class KamisCodes {
  private KamisCodes() {}

  /** The national average: KAMIS leaves the region empty; silver names it. */
  static final String NATIONAL_CODE = "0000";

  static final String NATIONAL_NAME = "전국";

  static final String PRICE_TYPE = "decimal(14,2)";

  /** A region of kamis.md: retail list (18), wholesale list (5). */
  record Region(String code, String name, boolean retail, boolean wholesale) {}

  static final List<Region> REGIONS =
      List.of(
          new Region(NATIONAL_CODE, NATIONAL_NAME, true, true),
          new Region("1101", "서울", true, true),
          new Region("2100", "부산", true, true),
          new Region("2200", "대구", true, true),
          new Region("2300", "인천", true, false),
          new Region("2401", "광주", true, true),
          new Region("2501", "대전", true, true),
          new Region("2601", "울산", true, false),
          new Region("3111", "수원", true, false),
          new Region("3211", "춘천", true, false),
          new Region("3311", "청주", true, false),
          new Region("3511", "전주", true, false),
          new Region("3711", "포항", true, false),
          new Region("3911", "제주", true, false),
          new Region("3113", "의정부", true, false),
          new Region("3613", "순천", true, false),
          new Region("3714", "안동", true, false),
          new Region("3814", "창원", true, false),
          new Region("3145", "용인", true, false));

  /** Category names (productInfo's itemcategoryname spelling). */
  static final Map<String, String> CATEGORIES =
      ordered("100", "식량작물", "200", "채소류", "300", "특용작물", "400", "과일류", "500", "축산물", "600", "수산물");

  /**
   * Rank names of the codes kamis.md documents; other codes keep a null name unless the source
   * names them (dailyPriceByCategoryList's {@code rank}).
   */
  static final Map<String, String> RANKS =
      ordered(
          "04", "상품", "05", "중품", "01", "1++등급", "02", "1+등급", "03", "1등급", "20", "大", "21", "中",
          "22", "小");

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A literal map column for lookups with {@code element_at}. */
  static Column mapOf(Map<String, String> m) {
    List<Column> kv = new ArrayList<>();
    m.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return functions.map(kv.toArray(Column[]::new));
  }

  static Column regionCodeByName(Column name) {
    Map<String, String> m = new LinkedHashMap<>();
    REGIONS.forEach(r -> m.put(r.name(), r.code()));
    return element_at(mapOf(m), name);
  }

  static Column regionNameByCode(Column code) {
    Map<String, String> m = new LinkedHashMap<>();
    REGIONS.forEach(r -> m.put(r.code(), r.name()));
    return element_at(mapOf(m), code);
  }

  static Column categoryName(Column code) {
    return element_at(mapOf(CATEGORIES), code);
  }

  static Column rankName(Column code) {
    return element_at(mapOf(RANKS), code);
  }

  /**
   * A text value, trimmed; null for every empty form KAMIS sends ({@code []}, {@code ""}, {@code
   * "-"}, JSON null).
   */
  static Column text(Column c) {
    Column t = trim(c);
    return when(t.isNull().or(t.isin("", "[]", "-", "{}")), lit(null).cast("string")).otherwise(t);
  }

  static Column text(String column) {
    return text(col("`" + column + "`"));
  }

  private static final String PRICE_SHAPE = "^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?$";

  /** A price in won: {@code "3,513"} → 3513; null for an empty form or a value that is no price. */
  static Column price(Column c) {
    Column t = text(c);
    return when(t.rlike(PRICE_SHAPE), regexp_replace(t, ",", "").cast(PRICE_TYPE));
  }

  /** Why a price value is wrong (not empty and not a price), else null. */
  static Column priceProblem(Column c, String what) {
    Column t = text(c);
    return when(
        t.isNotNull().and(not(t.rlike(PRICE_SHAPE))),
        concat(lit(what + " '"), t, lit("' is not a price")));
  }

  private static Column not(Column c) {
    return functions.not(c);
  }

  /** {@code 01} → retail, {@code 02} → wholesale, else null. */
  static Column productCls(Column code) {
    Column t = text(code);
    return when(t.equalTo("01"), lit("retail")).when(t.equalTo("02"), lit("wholesale"));
  }

  /** The part after {@code -} in a market name ({@code A-대형마트} → 대형마트), {@code all} when none. */
  static Column marketType(Column marketName) {
    Column after = regexp_extract(marketName, "-\\s*(.+)$", 1);
    return when(length(after).gt(0), trim(after)).otherwise(lit("all"));
  }

  /** A day as {@code yyyy-MM-dd} or {@code yyyyMMdd}; null when it is neither (or not a date). */
  static Column isoDay(Column c) {
    Column t = text(c);
    Column dashed =
        when(t.rlike("^[0-9]{8}$"), regexp_replace(t, "^(\\d{4})(\\d{2})(\\d{2})$", "$1-$2-$3"))
            .otherwise(t);
    return day(dashed, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "yyyy-MM-dd");
  }

  /**
   * Parses a date only when it has the shape (Spark's parsers throw on some shapes even in try_).
   */
  static Column day(Column text, String shape, String format) {
    return try_to_timestamp(when(text.rlike(shape), text), lit(format)).cast("date");
  }

  /** The first non-null of the columns. */
  static Column first(Column... cs) {
    return coalesce(cs);
  }
}
