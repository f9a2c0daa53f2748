package dev.lakehouse.launcher;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.config.SettingsLoader;
import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.common.spark.LakehouseSession;
import dev.lakehouse.common.table.TableLayout;
import dev.lakehouse.launcher.cli.BenchCommand;
import dev.lakehouse.launcher.cli.DemoCommand;
import dev.lakehouse.launcher.cli.DiffCommand;
import dev.lakehouse.launcher.cli.DqCommand;
import dev.lakehouse.launcher.cli.GenerateCommand;
import dev.lakehouse.launcher.cli.HistoryCommand;
import dev.lakehouse.launcher.cli.ReportCommand;
import dev.lakehouse.launcher.cli.RunCommand;
import dev.lakehouse.launcher.cli.ShowCommand;
import dev.lakehouse.launcher.cli.TablesCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/lakehouse}: runs pipelines locally in-process, generates sample data and inspects
 * tables. Exit codes follow ARCHITECTURE.md: 0 ok, 2 usage or configuration, 3 quality gate, 4
 * source refused, 1 anything else.
 */
@Command(
    name = "lakehouse",
    mixinStandardHelpOptions = true,
    version = "lakehouse-jobs 0.1.0",
    description = "Medallion lakehouse jobs on Spark and Delta Lake.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      GenerateCommand.class,
      TablesCommand.class,
      HistoryCommand.class,
      ShowCommand.class,
      DqCommand.class,
      DiffCommand.class,
      ReportCommand.class,
      BenchCommand.class
    })
public final class Lakehouse implements Runnable {
  private final Map<String, String> env;
  private final PrintStream out;
  private LakehouseSettings settings;
  private SparkSession spark;

  public Lakehouse(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int code = execute(args, System.getenv(), out);
    System.exit(code);
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int execute(String[] args, Map<String, String> env, PrintStream out) {
    CommandLine cl = new CommandLine(new Lakehouse(env, out));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(out, true));
    cl.setParameterExceptionHandler(
        (e, a) -> {
          out.println("ERROR: " + e.getMessage());
          e.getCommandLine().usage(out);
          return ExitCode.USAGE.code();
        });
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          LakehouseException le = find(e);
          if (le != null) {
            out.println("ERROR: " + le.getMessage());
            return le.exitCode().code();
          }
          out.println("ERROR: " + e);
          e.printStackTrace(out);
          return ExitCode.FAILURE.code();
        });
    return cl.execute(args);
  }

  private static LakehouseException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LakehouseException le) {
        return le;
      }
    }
    return null;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  public PrintStream out() {
    return out;
  }

  public Map<String, String> env() {
    return env;
  }

  /** Settings, loaded and validated once. */
  public synchronized LakehouseSettings settings() {
    if (settings == null) {
      settings = SettingsLoader.load(env, Map.of());
    }
    return settings;
  }

  public TableLayout layout() {
    return new TableLayout(settings().root());
  }

  /** The in-process session (local[*] unless spark.master says otherwise). */
  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = LakehouseSession.getOrCreate(settings(), "lakehouse", Map.of());
    }
    return spark;
  }
}
