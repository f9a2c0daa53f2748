package dev.lakehouse.common.error;

/**
 * An error meant for the user: its message says what is wrong, why, and what to do, and it carries
 * the exit code the runner returns. Create them through {@link Errors}.
 */
public class LakehouseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public LakehouseException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  public LakehouseException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
