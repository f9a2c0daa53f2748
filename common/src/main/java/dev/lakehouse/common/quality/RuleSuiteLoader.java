package dev.lakehouse.common.quality;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.quality.ParamReader.Problem;
import dev.lakehouse.common.table.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructType;

/**
 * Parses and validates a rule suite file before any data is read. Anything wrong (HOCON syntax, an
 * unknown rule kind, a missing or ill-typed parameter, a column the table does not have, a bad
 * threshold, a duplicate rule name, an unknown severity, a suite name that does not match the file)
 * fails with a {@link LakehouseException} with exit code 2 that lists every problem with its line
 * and rule.
 *
 * <p>The format (see dq-rules/README.md):
 *
 * <pre>
 * suite = silver.olist.orders
 * checks = [
 *   { name = order_id_is_key, kind = primary_key, column = order_id, severity = error }
 * ]
 * </pre>
 */
public final class RuleSuiteLoader {
  private static final Set<String> TOP_LEVEL = Set.of("suite", "description", "checks");

  private RuleSuiteLoader() {}

  /**
   * Loads a suite file.
   *
   * @param table the table the suite must be for, or null to take it from the file's suite name
   * @param schema the table's columns, or null to skip column checks
   */
  public static RuleSuite load(Path file, TableId table, StructType schema) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read rule suite " + file, e);
    }
    return parse(text, file.toString(), table, schema);
  }

  /**
   * Parses suite text.
   *
   * @param source where the text came from, named in messages and results
   * @param table the table the suite must be for, or null to take it from the suite name
   * @param schema the table's columns, or null to skip column checks
   */
  public static RuleSuite parse(String text, String source, TableId table, StructType schema) {
    Config conf;
    try {
      conf =
          ConfigFactory.parseString(
                  text,
                  ConfigParseOptions.defaults()
                      .setOriginDescription(source)
                      .setSyntax(ConfigSyntax.CONF)
                      .setAllowMissing(false))
              .resolve();
    } catch (ConfigException e) {
      int line = e.origin() == null ? 0 : e.origin().lineNumber();
      throw invalid(source, List.of(new Problem(line, null, syntaxMessage(e, source))));
    }
    List<Problem> problems = new ArrayList<>();
    ConfigObject root = conf.root();
    for (String key : root.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        problems.add(
            new Problem(
                root.get(key).origin().lineNumber(),
                null,
                "unknown top-level key '" + key + "'; a suite has " + TOP_LEVEL));
      }
    }
    String name = topString(root, "suite", problems);
    String description =
        root.containsKey("description") ? topString(root, "description", problems) : null;
    TableId suiteTable = suiteTable(root, name, table, problems);
    List<Rule> rules = checks(root, schema, problems);
    if (!problems.isEmpty()) {
      throw invalid(source, problems);
    }
    return new RuleSuite(name, suiteTable, source, description, rules);
  }

  private static TableId suiteTable(
      ConfigObject root, String name, TableId expected, List<Problem> problems) {
    if (name == null) {
      return expected;
    }
    int line = root.get("suite").origin().lineNumber();
    if (expected != null) {
      if (!name.equals(expected.toString())) {
        problems.add(
            new Problem(
                line,
                null,
                "suite is '"
                    + name
                    + "' but this file holds the rules of "
                    + expected
                    + " (dq-rules/"
                    + RuleSuites.relativePath(expected)
                    + "); set suite = "
                    + expected));
      }
      return expected;
    }
    try {
      return TableId.parse(name);
    } catch (LakehouseException e) {
      problems.add(new Problem(line, null, "suite: " + e.getMessage()));
      return null;
    }
  }

  private static List<Rule> checks(ConfigObject root, StructType schema, List<Problem> problems) {
    ConfigValue v = root.get("checks");
    if (v == null) {
      problems.add(new Problem(0, null, "has no 'checks = [ ... ]' list"));
      return List.of();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(
          new Problem(v.origin().lineNumber(), null, "'checks' must be a list [ {...} {...} ]"));
      return List.of();
    }
    ConfigList list = (ConfigList) v;
    if (list.isEmpty()) {
      problems.add(new Problem(v.origin().lineNumber(), null, "'checks' is empty"));
    }
    RuleParser parser = new RuleParser(schema, problems);
    Map<String, Integer> seen = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    int index = 0;
    for (ConfigValue item : list) {
      index++;
      if (item.valueType() != ConfigValueType.OBJECT) {
        problems.add(
            new Problem(
                item.origin().lineNumber(),
                null,
                "check #" + index + " must be an object { name = ..., kind = ..., ... }"));
        continue;
      }
      ConfigObject check = (ConfigObject) item;
      ConfigValue nameValue = check.get("name");
      if (nameValue != null && nameValue.valueType() == ConfigValueType.STRING) {
        String n = (String) nameValue.unwrapped();
        Integer first = seen.putIfAbsent(n, check.origin().lineNumber());
        if (first != null) {
          problems.add(
              new Problem(
                  check.origin().lineNumber(),
                  n,
                  "duplicate rule name '" + n + "' (first used on line " + first + ")"));
        }
      }
      Rule rule = parser.parse(check, index);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private static String topString(ConfigObject root, String key, List<Problem> problems) {
    ConfigValue v = root.get(key);
    if (v == null) {
      problems.add(new Problem(0, null, "has no '" + key + " = ...' line"));
      return null;
    }
    if (v.valueType() != ConfigValueType.STRING) {
      problems.add(new Problem(v.origin().lineNumber(), null, "'" + key + "' must be a string"));
      return null;
    }
    return (String) v.unwrapped();
  }

  private static String syntaxMessage(ConfigException e, String source) {
    String m = e.getMessage();
    String prefix = e.origin() == null ? null : e.origin().description() + ": ";
    if (prefix != null && m.startsWith(prefix)) {
      m = m.substring(prefix.length());
    } else if (m.startsWith(source + ": ")) {
      m = m.substring(source.length() + 2);
    }
    return "HOCON syntax error: " + m;
  }

  private static LakehouseException invalid(String source, List<Problem> problems) {
    String lines =
        problems.stream()
            .sorted(Comparator.comparingInt(Problem::line))
            .map(p -> "  - " + p.render())
            .collect(Collectors.joining("\n"));
    return Errors.ruleSuite(
        source,
        "is invalid ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "):\n"
            + lines);
  }
}
