package dev.lakehouse.common.job;

import dev.lakehouse.common.error.Errors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Run-specific arguments of every job, parsed in this one place: {@code [--source DIR_OR_URI]
 * [--batch ID] [--run-date DATE] [--from DATE --to DATE]}.
 */
public record JobArgs(
    Optional<String> source,
    Optional<String> batch,
    Optional<LocalDate> runDate,
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    boolean help) {

  /** The options as picocli sees them; also a mixin for the launcher's {@code run} command. */
  @Command(mixinStandardHelpOptions = false, sortOptions = false)
  public static final class Spec {
    @Option(
        names = "--source",
        paramLabel = "DIR_OR_URI",
        description = "Landing folder or URI to read (local path or s3a://).")
    String source;

    @Option(
        names = "--batch",
        paramLabel = "ID",
        description = "Batch id. Re-running a batch changes nothing.")
    String batch;

    @Option(
        names = "--run-date",
        paramLabel = "DATE",
        description = "Logical run date, yyyy-MM-dd.")
    String runDate;

    @Option(
        names = "--from",
        paramLabel = "DATE",
        description = "First day to process, yyyy-MM-dd.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day to process, yyyy-MM-dd.")
    String to;
  }

  @Command(sortOptions = false)
  static final class Cli {
    @CommandLine.Mixin Spec spec = new Spec();

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;
  }

  /** Parses job arguments; bad usage is a {@code LakehouseException} with exit code 2. */
  public static JobArgs parse(String jobName, String... args) {
    Cli parsed = new Cli();
    CommandLine cl = new CommandLine(parsed).setCommandName(jobName);
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw Errors.usage(e.getMessage() + "\n" + cl.getUsageMessage());
    }
    return of(parsed.spec, parsed.help);
  }

  /** Validates parsed options. */
  public static JobArgs of(Spec spec, boolean help) {
    Optional<LocalDate> from = date("--from", spec.from);
    Optional<LocalDate> to = date("--to", spec.to);
    if (from.isPresent() != to.isPresent()) {
      throw Errors.usage("--from and --to go together: give both or neither.");
    }
    if (from.isPresent() && from.get().isAfter(to.get())) {
      throw Errors.usage("--from " + from.get() + " is after --to " + to.get() + ".");
    }
    if (spec.batch != null && !spec.batch.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}")) {
      throw Errors.usage(
          "--batch '"
              + spec.batch
              + "' is not a valid batch id: use letters, digits, '_', '.', ':' and '-'.");
    }
    if (spec.source != null && spec.source.isBlank()) {
      throw Errors.usage("--source is empty.");
    }
    return new JobArgs(
        Optional.ofNullable(spec.source),
        Optional.ofNullable(spec.batch),
        date("--run-date", spec.runDate),
        from,
        to,
        help);
  }

  /** The usage text of a job. */
  public static String usage(String jobName) {
    return new CommandLine(new Cli()).setCommandName(jobName).getUsageMessage();
  }

  private static Optional<LocalDate> date(String option, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      throw Errors.usage(option + " '" + value + "' is not a date of the form yyyy-MM-dd.");
    }
  }
}
