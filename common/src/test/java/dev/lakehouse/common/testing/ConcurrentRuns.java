package dev.lakehouse.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.job.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.InstanceOfAssertFactories;

/** Job runs started together, each in a session of its own (its own settings, one context). */
public final class ConcurrentRuns {
  private ConcurrentRuns() {}

  /** Starts {@code count} runs at the same moment and waits for all of them. */
  public static List<RunOutcome> together(
      SparkSession spark, int count, Function<SparkSession, RunOutcome> run)
      throws InterruptedException, ExecutionException, TimeoutException {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<RunOutcome>> runs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        SparkSession session = spark.newSession();
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return run.apply(session);
                }));
      }
      start.countDown();
      List<RunOutcome> outcomes = new ArrayList<>();
      for (Future<RunOutcome> f : runs) {
        outcomes.add(f.get(10, TimeUnit.MINUTES));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * At least one run committed, and every other one failed with exit 1 saying another run committed
   * first (Delta's conflict, as JobRunner words it).
   */
  public static void assertOneWonTheRestWereRefused(List<RunOutcome> outcomes) {
    assertThat(outcomes).anyMatch(RunOutcome::succeeded);
    for (RunOutcome o : outcomes) {
      if (!o.succeeded()) {
        assertThat(o.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(o.error())
            .get(InstanceOfAssertFactories.STRING)
            .contains("Another run committed to a table this run was writing at the same time");
      }
    }
  }
}
