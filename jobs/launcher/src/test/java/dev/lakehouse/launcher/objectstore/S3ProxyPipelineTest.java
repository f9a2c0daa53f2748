package dev.lakehouse.launcher.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.delta.DeltaIO;
import dev.lakehouse.common.table.TableId;
import dev.lakehouse.common.testing.S3ProxyServer;
import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The object-store pipeline test on S3Proxy, an S3 server inside this JVM (filesystem backend in a
 * temporary folder, 127.0.0.1, its own class loader): runs on any machine, no Docker needed.
 *
 * <p>Here the bronze run also meets an outage: the server stops right after bronze has published
 * its second table, while the job goes on to write the next one. The job must fail with a clear
 * error (exit 1), every table must keep the version it had (published tables stay published, the
 * others are not created), and a re-run once the server is back must finish the batch without
 * duplicating a row.
 */
class S3ProxyPipelineTest extends ObjectStorePipelineBase {
  /** A bronze table published: {@code bronze.olist.orders: 199 rows read, ... (v0, 1.4s)}. */
  private static final Pattern PUBLISHED =
      Pattern.compile("\\] (bronze\\.olist\\.\\w+): \\d+ rows read, .*\\(v(\\d+), ");

  private S3ProxyServer server;

  @Override
  protected Store startStore() {
    server = S3ProxyServer.start(work.resolve("s3proxy"), "lakehouse-test");
    return new Store(server.endpoint(), server.bucket(), server.accessKey(), server.secretKey());
  }

  @Override
  @Test
  @Order(1)
  void bronzeRunsOnObjectStorage() {
    Map<TableId, Long> published = new LinkedHashMap<>();
    List<String> events = new ArrayList<>();
    long start = System.nanoTime();
    int code =
        cli(
            env,
            line -> {
              Matcher m = PUBLISHED.matcher(line);
              if (m.find() && server.running()) {
                published.put(TableId.parse(m.group(1)), Long.parseLong(m.group(2)));
                if (published.size() == 2) {
                  server.stop();
                  events.add("stopped");
                }
              }
              if (line.contains("olist.ingest_bronze FAILED") && !server.running()) {
                // Back before the run summary, which reads the quality results on the store.
                server.start();
                events.add("started");
              }
            },
            "run",
            "olist.ingest_bronze",
            "--source",
            landing,
            "--batch",
            BATCH);
    System.out.println("[object-store] bronze with an outage: " + seconds(start) + " s");

    assertThat(events)
        .as("the store stopped mid-run, then came back")
        .containsExactly("stopped", "started");
    assertThat(code).as(lastOutput).isEqualTo(1);
    assertThat(lastOutput)
        .contains("Could not reach the storage under s3a://" + store.bucket() + "/" + PREFIX)
        .contains("Connection refused")
        .contains("run the job again");
    // Published before the outage: still at that version. The rest: not created at all.
    for (OlistTables.SourceFile f : OlistTables.FILES) {
      TableId t = f.bronze();
      String path = layout.path(t);
      if (published.containsKey(t)) {
        assertThat(DeltaIO.version(spark, path)).as(t.toString()).isEqualTo(published.get(t));
      } else {
        assertThat(DeltaIO.exists(spark, path)).as(t + " exists").isFalse();
      }
    }
    Map<TableId, Long> before = new LinkedHashMap<>();
    for (TableId t : published.keySet()) {
      before.put(t, DeltaIO.read(spark, layout.path(t)).count());
    }

    long again = System.nanoTime();
    assertThat(cli(env, "run", "olist.ingest_bronze", "--source", landing, "--batch", BATCH))
        .isZero();
    System.out.println("[object-store] bronze re-run after the outage: " + seconds(again) + " s");
    for (TableId t : published.keySet()) {
      assertThat(DeltaIO.read(spark, layout.path(t)).count())
          .as(t + " rows after the re-run (no duplicate)")
          .isEqualTo(before.get(t));
    }
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
