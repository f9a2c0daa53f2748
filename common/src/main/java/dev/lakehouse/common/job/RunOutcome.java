package dev.lakehouse.common.job;

import dev.lakehouse.common.error.ExitCode;
import java.util.Optional;

/**
 * How one job run ended.
 *
 * @param job the job's name
 * @param runId the run id
 * @param exitCode the exit code (ARCHITECTURE.md contract)
 * @param result what the job did, when it got that far
 * @param error the user-facing error message, when it failed
 * @param seconds wall time
 */
public record RunOutcome(
    String job,
    String runId,
    ExitCode exitCode,
    Optional<JobResult> result,
    Optional<String> error,
    double seconds) {

  public boolean succeeded() {
    return exitCode == ExitCode.SUCCESS;
  }
}
