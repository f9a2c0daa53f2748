package dev.lakehouse.common.quality;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to the parameters of one check object. A missing or ill-typed parameter is recorded
 * as a problem with its line, and the accessor returns null.
 */
final class ParamReader {
  /** One thing wrong with a suite file. */
  record Problem(int line, String rule, String text) {
    String render() {
      String where = line > 0 ? "line " + line : "";
      if (rule != null) {
        where += (where.isEmpty() ? "" : ", ") + "rule " + rule;
      }
      return (where.isEmpty() ? "" : where + ": ") + text;
    }
  }

  private final ConfigObject obj;
  private final List<Problem> problems;
  private String rule;

  ParamReader(ConfigObject obj, List<Problem> problems) {
    this.obj = obj;
    this.problems = problems;
  }

  /** Names the rule in later problems. */
  void rule(String name) {
    this.rule = name;
  }

  boolean has(String key) {
    return obj.containsKey(key);
  }

  int line() {
    return obj.origin().lineNumber();
  }

  String string(String key, boolean required) {
    ConfigValue v = value(key, required);
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.STRING) {
      problem(key, "parameter '" + key + "' must be a string, not " + typeName(v));
      return null;
    }
    return (String) v.unwrapped();
  }

  Double number(String key, boolean required) {
    ConfigValue v = value(key, required);
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.NUMBER) {
      problem(key, "parameter '" + key + "' must be a number, not " + typeName(v));
      return null;
    }
    return ((Number) v.unwrapped()).doubleValue();
  }

  /** A whole number >= 0, or null when absent. */
  Double count(String key) {
    Double d = number(key, false);
    if (d != null && (d < 0 || d != Math.rint(d))) {
      problem(key, "parameter '" + key + "' must be a whole number >= 0, not " + Bound.format(d));
      return null;
    }
    return d;
  }

  /** {@code min-fraction}: between 0 and 1, 1.0 when absent. */
  double fraction() {
    Double f = number("min-fraction", false);
    if (f != null && (f < 0 || f > 1)) {
      problem("min-fraction", "min-fraction must be between 0 and 1, not " + Bound.format(f));
    }
    return f == null ? 1.0 : f;
  }

  /** A non-empty list of strings (numbers and booleans are taken as their text). */
  List<String> strings(String key) {
    ConfigValue v = value(key, true);
    if (v == null) {
      return List.of();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problem(key, "parameter '" + key + "' must be a list like [a, b], not " + typeName(v));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      ConfigValueType t = item.valueType();
      if (t != ConfigValueType.STRING
          && t != ConfigValueType.NUMBER
          && t != ConfigValueType.BOOLEAN) {
        problem(
            key, "parameter '" + key + "' may only hold strings or numbers, not " + typeName(item));
        return List.of();
      }
      out.add(String.valueOf(item.unwrapped()));
    }
    if (out.isEmpty()) {
      problem(key, "parameter '" + key + "' is an empty list");
    }
    return out;
  }

  /** A HOCON duration written with its unit, e.g. {@code "400 days"}; must be positive. */
  Duration duration(String key) {
    String text = string(key, true);
    if (text == null) {
      return null;
    }
    try {
      Duration d = obj.toConfig().getDuration(key);
      if (d.isZero() || d.isNegative()) {
        problem(key, key + " must be positive, not '" + text + "'");
        return null;
      }
      return d;
    } catch (ConfigException e) {
      problem(key, key + " '" + text + "' is not a duration such as \"400 days\" or \"12 hours\"");
      return null;
    }
  }

  /** Records a problem at the line of {@code key} (or of the check when key is null). */
  void problem(String key, String text) {
    ConfigValue v = key == null ? null : obj.get(key);
    int line = v != null ? v.origin().lineNumber() : line();
    problems.add(new Problem(line, rule, text));
  }

  private ConfigValue value(String key, boolean required) {
    ConfigValue v = obj.get(key);
    if (v == null && required) {
      problem(null, "missing parameter '" + key + "'");
    }
    return v;
  }

  private static String typeName(ConfigValue v) {
    return v.valueType().name().toLowerCase(Locale.ROOT) + " " + v.render();
  }
}
