package dev.lakehouse.it;

import java.util.Map;

/** The environment of every JVM these tests start. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * Drops whatever in the test JVM's environment points at a Spark installation, pins the time zone
   * and the local address, and adds {@code env}.
   */
  public static void environment(ProcessBuilder pb, Map<String, String> env) {
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARK_CONF_DIR");
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().put("TZ", "UTC");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
  }
}
