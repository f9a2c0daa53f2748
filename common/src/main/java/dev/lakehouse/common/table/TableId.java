package dev.lakehouse.common.table;

import dev.lakehouse.common.error.Errors;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a medallion table: layer, domain, name. Written {@code <layer>.<domain>.<table>},
 * e.g. {@code silver.olist.orders}. {@link TableLayout} is the one place that maps it to a
 * location.
 */
public record TableId(Layer layer, String domain, String name) {
  private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]*");

  public TableId {
    if (layer == null) {
      throw new IllegalArgumentException("layer is required");
    }
    check("domain", domain);
    check("table name", name);
  }

  private static void check(String what, String value) {
    if (value == null || !IDENT.matcher(value).matches()) {
      throw Errors.usage(
          "Invalid " + what + " '" + value + "': use lower-case letters, digits and underscores.");
    }
  }

  public static TableId bronze(String domain, String name) {
    return new TableId(Layer.BRONZE, domain, name);
  }

  public static TableId silver(String domain, String name) {
    return new TableId(Layer.SILVER, domain, name);
  }

  public static TableId gold(String domain, String name) {
    return new TableId(Layer.GOLD, domain, name);
  }

  /** Parses {@code <layer>.<domain>.<table>}, failing with a usage error that shows the form. */
  public static TableId parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 3) {
      throw Errors.usage(
          "Table name '"
              + text
              + "' is not of the form <layer>.<domain>.<table> (e.g. silver.olist.orders).");
    }
    Layer layer = Layer.parse(parts[0]);
    if (layer == null) {
      throw Errors.usage(
          "Table name '"
              + text
              + "' starts with unknown layer '"
              + parts[0]
              + "'; layers are "
              + List.of("bronze", "silver", "gold")
              + ".");
    }
    return new TableId(layer, parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return layer.id() + "." + domain + "." + name;
  }
}
