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

  /** KAMIS credentials are not set but the real service needs them (exit 2). */
  public static LakehouseException kamisCredentialsMissing(String baseUrl) {
    return new LakehouseException(
        ExitCode.USAGE,
        "KAMIS credentials are not set but "
            + baseUrl
            + " needs them. Set KAMIS_CERT_KEY (the issued certificate key) and KAMIS_CERT_ID"
            + " (the registered id) in the environment; they are never read from files.");
  }

  /**
   * KAMIS answered 900: the key or id is missing or wrong (exit 4, no retry).
   *
   * @param request the request, credentials removed (action, day, parameters)
   */
  public static LakehouseException kamisUnauthenticated(String request, String baseUrl) {
    return new LakehouseException(
        ExitCode.SOURCE_REFUSED,
        "KAMIS refused the credentials (result code 900) for "
            + request
            + ". Check the settings KAMIS_CERT_KEY and KAMIS_CERT_ID (the key and id issued for"
            + " your KAMIS account) and that KAMIS_BASE_URL ("
            + baseUrl
            + ") is the service they were issued for.");
  }

  /**
   * KAMIS answered 200: it rejected the parameters (exit 4, no retry).
   *
   * @param request the request, credentials removed (action, day, parameters)
   * @param url the URL, credentials removed
   */
  public static LakehouseException kamisRejectedParameters(String request, String url) {
    return new LakehouseException(
        ExitCode.SOURCE_REFUSED,
        "KAMIS rejected the parameters (result code 200) of "
            + request
            + " (URL "
            + url
            + "). Check the codes in lakehouse.kamis (categories, regions, period-items,"
            + " eco-items) against KAMIS's code tables.");
  }

  /** KAMIS refused a request with an HTTP status that retrying cannot fix (exit 4). */
  public static LakehouseException kamisHttpRefused(String request, String url, int status) {
    return new LakehouseException(
        ExitCode.SOURCE_REFUSED,
        "KAMIS answered HTTP "
            + status
            + " to "
            + request
            + " (URL "
            + url
            + "). Check KAMIS_BASE_URL and the credentials.");
  }

  /** KAMIS answered with something that is not the JSON it documents (exit 1). */
  public static LakehouseException kamisUnreadable(String request, String problem, String todo) {
    return new LakehouseException(
        ExitCode.FAILURE, "KAMIS response to " + request + " " + problem + ". " + todo);
  }

  /** KAMIS could not be reached or kept failing after every retry (exit 1). */
  public static LakehouseException kamisUnavailable(
      String request, String url, int attempts, String lastProblem) {
    return new LakehouseException(
        ExitCode.FAILURE,
        "KAMIS did not answer "
            + request
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " (URL "
            + url
            + "); last problem: "
            + lastProblem
            + ". Re-run later: complete days are kept and only the missing ones are fetched.");
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
