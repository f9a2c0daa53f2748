package dev.lakehouse.launcher.bench;

import dev.lakehouse.common.quality.QualityGate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;

/**
 * Counts the Spark jobs of a run, in total and per quality suite: {@link QualityGate} tags the jobs
 * it triggers with the local property {@value QualityGate#SUITE_PROPERTY}, which Spark hands to
 * every {@link SparkListenerJobStart}. Also counts finished SQL executions (what the OpenLineage
 * listener turns into events).
 */
final class SparkJobCounter extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong sqlExecutions = new AtomicLong();
  private final Map<String, Long> perSuite = new TreeMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    jobs.incrementAndGet();
    String suite =
        start.properties() == null
            ? null
            : start.properties().getProperty(QualityGate.SUITE_PROPERTY);
    if (suite != null) {
      synchronized (perSuite) {
        perSuite.merge(suite, 1L, Long::sum);
      }
    }
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionEnd) {
      sqlExecutions.incrementAndGet();
    }
  }

  long jobs() {
    return jobs.get();
  }

  long sqlExecutions() {
    return sqlExecutions.get();
  }

  /** Spark jobs per suite (table name), sorted by table. */
  Map<String, Long> perSuite() {
    synchronized (perSuite) {
      return new TreeMap<>(perSuite);
    }
  }
}
