package dev.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is inside each shaded jar: what spark-submit needs besides Spark, relocated where it could
 * clash, and not one class that a Spark distribution's jars already hold (two copies of a class on
 * one class path is a conflict waiting for a version change).
 */
class ShadedJarContentsIT {
  static SparkDistribution dist;

  /** Every class of the Spark distribution's jars, and the jar it came from. */
  static Map<String, String> sparkClasses;

  @BeforeAll
  static void setUp() throws IOException {
    dist = SparkDistribution.fromBuild();
    sparkClasses = new HashMap<>();
    for (String jar : dist.classPath) {
      try (ZipFile z = new ZipFile(jar)) {
        z.stream()
            .map(ZipEntry::getName)
            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
            .forEach(n -> sparkClasses.putIfAbsent(n, jar));
      }
    }
  }

  static Stream<String> modules() {
    Set<String> modules = new TreeSet<>();
    JobPipeline.ALL.forEach(p -> modules.add(p.module()));
    // KAMIS has no pipeline in the smoke test yet, but its jar is built the same way.
    modules.add("kamis");
    return modules.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  void bundlesWhatSparkLacksRelocatedAndNothingTwice(String module) throws IOException {
    try (ZipFile jar = new ZipFile(dist.jobJar(module).toFile())) {
      List<String> twice = new ArrayList<>();
      jar.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
          .filter(sparkClasses::containsKey)
          .forEach(n -> twice.add(n + " (also in " + sparkClasses.get(n) + ")"));
      assertThat(twice).as("classes the Spark distribution already has").isEmpty();

      assertThat(jar.getEntry("dev/lakehouse/common/job/JobRunner.class")).isNotNull();
      // Delta (both jars), Deequ and the OpenLineage listener travel inside.
      assertThat(jar.getEntry("org/apache/spark/sql/delta/sources/DeltaDataSource.class"))
          .isNotNull();
      assertThat(jar.getEntry("io/delta/storage/LogStore.class")).isNotNull();
      assertThat(jar.getEntry("com/amazon/deequ/VerificationSuite.class")).isNotNull();
      assertThat(jar.getEntry("io/openlineage/spark/agent/OpenLineageSparkListener.class"))
          .isNotNull();
      // Typesafe Config and picocli only relocated.
      assertThat(jar.getEntry("dev/lakehouse/shaded/com/typesafe/config/Config.class")).isNotNull();
      assertThat(jar.getEntry("dev/lakehouse/shaded/picocli/CommandLine.class")).isNotNull();
      assertThat(jar.stream().map(ZipEntry::getName))
          .noneMatch(n -> n.startsWith("com/typesafe/config/") || n.startsWith("picocli/"));

      // The "delta" format is found through the merged service file.
      assertThat(text(jar, "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
          .contains("org.apache.spark.sql.delta.sources.DeltaDataSource");
      // lakehouse-common's defaults, and the rule suites the jobs load from the jar.
      assertThat(text(jar, "reference.conf")).contains("lakehouse {");
      assertThat(jar.stream().map(ZipEntry::getName))
          .anyMatch(n -> n.startsWith("dq-rules/") && n.endsWith(".conf"));
    }
  }

  private static String text(ZipFile jar, String name) throws IOException {
    ZipEntry e = jar.getEntry(name);
    assertThat(e).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
