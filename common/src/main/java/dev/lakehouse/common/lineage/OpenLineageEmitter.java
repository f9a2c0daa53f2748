package dev.lakehouse.common.lineage;

import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.GateReport;
import dev.lakehouse.common.quality.RuleOutcome;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.spark.agent.EventEmitter;
import io.openlineage.spark.agent.OpenLineageSparkListener;
import io.openlineage.spark.agent.lifecycle.ContextFactory;
import io.openlineage.spark.api.naming.NameNormalizer;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.scheduler.SparkListenerInterface;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@link Lineage} that uses OpenLineage classes; loaded only when they are present.
 *
 * <p>The Spark listener reads {@code spark.openlineage.parent*} once, when the session starts, and
 * parents every query event to the Spark application run. When no parent was handed in from
 * outside, each job run retargets that application run to the job run (job name, run id) for its
 * duration, so the query events carry our job run in their parent facet. A parent handed in through
 * {@code --conf} (Airflow) is kept: the query events stay under it and our job events name it as
 * their parent.
 */
final class OpenLineageEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageEmitter.class);
  private static final URI PRODUCER =
      URI.create("https://github.com/lakehouse-jobs/lakehouse-jobs");
  private static final OpenLineage OL = new OpenLineage(PRODUCER);
  private static final java.util.concurrent.atomic.AtomicBoolean WARNED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private OpenLineageEmitter() {}

  /**
   * The emitter of the registered listener. The listener builds it when it handles the application
   * start event, asynchronously: wait for the listener bus first.
   */
  static Optional<EventEmitter> emitter(SparkSession spark) {
    for (SparkListenerInterface l : spark.sparkContext().listenerBus().listeners()) {
      if (l instanceof OpenLineageSparkListener ol) {
        try {
          Field f = OpenLineageSparkListener.class.getDeclaredField("contextFactory");
          f.setAccessible(true);
          ContextFactory cf = (ContextFactory) f.get(ol);
          if (cf == null) {
            drain(spark);
            cf = (ContextFactory) f.get(ol);
          }
          return cf == null ? Optional.empty() : Optional.of(cf.openLineageEventEmitter);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The OpenLineage name of a job: the listener normalizes the names it puts in parent facets
   * ({@code olist.promote_silver} becomes {@code olist_promote_silver}), so our own job events use
   * the same name and Marquez sees one job per lakehouse job.
   */
  static String olName(String job) {
    return NameNormalizer.normalize(job);
  }

  static Lineage.JobRun begin(SparkSession spark, String job, JobContext ctx) {
    Optional<EventEmitter> found = emitter(spark);
    if (found.isEmpty()) {
      return (ok, error) -> {};
    }
    EventEmitter emitter = found.get();
    String namespace = emitter.getJobNamespace();
    UUID runId = UUID.fromString(ctx.runId());
    boolean external = emitter.getParentRunId().isPresent();
    Object oldRunId = get(emitter, "applicationRunId");
    Object oldJobName = get(emitter, "applicationJobName");
    if (!external) {
      drain(spark);
      set(emitter, "applicationRunId", runId);
      set(emitter, "applicationJobName", olName(job));
    }
    send(emitter.getClient(), jobEvent(emitter, job, runId, OpenLineage.RunEvent.EventType.START));
    return (ok, error) -> {
      try {
        drain(spark);
        send(
            emitter.getClient(),
            jobEvent(
                emitter,
                job,
                runId,
                ok
                    ? OpenLineage.RunEvent.EventType.COMPLETE
                    : OpenLineage.RunEvent.EventType.FAIL));
      } catch (RuntimeException e) {
        LOG.warn("Could not emit the end of {} to lineage: {}", job, e.toString());
      } finally {
        if (!external) {
          set(emitter, "applicationRunId", oldRunId);
          set(emitter, "applicationJobName", oldJobName);
        }
      }
      LOG.debug("lineage job {} in namespace {} ended", job, namespace);
    };
  }

  static void quality(SparkSession spark, JobContext ctx, String job, List<GateReport> reports) {
    Optional<EventEmitter> found = emitter(spark);
    if (found.isEmpty() || reports.isEmpty()) {
      return;
    }
    EventEmitter emitter = found.get();
    List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
    for (GateReport r : reports) {
      String[] ds = datasetName(ctx.layout().path(r.table()));
      outputs.add(
          OL.newOutputDatasetBuilder()
              .namespace(ds[0])
              .name(ds[1])
              .facets(
                  OL.newDatasetFacetsBuilder()
                      .put("dataQualityAssertions", assertions(r))
                      .dataQualityMetrics(metrics(r))
                      .build())
              .build());
    }
    OpenLineage.RunEvent event =
        OL.newRunEventBuilder()
            .eventType(OpenLineage.RunEvent.EventType.OTHER)
            .eventTime(ZonedDateTime.now())
            .run(OL.newRun(UUID.fromString(ctx.runId()), runFacets(emitter)))
            .job(OL.newJob(emitter.getJobNamespace(), olName(job), jobFacets()))
            .inputs(List.of())
            .outputs(outputs)
            .build();
    send(emitter.getClient(), event);
  }

  /** The namespace and name the Spark listener gives a table path. */
  static String[] datasetName(String path) {
    if (path.startsWith("s3a://") || path.startsWith("s3://") || path.startsWith("s3n://")) {
      String rest = path.substring(path.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String key = slash < 0 ? "" : rest.substring(slash + 1);
      return new String[] {"s3://" + bucket, key};
    }
    String local = path.startsWith("file:") ? URI.create(path).getPath() : path;
    return new String[] {"file", Path.of(local).toAbsolutePath().normalize().toString()};
  }

  /**
   * The spec's {@code dataQualityAssertions} facet (an input facet in the model classes) carried as
   * a dataset facet of the output, so that it sits on the dataset version the gate checked.
   */
  private static OpenLineage.DatasetFacet assertions(GateReport r) {
    List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> list = new ArrayList<>();
    for (RuleOutcome o : r.outcomes()) {
      var b =
          OL.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
              .assertion(o.rule())
              .success(o.status() != RuleOutcome.Status.FAILED)
              .severity(o.severity().name().toLowerCase(Locale.ROOT))
              .description(o.message());
      if (o.columns().size() == 1) {
        b.column(o.columns().get(0));
      }
      if (o.value() != null) {
        b.actual(String.valueOf(o.value()));
      }
      list.add(b.build());
    }
    OpenLineage.DefaultDatasetFacet facet = new OpenLineage.DefaultDatasetFacet(PRODUCER, null);
    facet.getAdditionalProperties().put("assertions", list);
    return facet;
  }

  /** Row count and the column metrics Deequ computed for single-column rules. */
  private static OpenLineage.DataQualityMetricsDatasetFacet metrics(GateReport r) {
    Map<String, Long[]> counts = new LinkedHashMap<>(); // nullCount, distinctCount
    Map<String, Double[]> range = new LinkedHashMap<>(); // min, max
    long rows = r.rowCount();
    for (RuleOutcome o : r.outcomes()) {
      if (o.columns().size() != 1 || o.value() == null || o.metric() == null) {
        continue;
      }
      String col = o.columns().get(0);
      double v = o.value();
      switch (o.metric()) {
        case "Completeness" ->
            counts.computeIfAbsent(col, k -> new Long[2])[0] = Math.round(rows * (1.0 - v));
        case "Distinctness" ->
            counts.computeIfAbsent(col, k -> new Long[2])[1] = Math.round(rows * v);
        case "Minimum" -> range.computeIfAbsent(col, k -> new Double[2])[0] = v;
        case "Maximum" -> range.computeIfAbsent(col, k -> new Double[2])[1] = v;
        default -> {
          // other metrics stay in the assertions' actual values
        }
      }
    }
    var columns = OL.newDataQualityMetricsDatasetFacetColumnMetricsBuilder();
    java.util.Set<String> names = new java.util.LinkedHashSet<>(counts.keySet());
    names.addAll(range.keySet());
    for (String col : names) {
      Long[] c = counts.getOrDefault(col, new Long[2]);
      Double[] m = range.getOrDefault(col, new Double[2]);
      columns.put(
          col,
          OL.newDataQualityMetricsDatasetFacetColumnMetricsAdditionalBuilder()
              .nullCount(c[0])
              .distinctCount(c[1])
              .min(m[0])
              .max(m[1])
              .count((double) rows)
              .build());
    }
    return OL.newDataQualityMetricsDatasetFacetBuilder()
        .rowCount(rows)
        .columnMetrics(columns.build())
        .build();
  }

  private static OpenLineage.RunEvent jobEvent(
      EventEmitter emitter, String job, UUID runId, OpenLineage.RunEvent.EventType type) {
    return OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now())
        .run(OL.newRun(runId, runFacets(emitter)))
        .job(OL.newJob(emitter.getJobNamespace(), olName(job), jobFacets()))
        .inputs(List.of())
        .outputs(List.of())
        .build();
  }

  /** The parent facet of our own events: a parent handed in from outside, if any. */
  private static OpenLineage.RunFacets runFacets(EventEmitter emitter) {
    var facets = OL.newRunFacetsBuilder();
    if (emitter.getParentRunId().isPresent() && emitter.getParentJobName().isPresent()) {
      String ns = emitter.getParentJobNamespace().orElse(emitter.getJobNamespace());
      facets.parent(
          OL.newParentRunFacetBuilder()
              .run(OL.newParentRunFacetRunBuilder().runId(emitter.getParentRunId().get()).build())
              .job(
                  OL.newParentRunFacetJobBuilder()
                      .namespace(ns)
                      .name(emitter.getParentJobName().get())
                      .build())
              .build());
    }
    return facets.build();
  }

  private static OpenLineage.JobFacets jobFacets() {
    return OL.newJobFacetsBuilder()
        .jobType(
            OL.newJobTypeJobFacetBuilder()
                .processingType("BATCH")
                .integration("SPARK")
                .jobType("JOB")
                .build())
        .build();
  }

  private static void send(OpenLineageClient client, OpenLineage.RunEvent event) {
    try {
      client.emit(event);
    } catch (RuntimeException e) {
      // One warning per process; the listener's own per-event errors are logged at debug level
      // (see log4j2.properties), so an unreachable backend does not flood the log.
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn(
            "Lineage events are not delivered ({}); the jobs go on, further failures are not"
                + " reported",
            e.getCause() == null ? e.toString() : e.getCause().toString());
      } else {
        LOG.debug("lineage event not delivered: {}", e.toString());
      }
    }
  }

  /** Waits until the listener has handled every queued Spark event (bounded). */
  private static void drain(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000L);
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.debug("listener bus not drained: {}", e.toString());
    }
  }

  private static Object get(EventEmitter e, String field) {
    try {
      Field f = EventEmitter.class.getDeclaredField(field);
      f.setAccessible(true);
      return f.get(e);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("OpenLineage EventEmitter." + field + ": " + ex, ex);
    }
  }

  private static void set(EventEmitter e, String field, Object value) {
    try {
      Field f = EventEmitter.class.getDeclaredField(field);
      f.setAccessible(true);
      f.set(e, value);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("OpenLineage EventEmitter." + field + ": " + ex, ex);
    }
  }
}
