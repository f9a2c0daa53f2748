package dev.lakehouse.common.quality;

import dev.lakehouse.common.table.TableId;
import java.util.List;
import java.util.Optional;

/**
 * A validated rule suite: the checks of one table in one layer.
 *
 * @param name the suite name, {@code <layer>.<domain>.<table>}
 * @param table the table it guards
 * @param source where it was read from (file path or class path URL), for messages and results
 * @param description optional description of the suite, may be null
 * @param rules the checks, in file order
 */
public record RuleSuite(
    String name, TableId table, String source, String description, List<Rule> rules) {

  public RuleSuite {
    rules = List.copyOf(rules);
  }

  /** The rule with this name. */
  public Optional<Rule> rule(String ruleName) {
    return rules.stream().filter(r -> r.name().equals(ruleName)).findFirst();
  }
}
