package dev.lakehouse.common.job;

import org.apache.spark.sql.SparkSession;

/**
 * The one job contract. A job gets its session and context from {@link JobRunner}; it never builds
 * a session, sets a master, reads configuration or exits the JVM.
 */
public interface SparkJob {
  /** A stable, meaningful name, e.g. {@code olist.ingest_bronze}. */
  String name();

  /** Runs the job; user-facing failures are thrown as {@code LakehouseException}. */
  JobResult run(SparkSession spark, JobContext context) throws Exception;
}
