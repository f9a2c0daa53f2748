package dev.lakehouse.common.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.CircuitBreaker;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the listener's transport so that lineage never hurts a job.
 *
 * <ul>
 *   <li>A failed delivery (refused, timed out after {@code lakehouse.lineage.timeout}, or an error
 *       status) opens a circuit breaker: the events of the next {@link #COOL_DOWN} are dropped at
 *       once instead of each waiting for the timeout, so a burst of events costs one timeout. Then
 *       one event is tried again. Nothing is thrown to the caller, so the listener does not log a
 *       stack trace per event; the first failure of an outage is one warning.
 *   <li>While a parent run handed in from outside is active, Spark-level events whose parent is the
 *       Spark application run get that parent instead (see {@link OpenLineageEmitter}).
 *   <li>Events that write a table whose inputs were declared (a Delta MERGE: the listener finds the
 *       inputs of a MERGE only when its source is a bare table scan, see {@link
 *       Lineage#declareSources}) get those inputs added, so the MERGE names the tables it read.
 * </ul>
 */
final class GuardedTransport extends Transport {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long events are dropped after a failed delivery before one is tried again. */
  static final Duration COOL_DOWN = Duration.ofSeconds(60);

  private final Transport delegate;
  private final String target;
  private final CircuitBreaker<Object> breaker;
  private final AtomicBoolean outage = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private volatile Reparent reparent;

  /** Output dataset (namespace|name) → the datasets its MERGE read, each {namespace, name}. */
  private final java.util.Map<String, java.util.Set<java.util.List<String>>> declaredInputs =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Spark-level events parented to {@code from} are re-parented to {@code parent} (JSON). */
  record Reparent(UUID from, JsonNode parent) {}

  GuardedTransport(Transport delegate, String target, Duration coolDown) {
    this.delegate = delegate;
    this.target = target;
    this.breaker =
        CircuitBreaker.builder()
            .withFailureThreshold(1)
            .withSuccessThreshold(1)
            .withDelay(coolDown)
            .build();
  }

  Transport delegate() {
    return delegate;
  }

  /** Events dropped so far because the backend had failed. */
  long dropped() {
    return dropped.get();
  }

  void reparent(Reparent r) {
    this.reparent = r;
  }

  /** Adds inputs to the events that write {@code output} (namespace, name), until cleared. */
  void declareInputs(String[] output, java.util.Collection<String[]> inputs) {
    java.util.Set<java.util.List<String>> set =
        declaredInputs.computeIfAbsent(
            output[0] + "|" + output[1], k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    inputs.forEach(i -> set.add(java.util.List.of(i[0], i[1])));
  }

  void clearDeclaredInputs() {
    declaredInputs.clear();
  }

  @Override
  public void emit(OpenLineage.RunEvent event) {
    OpenLineage.RunEvent e = rewritten(event);
    guarded(() -> delegate.emit(e));
  }

  @Override
  public void emit(OpenLineage.RunEvent event, Duration timeout) {
    OpenLineage.RunEvent e = rewritten(event);
    guarded(() -> delegate.emit(e, timeout));
  }

  @Override
  public void emit(OpenLineage.DatasetEvent event) {
    guarded(() -> delegate.emit(event));
  }

  @Override
  public void emit(OpenLineage.JobEvent event) {
    guarded(() -> delegate.emit(event));
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }

  private void guarded(Runnable delivery) {
    if (!breaker.tryAcquirePermit()) {
      long n = dropped.incrementAndGet();
      LOG.debug("lineage backend {} failed recently: event dropped ({} so far)", target, n);
      return;
    }
    try {
      delivery.run();
      breaker.recordSuccess();
      if (outage.compareAndSet(true, false)) {
        LOG.info("Lineage backend {} takes events again ({} dropped)", target, dropped.get());
      }
    } catch (RuntimeException | LinkageError e) {
      breaker.recordFailure();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (outage.compareAndSet(false, true)) {
        LOG.warn(
            "Lineage events are not delivered to {} ({}); the jobs go on, and lineage events of"
                + " the next {} s are dropped before the backend is tried again",
            target,
            cause.toString(),
            COOL_DOWN.toSeconds());
      } else {
        LOG.debug("lineage backend {} still failing: {}", target, cause.toString());
      }
    }
  }

  /**
   * The event with the outside parent in place of the Spark application run, and with the declared
   * inputs of the tables it writes; the event itself when neither applies.
   */
  private OpenLineage.RunEvent rewritten(OpenLineage.RunEvent event) {
    Reparent r = reparent;
    OpenLineage.ParentRunFacet p =
        event.getRun() == null || event.getRun().getFacets() == null
            ? null
            : event.getRun().getFacets().getParent();
    boolean reparent =
        r != null && p != null && p.getRun() != null && r.from().equals(p.getRun().getRunId());
    boolean addInputs =
        !declaredInputs.isEmpty()
            && event.getOutputs() != null
            && event.getOutputs().stream()
                .anyMatch(o -> declaredInputs.containsKey(o.getNamespace() + "|" + o.getName()));
    if (!reparent && !addInputs) {
      return event;
    }
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(OpenLineageClientUtils.toJson(event));
      if (reparent) {
        ((ObjectNode) tree.path("run").path("facets")).set("parent", r.parent().deepCopy());
      }
      if (addInputs) {
        addInputs(tree);
      }
      return OpenLineageClientUtils.runEventFromJson(JSON.writeValueAsString(tree));
    } catch (java.io.IOException | RuntimeException ex) {
      LOG.debug("could not rewrite a lineage event: {}", ex.toString());
      return event;
    }
  }

  private void addInputs(ObjectNode tree) {
    com.fasterxml.jackson.databind.node.ArrayNode inputs =
        tree.path("inputs").isArray()
            ? (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("inputs")
            : tree.putArray("inputs");
    java.util.Set<java.util.List<String>> present = new java.util.HashSet<>();
    inputs.forEach(
        i -> present.add(java.util.List.of(i.path("namespace").asText(), i.path("name").asText())));
    for (JsonNode o : tree.path("outputs")) {
      java.util.Set<java.util.List<String>> declared =
          declaredInputs.get(o.path("namespace").asText() + "|" + o.path("name").asText());
      if (declared == null) {
        continue;
      }
      for (java.util.List<String> d : declared) {
        if (present.add(d)) {
          ObjectNode in = inputs.addObject();
          in.put("namespace", d.get(0));
          in.put("name", d.get(1));
          in.putObject("facets");
          in.putObject("inputFacets");
        }
      }
    }
  }
}
