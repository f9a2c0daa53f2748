package dev.lakehouse.common.table;

import java.util.Locale;

/** The medallion layers. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD;

  /** The lower-case name used in paths and table names. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a layer name; null when unknown. */
  public static Layer parse(String s) {
    for (Layer l : values()) {
      if (l.id().equals(s)) {
        return l;
      }
    }
    return null;
  }
}
