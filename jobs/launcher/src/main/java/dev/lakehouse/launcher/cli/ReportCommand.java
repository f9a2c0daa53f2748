package dev.lakehouse.launcher.cli;

import dev.lakehouse.common.job.Progress;
import dev.lakehouse.launcher.Lakehouse;
import dev.lakehouse.launcher.report.QualityReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehouse report [--out DIR]}: writes the quality report, a static HTML site (see {@link
 * QualityReport}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the quality report: a static HTML site with every table's gate status, rule results"
          + " over time, metric trend charts, quarantine and lineage neighbours.",
      "Open <out>/index.html in a browser."
    })
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand Lakehouse parent;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder or s3a:// location to write to (default <root>/_reports).")
  String out;

  @Override
  public Integer call() {
    String dir = out != null ? out : QualityReport.defaultOut(parent.layout());
    QualityReport.Result r =
        QualityReport.write(parent.spark(), parent.layout(), dir, new Progress(parent.out()));
    parent.out().println("Report: " + r.index());
    return 0;
  }
}
