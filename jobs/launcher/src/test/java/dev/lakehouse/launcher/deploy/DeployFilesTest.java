package dev.lakehouse.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.job.SparkJob;
import dev.lakehouse.launcher.pipeline.Pipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The deployment files (deploy/emr, deploy/airflow) against the build: Airflow cannot run here, so
 * this checks what can go stale without anyone noticing. Every DAG compiles with {@code python3 -m
 * py_compile} (python3 is required: GitHub's runners have it); every {@code dev.lakehouse.} class,
 * every {@code *-spark.jar} and every {@code dq-rules/} path those files name exists in the build;
 * the EMR steps and the DAGs run each pipeline's jobs in the launcher's order; every environment
 * variable they set is one the settings loader reads; conf/emr.conf insists on a root and on
 * lineage over http; and every repository path the README names exists.
 */
class DeployFilesTest {
  static final Pattern CLASS = Pattern.compile("dev\\.lakehouse\\.[A-Za-z0-9_.]*[A-Za-z0-9_]");
  static final Pattern JAR = Pattern.compile("[A-Za-z0-9_.-]+-spark\\.jar");
  static final Pattern RULES = Pattern.compile("dq-rules/[A-Za-z0-9_./-]*");
  static final Pattern GLUE_LOCATION =
      Pattern.compile("LOCATION '\\$\\{hivevar:ROOT}/([a-z]+)/([a-z0-9_]+)/([a-z0-9_]+)'");
  static final Pattern ENV_SETTING =
      Pattern.compile("(?:appMasterEnv|driverEnv)\\.([A-Z][A-Z0-9_]*)$");

  static Path repo;
  static List<Path> deployFiles;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void findRepository() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.isDirectory(dir.resolve("deploy")) && isParentPom(dir))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
    repo = dir;
    try (Stream<Path> files =
        Stream.concat(
            Files.walk(repo.resolve("deploy/emr")), Files.walk(repo.resolve("deploy/airflow")))) {
      deployFiles =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.toString().contains("__pycache__"))
              .sorted()
              .toList();
    }
  }

  private static boolean isParentPom(Path dir) {
    Path pom = dir.resolve("pom.xml");
    return Files.isRegularFile(pom) && read(pom).contains("<module>jobs/launcher</module>");
  }

  @Test
  void theDeploymentFilesAreThere() {
    assertThat(names(deployFiles))
        .contains(
            "deploy/airflow/lakehouse_dag.py",
            "deploy/airflow/lakehouse_emr_dag.py",
            "deploy/emr/README.md",
            "deploy/emr/bootstrap.sh",
            "deploy/emr/configurations.json",
            "deploy/emr/steps-olist.json",
            "deploy/emr/steps-kamis.json");
  }

  @Test
  void everyDagCompiles() {
    List<Path> dags = deployFiles.stream().filter(p -> p.toString().endsWith(".py")).toList();
    assertThat(dags).hasSizeGreaterThanOrEqualTo(2);
    List<String> args = new ArrayList<>(List.of("-m", "py_compile"));
    dags.forEach(p -> args.add(p.toString()));
    PythonRun run = python(args);
    assertThat(run.exit()).as("python3 -m py_compile %s:%n%s", names(dags), run.out()).isZero();
  }

  /**
   * The DAGs' own logic (task order, exit codes without retry, secrets, EMR steps and sensor)
   * against stand-ins for the Airflow classes: src/test/python/test_dags.py.
   */
  @Test
  void dagsBehaveAsDocumented() {
    Path script = repo.resolve("jobs/launcher/src/test/python/test_dags.py");
    PythonRun run = python(List.of(script.toString(), repo.toString()));
    assertThat(run.exit()).as("python3 %s:%n%s", rel(script), run.out()).isZero();
    assertThat(run.out()).contains("OK").doesNotContain("skipped");
  }

  record PythonRun(int exit, String out) {}

  /** Runs python3; its absence is a failure with a clear message, not a skip. */
  private static PythonRun python(List<String> args) {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // Byte code goes to target/, never next to the DAGs.
    pb.environment()
        .put("PYTHONPYCACHEPREFIX", Path.of("target", "pycache").toAbsolutePath().toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "python3 is needed to check the Airflow DAGs and was not found on the PATH:"
              + " install Python 3",
          e);
    }
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
      return new PythonRun(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyNamedClassIsBuilt() {
    Map<String, Set<String>> named = occurrences(CLASS);
    assertThat(named).as("classes named in deploy/").isNotEmpty();
    Map<String, Set<String>> missing = new TreeMap<>();
    named.forEach(
        (cls, files) -> {
          if (!classExists(cls)) {
            missing.put(cls, files);
          }
        });
    assertThat(missing).as("classes named in deploy/ but not built (class -> files)").isEmpty();
  }

  @Test
  void everyNamedJarIsAJobModulesShadedJar() {
    Map<String, String> built = shadedJars();
    assertThat(built).as("shaded jars the job modules build").isNotEmpty();
    Map<String, Set<String>> named = occurrences(JAR);
    assertThat(named).as("jars named in deploy/").isNotEmpty();
    Map<String, Set<String>> unknown = new TreeMap<>(named);
    unknown.keySet().removeAll(built.keySet());
    assertThat(unknown)
        .as("jar names in deploy/ that no module builds; the modules build %s", built.keySet())
        .isEmpty();
  }

  @Test
  void everyNamedRulesPathExists() {
    Map<String, Set<String>> named = occurrences(RULES);
    Map<String, Set<String>> missing = new TreeMap<>();
    named.forEach(
        (path, files) -> {
          String p = path.replaceAll("[./]+$", "");
          if (!Files.exists(repo.resolve(p))) {
            missing.put(p, files);
          }
        });
    assertThat(missing).as("dq-rules paths named in deploy/ that do not exist").isEmpty();
  }

  @Test
  void emrStepsRunTheJobsInOrderFromTheirOwnJar() throws IOException {
    Map<String, String> jars = shadedJars();
    for (String source : List.of("olist", "kamis")) {
      JsonNode steps = json("deploy/emr/steps-" + source + ".json");
      List<String> classes = new ArrayList<>();
      for (JsonNode step : steps) {
        assertThat(step.path("Jar").asText()).isEqualTo("command-runner.jar");
        assertThat(step.path("ActionOnFailure").asText()).isEqualTo("CANCEL_AND_WAIT");
        List<String> args = new ArrayList<>();
        step.path("Args").forEach(a -> args.add(a.asText()));
        String cls = args.get(args.indexOf("--class") + 1);
        String jar = args.get(args.indexOf("--class") + 2);
        classes.add(cls);
        String jarName = jar.substring(jar.lastIndexOf('/') + 1);
        assertThat(jars.get(jarName))
            .as("module of %s (step %s)", jarName, step.path("Name").asText())
            .isEqualTo("jobs/" + source);
        assertThat(cls).startsWith("dev.lakehouse.jobs." + source + ".");
      }
      assertThat(classes).as("steps-%s.json", source).hasSize(3);
      if (Pipelines.names().contains(source)) {
        assertThat(classes)
            .as("steps-%s.json runs the jobs of pipeline %s in its order", source, source)
            .isEqualTo(pipelineClasses(source));
      }
    }
  }

  @Test
  void dagsNameEachPipelinesJobsInOrder() {
    for (String dag : List.of("lakehouse_dag.py", "lakehouse_emr_dag.py")) {
      String text = read(repo.resolve("deploy/airflow").resolve(dag));
      for (String pipeline : Pipelines.names()) {
        List<String> expected = pipelineClasses(pipeline);
        List<String> found = new ArrayList<>();
        Matcher m = CLASS.matcher(text);
        while (m.find()) {
          if (expected.contains(m.group()) && !found.contains(m.group())) {
            found.add(m.group());
          }
        }
        assertThat(found).as("%s names the jobs of %s in order", dag, pipeline).isEqualTo(expected);
      }
      assertThat(text)
          .as("%s hands the Airflow task run to the Spark job as its lineage parent", dag)
          .contains(
              "spark.openlineage.parentJobNamespace",
              "spark.openlineage.parentJobName",
              "spark.openlineage.parentRunId",
              "lineage_run_id(task_instance)");
    }
  }

  @Test
  void everyEnvironmentVariableSetForTheJobsIsASetting() throws IOException {
    Set<String> known = new TreeSet<>(SettingsLoader.ENV_KEYS.keySet());
    Map<String, Set<String>> unknown = new TreeMap<>();
    Set<String> all = new TreeSet<>();
    for (Path file : deployFiles) {
      if (!file.toString().endsWith(".json")) {
        continue;
      }
      for (String name : environmentNames(JSON.readTree(file.toFile()))) {
        all.add(name);
        if (!known.contains(name)) {
          unknown.computeIfAbsent(name, k -> new TreeSet<>()).add(rel(file));
        }
      }
    }
    assertThat(all).contains("LAKEHOUSE_ENV", "LAKEHOUSE_ROOT", "LINEAGE_URL", "KAMIS_CERT_KEY");
    assertThat(unknown)
        .as("environment variables set in deploy/ that the settings loader does not read %s", known)
        .isEmpty();
  }

  @Test
  void glueRegistrationCoversTablesThatHaveSuites() {
    String sql = read(repo.resolve("deploy/emr/glue-tables-olist.sql"));
    Matcher m = GLUE_LOCATION.matcher(sql);
    List<String> missing = new ArrayList<>();
    int tables = 0;
    while (m.find()) {
      tables++;
      Path suite =
          repo.resolve("dq-rules")
              .resolve(m.group(2))
              .resolve(m.group(1) + "_" + m.group(3) + ".conf");
      if (!Files.isRegularFile(suite)) {
        missing.add(m.group());
      }
    }
    assertThat(tables).isEqualTo(25);
    assertThat(missing).as("tables registered in Glue that no rule suite knows").isEmpty();
  }

  @Test
  void emrConfRequiresARootAndLineageOverHttp() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LAKEHOUSE_ENV", "emr");
    env.put("LAKEHOUSE_CONF_DIR", repo.resolve("conf").toString());
    assertThatThrownBy(() -> SettingsLoader.load(env, Map.of()))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.root")
        .hasMessageContaining("LAKEHOUSE_ROOT");
    env.put("LAKEHOUSE_ROOT", "s3a://bucket/lakehouse");
    assertThatThrownBy(() -> SettingsLoader.load(env, Map.of()))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("lakehouse.lineage.url")
        .hasMessageContaining("LINEAGE_URL");
    env.put("LINEAGE_URL", "http://marquez.internal:5000");
    LakehouseSettings s = SettingsLoader.load(env, Map.of());
    assertThat(s.env()).isEqualTo("emr");
    assertThat(s.lineage().transport()).isEqualTo("http");
    assertThat(s.s3().directoryMarkerRetention()).isEqualTo("keep");
    assertThat(s.spark().shufflePartitions()).isBetween(16, 400);
  }

  @Test
  void everyRepositoryPathTheReadmeNamesExists() {
    Pattern path =
        Pattern.compile(
            "(?<![\\w./-])((?:deploy|conf|jobs|common|dq-rules|bin|notebooks|\\.github|\\.ci)/"
                + "[A-Za-z0-9_./-]*)");
    Set<String> missing = new TreeSet<>();
    for (Path doc : List.of(repo.resolve("README.md"), repo.resolve("deploy/emr/README.md"))) {
      String text = read(doc);
      Matcher m = path.matcher(text);
      while (m.find()) {
        String p = m.group(1).replaceAll("[.]+$", "");
        String after = text.substring(m.end(1), Math.min(m.end(1) + 1, text.length()));
        // Patterns (<version>, ..., *) and build outputs are not files in the repository.
        if (after.equals("<") || after.equals("*") || p.contains("...") || p.contains("/target/")) {
          continue;
        }
        if (!Files.exists(repo.resolve(p))) {
          missing.add(p + " (" + rel(doc) + ")");
        }
      }
    }
    assertThat(missing).as("paths named in the READMEs that do not exist").isEmpty();
  }

  // --- helpers ---

  /** Every match of a pattern in the deployment files, with the files it occurs in. */
  private static Map<String, Set<String>> occurrences(Pattern pattern) {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Path file : deployFiles) {
      Matcher m = pattern.matcher(read(file));
      while (m.find()) {
        found.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(rel(file));
      }
    }
    return found;
  }

  /** A compiled class: on the test class path or under a module's target/classes. */
  private static boolean classExists(String cls) {
    String resource = cls.replace('.', '/') + ".class";
    if (DeployFilesTest.class.getClassLoader().getResource(resource) != null) {
      return true;
    }
    try (Stream<Path> modules = Files.list(repo.resolve("jobs"))) {
      return modules.anyMatch(
          m -> Files.isRegularFile(m.resolve("target/classes").resolve(resource)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shaded jars the job modules build: {@code <artifactId>-<version>-<classifier>.jar} for each
   * module under jobs/ whose pom uses the shade plugin, with the classifier that the parent pom's
   * shade configuration sets, mapped to the module folder.
   */
  private static Map<String, String> shadedJars() {
    Document parent = pom(repo.resolve("pom.xml"));
    String version = text(parent.getDocumentElement(), "version");
    var classifiers = parent.getElementsByTagName("shadedClassifierName");
    assertThat(classifiers.getLength()).as("shadedClassifierName in pom.xml").isEqualTo(1);
    String classifier = classifiers.item(0).getTextContent().trim();
    Map<String, String> jars = new TreeMap<>();
    try (Stream<Path> modules = Files.list(repo.resolve("jobs"))) {
      for (Path module : modules.sorted().toList()) {
        Path pomFile = module.resolve("pom.xml");
        if (!Files.isRegularFile(pomFile)) {
          continue;
        }
        Document pom = pom(pomFile);
        boolean shades = false;
        var ids = pom.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
          shades |= ids.item(i).getTextContent().trim().equals("maven-shade-plugin");
        }
        if (!shades) {
          continue;
        }
        String artifactId = text(pom.getDocumentElement(), "artifactId");
        jars.put(artifactId + "-" + version + "-" + classifier + ".jar", rel(module));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jars;
  }

  private static List<String> pipelineClasses(String pipeline) {
    return Pipelines.jobs(pipeline).stream()
        .map(SparkJob::getClass)
        .map(Class::getName)
        .collect(Collectors.toList());
  }

  /**
   * Environment variable names in an EMR file: spark-env exports, YARN application master and EMR
   * Serverless driver environments.
   */
  private static Set<String> environmentNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    if (node.isObject()) {
      boolean export = "export".equals(node.path("Classification").asText());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (export && e.getKey().equals("Properties")) {
          e.getValue().fieldNames().forEachRemaining(names::add);
        }
        Matcher m = ENV_SETTING.matcher(e.getKey());
        if (m.find()) {
          names.add(m.group(1));
        }
        names.addAll(environmentNames(e.getValue()));
      }
    } else if (node.isArray()) {
      node.forEach(n -> names.addAll(environmentNames(n)));
    }
    return names;
  }

  private static JsonNode json(String relative) throws IOException {
    return JSON.readTree(repo.resolve(relative).toFile());
  }

  private static Document pom(Path file) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  /** The text of a direct child element (project/version, not parent/version). */
  private static String text(Element parent, String child) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(child)) {
        return e.getTextContent().trim();
      }
    }
    throw new IllegalStateException("no <" + child + "> in <" + parent.getTagName() + ">");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rel(Path p) {
    return repo.relativize(p).toString().replace('\\', '/');
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(DeployFilesTest::rel).toList();
  }
}
