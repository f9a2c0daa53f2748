package dev.lakehouse.common.error;

import java.util.List;

/** The one place user-facing errors are worded: what is wrong, why, and what to do. */
public final class Errors {
  private Errors() {}

  public static LakehouseException usage(String message) {
    return new LakehouseException(ExitCode.USAGE, message);
  }

  public static LakehouseException config(String key, String problem) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Configuration setting '"
            + key
            + "' "
            + problem
            + ". Set it in conf/<env>.conf or through its environment variable"
            + " (see common/src/main/resources/reference.conf).");
  }

  public static LakehouseException missingSourceFile(String file, String folder) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Source file "
            + file
            + " is missing from "
            + folder
            + ". Point --source at the folder that holds all the source files"
            + " (bin/lakehouse generate writes a sample).");
  }

  public static LakehouseException emptySourceFile(String path) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Source file " + path + " is empty (no header line). Download or generate it again.");
  }

  public static LakehouseException headerMismatch(
      String path, List<String> expected, List<String> actual, String difference) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Source file "
            + path
            + " has an unexpected header: "
            + difference
            + ". Expected "
            + expected
            + " but found "
            + actual
            + ". Check that the file is the original one, unmodified.");
  }

  /**
   * A rule suite that is missing or invalid (exit 2).
   *
   * @param file the suite file (or the path where it was expected)
   * @param problems what is wrong, one problem per line, each naming the line and/or rule
   */
  public static LakehouseException ruleSuite(String file, String problems) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Rule suite "
            + file
            + " "
            + problems
            + (problems.endsWith("\n") ? "" : "\n")
            + "Rule suites are HOCON files dq-rules/<domain>/<layer>_<table>.conf; every rule kind"
            + " and its parameters are described in dq-rules/README.md.");
  }

  public static LakehouseException unknownTable(String name, List<String> known) {
    return new LakehouseException(
        ExitCode.USAGE,
        "Unknown table '"
            + name
            + "'. Table names are <layer>.<domain>.<table>; existing tables: "
            + (known.isEmpty() ? "none yet (run bin/lakehouse demo)" : String.join(", ", known)));
  }

  public static LakehouseException rowsUnaccounted(
      String table, long read, long written, long quarantined) {
    return new LakehouseException(
        ExitCode.FAILURE,
        "Rows unaccounted for in "
            + table
            + ": read "
            + read
            + " but bronze holds "
            + written
            + " and quarantine "
            + quarantined
            + " for this batch. Nothing was lost silently: re-run the batch.");
  }
}
