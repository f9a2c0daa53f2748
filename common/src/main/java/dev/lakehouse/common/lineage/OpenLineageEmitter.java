package dev.lakehouse.common.lineage;

import dev.lakehouse.common.job.JobContext;
import dev.lakehouse.common.quality.GateReport;
import dev.lakehouse.common.quality.RuleOutcome;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.Transport;
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
 * <p>The Spark listener parents every query event to the Spark application run. When no parent was
 * handed in from outside, each job run retargets that application run to the job run (job name, run
 * id) for its duration, so the query events carry our job run in their parent facet. When a parent
 * is handed in ({@code spark.openlineage.parentJobNamespace}, {@code parentJobName}, {@code
 * parentRunId}, as Airflow passes them with spark-submit {@code --conf}), our job events name it as
 * their parent and {@link GuardedTransport} gives the query events of the run that parent too.
 */
final class OpenLineageEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageEmitter.class);
  private static final URI PRODUCER =
      URI.create("https://github.com/lakehouse-jobs/lakehouse-jobs");
  private static final OpenLineage OL = new OpenLineage(PRODUCER);

  private OpenLineageEmitter() {}

  /**
   * The emitter of the registered listener, its transport wrapped in a {@link GuardedTransport}.
   * The listener builds it when it handles the application start event, asynchronously: wait for
   * the listener bus first.
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
          if (cf == null) {
            return Optional.empty();
          }
          guard(spark, cf.openLineageEventEmitter);
          return Optional.of(cf.openLineageEventEmitter);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Puts a {@link GuardedTransport} between the listener's client and its transport, once. Events
   * the listener sent before (the application start) went through the plain transport.
   */
  static synchronized GuardedTransport guard(SparkSession spark, EventEmitter emitter)
      throws ReflectiveOperationException {
    OpenLineageClient client = emitter.getClient();
    Field t = OpenLineageClient.class.getDeclaredField("transport");
    t.setAccessible(true);
    Object current = t.get(client);
    if (current instanceof GuardedTransport g) {
      return g;
    }
    org.apache.spark.SparkConf conf = spark.sparkContext().conf();
    String target =
        conf.getOption("spark.openlineage.transport.url")
            .map(u -> u + conf.get("spark.openlineage.transport.endpoint", ""))
            .getOrElse(
                () ->
                    conf.get(
                        LineageConf.FILE_LOCATION,
                        conf.get(LineageConf.TRANSPORT_TYPE, "the lineage transport")));
    GuardedTransport g =
        new GuardedTransport((Transport) current, target, GuardedTransport.COOL_DOWN);
    t.set(client, g);
    return g;
  }

  /**
   * The OpenLineage name of a job: the listener normalizes the names it puts in parent facets
   * ({@code olist.promote_silver} becomes {@code olist_promote_silver}), so our own job events use
   * the same name and Marquez sees one job per lakehouse job.
   */
  static String olName(String job) {
    return NameNormalizer.normalize(job);
  }

  /** A parent job run handed in from outside, as Airflow's OpenLineage provider does. */
  record OutsideParent(String namespace, String job, UUID runId) {}

  /**
   * The parent handed in through {@code spark.openlineage.parent*} (spark-submit {@code --conf}, or
   * set on the session before the job starts), else the one the listener read at start.
   */
  static Optional<OutsideParent> outsideParent(SparkSession spark, EventEmitter emitter) {
    Optional<String> runId = conf(spark, LineageConf.PARENT_RUN_ID);
    Optional<String> job = conf(spark, LineageConf.PARENT_JOB_NAME);
    if (runId.isPresent() && job.isPresent()) {
      try {
        return Optional.of(
            new OutsideParent(
                conf(spark, LineageConf.PARENT_JOB_NAMESPACE).orElse(emitter.getJobNamespace()),
                job.get(),
                UUID.fromString(runId.get())));
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "{} is '{}', not a UUID: the job run is not tied to that parent",
            LineageConf.PARENT_RUN_ID,
            runId.get());
        return Optional.empty();
      }
    }
    if (emitter.getParentRunId().isPresent() && emitter.getParentJobName().isPresent()) {
      return Optional.of(
          new OutsideParent(
              emitter.getParentJobNamespace().orElse(emitter.getJobNamespace()),
              emitter.getParentJobName().get(),
              emitter.getParentRunId().get()));
    }
    return Optional.empty();
  }

  private static Optional<String> conf(SparkSession spark, String key) {
    scala.Option<String> v = spark.conf().getOption(key);
    return v.isDefined() && !v.get().isBlank() ? Optional.of(v.get().trim()) : Optional.empty();
  }

  static Lineage.JobRun begin(SparkSession spark, String job, JobContext ctx) {
    Optional<EventEmitter> found = emitter(spark);
    if (found.isEmpty()) {
      return (ok, error) -> {};
    }
    EventEmitter emitter = found.get();
    GuardedTransport guard;
    try {
      guard = guard(spark, emitter);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    UUID runId = UUID.fromString(ctx.runId());
    Optional<OutsideParent> outside = outsideParent(spark, emitter);
    Object oldRunId = get(emitter, "applicationRunId");
    Object oldJobName = get(emitter, "applicationJobName");
    OpenLineage.RunEvent start =
        jobEvent(emitter, outside, job, runId, OpenLineage.RunEvent.EventType.START);
    drain(spark);
    if (outside.isEmpty()) {
      // The listener parents every query event to the application run: make that run ours.
      set(emitter, "applicationRunId", runId);
      set(emitter, "applicationJobName", olName(job));
    } else {
      // The outside run is the parent of our job run and of the Spark-level events of this run.
      guard.reparent(
          new GuardedTransport.Reparent((UUID) oldRunId, parentFacetJson(start).orElseThrow()));
    }
    send(emitter.getClient(), start);
    return (ok, error) -> {
      try {
        drain(spark);
        send(
            emitter.getClient(),
            jobEvent(
                emitter,
                outside,
                job,
                runId,
                ok
                    ? OpenLineage.RunEvent.EventType.COMPLETE
                    : OpenLineage.RunEvent.EventType.FAIL));
      } catch (RuntimeException e) {
        LOG.warn("Could not emit the end of {} to lineage: {}", job, e.toString());
      } finally {
        if (outside.isEmpty()) {
          set(emitter, "applicationRunId", oldRunId);
          set(emitter, "applicationJobName", oldJobName);
        } else {
          guard.reparent(null);
        }
        guard.clearDeclaredInputs();
      }
    };
  }

  /** The parent facet of an event as JSON, to put into the listener's events. */
  private static Optional<com.fasterxml.jackson.databind.JsonNode> parentFacetJson(
      OpenLineage.RunEvent event) {
    try {
      com.fasterxml.jackson.databind.JsonNode parent =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(io.openlineage.client.OpenLineageClientUtils.toJson(event))
              .path("run")
              .path("facets")
              .path("parent");
      return parent.isMissingNode() ? Optional.empty() : Optional.of(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Declares the tables a write into {@code targetPath} reads (see {@link GuardedTransport}). */
  static void declareInputs(SparkSession spark, String targetPath, List<String> sourcePaths)
      throws ReflectiveOperationException {
    Optional<EventEmitter> found = emitter(spark);
    if (found.isEmpty() || sourcePaths.isEmpty()) {
      return;
    }
    List<String[]> inputs = new ArrayList<>();
    sourcePaths.forEach(p -> inputs.add(datasetName(p)));
    guard(spark, found.get()).declareInputs(datasetName(targetPath), inputs);
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
            .run(OL.newRun(UUID.fromString(ctx.runId()), runFacets(outsideParent(spark, emitter))))
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
      EventEmitter emitter,
      Optional<OutsideParent> outside,
      String job,
      UUID runId,
      OpenLineage.RunEvent.EventType type) {
    return OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now())
        .run(OL.newRun(runId, runFacets(outside)))
        .job(OL.newJob(emitter.getJobNamespace(), olName(job), jobFacets()))
        .inputs(List.of())
        .outputs(List.of())
        .build();
  }

  /** The parent facet of our own events: a parent handed in from outside, if any. */
  private static OpenLineage.RunFacets runFacets(Optional<OutsideParent> outside) {
    var facets = OL.newRunFacetsBuilder();
    outside.ifPresent(
        p ->
            facets.parent(
                OL.newParentRunFacetBuilder()
                    .run(OL.newParentRunFacetRunBuilder().runId(p.runId()).build())
                    .job(
                        OL.newParentRunFacetJobBuilder()
                            .namespace(p.namespace())
                            .name(p.job())
                            .build())
                    .build()));
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
      // GuardedTransport swallows delivery failures; this is a failure before delivery.
      LOG.debug("lineage event not emitted: {}", e.toString());
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
