package dev.lakehouse.common.error;

/** Exit codes of every job and of {@code bin/lakehouse run} (a contract: schedulers rely on it). */
public enum ExitCode {
  /** Success; soft quality warnings allowed. */
  SUCCESS(0),
  /** Anything not covered below. */
  FAILURE(1),
  /** Bad usage, configuration or input layout (missing file, wrong header). */
  USAGE(2),
  /** A hard quality gate failed; the target table kept its version. */
  QUALITY_GATE(3),
  /** A source refused the request (bad credentials, bad parameters). */
  SOURCE_REFUSED(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
