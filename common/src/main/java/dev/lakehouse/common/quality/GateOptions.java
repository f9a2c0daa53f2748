package dev.lakehouse.common.quality;

import dev.lakehouse.common.job.JobContext;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * What a gate run needs besides the data and the suite.
 *
 * @param clock time of the results and of the metrics repository key
 * @param alerter who is told about failures (and warnings, if it is configured so)
 * @param references where referential_integrity rules read their reference tables
 */
public record GateOptions(Clock clock, Alerter alerter, ReferenceTables references) {

  /**
   * The defaults of a job run: system clock, the webhook of the settings (failures only), reference
   * tables from the lakehouse.
   */
  public static GateOptions defaults(SparkSession spark, JobContext ctx) {
    return new GateOptions(
        Clock.systemUTC(),
        WebhookAlerter.fromSettings(ctx.settings(), ctx.settings().quality().alertOnWarnings()),
        ReferenceTables.lakehouse(spark, ctx.layout()));
  }

  public GateOptions withClock(Clock c) {
    return new GateOptions(c, alerter, references);
  }

  public GateOptions withAlerter(Alerter a) {
    return new GateOptions(clock, a, references);
  }

  public GateOptions withReferences(ReferenceTables r) {
    return new GateOptions(clock, alerter, r);
  }
}
