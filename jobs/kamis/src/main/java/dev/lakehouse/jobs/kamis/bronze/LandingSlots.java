package dev.lakehouse.jobs.kamis.bronze;

import dev.lakehouse.common.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the complete landing slots of a day range, through Hadoop's FileSystem API so a local
 * folder and an {@code s3a://} prefix behave the same. Layout (DESIGN.md): {@code
 * <root>/<action>/<slot>/<request-key>.json}, a slot complete when it holds {@code _SUCCESS}.
 *
 * <p>A daily slot ({@code yyyy-MM-dd}) belongs to the range when its day is in it; a period slot
 * ({@code yyyy-MM-dd_yyyy-MM-dd}) when its start day is, so consecutive ranges never ingest a slot
 * twice.
 */
final class LandingSlots {
  static final String SUCCESS = "_SUCCESS";

  private LandingSlots() {}

  /** One envelope file. */
  /**
   * One envelope file of a complete slot.
   *
   * @param size its length in bytes (an empty file yields no record from Spark's text reader, so
   *     bronze quarantines it by name)
   */
  record LandingFile(KamisBronzeTable table, String slot, String path, long size) {}

  /**
   * What the listing found.
   *
   * @param files the envelope files of complete slots in the range, per action
   * @param completeSlots complete slots in the range
   * @param incompleteSlots slots in the range without {@code _SUCCESS} (being fetched or
   *     interrupted): not read
   * @param ignored folders that are neither a known action nor a slot name (reported)
   */
  record Listing(
      Map<KamisBronzeTable, List<LandingFile>> files,
      int completeSlots,
      List<String> incompleteSlots,
      List<String> ignored) {}

  static Listing list(String root, LocalDate from, LocalDate to, Configuration conf) {
    try {
      Path dir = new Path(root);
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        throw Errors.usage(
            "KAMIS landing folder "
                + root
                + " does not exist. Point --source at a folder of landed responses"
                + " (<action>/<slot>/*.json), or leave --source out to fetch from the API"
                + " (bin/lakehouse generate kamis --out DIR writes a sample).");
      }
      Map<KamisBronzeTable, List<LandingFile>> files = new EnumMap<>(KamisBronzeTable.class);
      int complete = 0;
      List<String> incomplete = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      for (FileStatus actionDir : sorted(fs.listStatus(dir))) {
        String name = actionDir.getPath().getName();
        Optional<KamisBronzeTable> table = KamisBronzeTable.ofAction(name);
        if (!actionDir.isDirectory() || table.isEmpty()) {
          if (!name.startsWith("_") && !name.startsWith(".")) {
            ignored.add(name);
          }
          continue;
        }
        List<LandingFile> actionFiles = new ArrayList<>();
        for (FileStatus slotDir : sorted(fs.listStatus(actionDir.getPath()))) {
          String slot = slotDir.getPath().getName();
          if (!slotDir.isDirectory()) {
            continue;
          }
          Optional<LocalDate> day = slotDay(slot, table.get().period());
          if (day.isEmpty()) {
            ignored.add(name + "/" + slot);
            continue;
          }
          if (day.get().isBefore(from) || day.get().isAfter(to)) {
            continue;
          }
          if (!fs.exists(new Path(slotDir.getPath(), SUCCESS))) {
            incomplete.add(name + "/" + slot);
            continue;
          }
          complete++;
          for (FileStatus f : sorted(fs.listStatus(slotDir.getPath()))) {
            if (f.isFile() && f.getPath().getName().endsWith(".json")) {
              actionFiles.add(
                  new LandingFile(table.get(), slot, f.getPath().toString(), f.getLen()));
            }
          }
        }
        files.put(table.get(), actionFiles);
      }
      return new Listing(files, complete, incomplete, ignored);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the KAMIS landing folder " + root, e);
    }
  }

  /** The day a slot belongs to (its start day for a period slot), empty when not a slot name. */
  static Optional<LocalDate> slotDay(String slot, boolean period) {
    try {
      if (period) {
        String[] parts = slot.split("_", -1);
        if (parts.length != 2) {
          return Optional.empty();
        }
        LocalDate start = LocalDate.parse(parts[0]);
        LocalDate end = LocalDate.parse(parts[1]);
        return end.isBefore(start) ? Optional.empty() : Optional.of(start);
      }
      return Optional.of(LocalDate.parse(slot));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<FileStatus> sorted(FileStatus[] statuses) {
    return Arrays.stream(statuses)
        .sorted(Comparator.comparing(s -> s.getPath().getName()))
        .toList();
  }

  /** Distinct slot names of a file list, for progress lines. */
  static int slots(List<LandingFile> files) {
    TreeSet<String> s = new TreeSet<>();
    files.forEach(f -> s.add(f.slot()));
    return s.size();
  }
}
