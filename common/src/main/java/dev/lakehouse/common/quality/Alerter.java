package dev.lakehouse.common.quality;

/** Tells people about a gate run. Implementations never throw: an alert must not fail a run. */
@FunctionalInterface
public interface Alerter {
  /** An alerter that does nothing. */
  Alerter NONE = report -> {};

  /** Sends an alert for the report if it calls for one. */
  void alert(GateReport report);
}
