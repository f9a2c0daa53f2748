package dev.lakehouse.jobs.olist.bronze;

import dev.lakehouse.common.error.Errors;
import dev.lakehouse.common.error.LakehouseException;
import dev.lakehouse.jobs.olist.OlistTables.SourceFile;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing folder of one source, checked through Hadoop's FileSystem API so the same code works
 * for a local folder and an {@code s3a://} prefix. Nothing here reads data rows: it proves every
 * file is present, not empty and has the expected header before the job reads anything.
 */
final class LandingFolder {
  private LandingFolder() {}

  /**
   * A checked source file.
   *
   * @param source what the file holds
   * @param path its fully qualified location (e.g. {@code file:/data/landing/olist/x.csv})
   * @param size its length in bytes
   * @param modified its modification time, epoch milliseconds
   */
  record LandingFile(SourceFile source, String path, long size, long modified) {}

  /**
   * The folder to read: {@code source} when given (a URI such as {@code s3a://bucket/landing/olist}
   * or a local path, made absolute), else {@code defaultFolder}. No trailing slash.
   */
  static String resolve(Optional<String> source, String defaultFolder) {
    String folder = source.map(String::strip).filter(s -> !s.isEmpty()).orElse(defaultFolder);
    if (!folder.contains(":/")) {
      folder = java.nio.file.Path.of(folder).toAbsolutePath().normalize().toString();
    }
    while (folder.endsWith("/") && !folder.endsWith(":/") && !folder.endsWith("://")) {
      folder = folder.substring(0, folder.length() - 1);
    }
    return folder;
  }

  /**
   * Checks that every file is in {@code folder}, is not empty, and starts with exactly its expected
   * header; the first problem found is thrown as a usage error naming the file.
   *
   * @return the files in the order given, with their size and modification time
   */
  static List<LandingFile> check(String folder, List<SourceFile> files, Configuration conf) {
    try {
      Path dir = new Path(folder);
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        throw missingFolder(folder);
      }
      List<LandingFile> checked = new ArrayList<>();
      // Presence first, so a folder with several files missing reports the first one missing
      // rather than a header problem in another file.
      List<FileStatus> statuses = new ArrayList<>();
      for (SourceFile f : files) {
        statuses.add(status(fs, new Path(dir, f.fileName()), f, folder));
      }
      for (int i = 0; i < files.size(); i++) {
        SourceFile f = files.get(i);
        FileStatus st = statuses.get(i);
        String path = st.getPath().toString();
        List<String> header = header(fs, st);
        if (header.isEmpty()) {
          throw Errors.emptySourceFile(path);
        }
        Optional<String> diff = SourceHeaders.difference(f.header(), header);
        if (diff.isPresent()) {
          throw Errors.headerMismatch(path, f.header(), header, diff.get());
        }
        checked.add(new LandingFile(f, path, st.getLen(), st.getModificationTime()));
      }
      return checked;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the landing folder " + folder, e);
    }
  }

  private static LakehouseException missingFolder(String folder) {
    return Errors.usage(
        "Landing folder "
            + folder
            + " does not exist. Point --source at the folder that holds the Olist CSV files"
            + " (bin/lakehouse generate olist --out DIR writes a sample).");
  }

  private static FileStatus status(FileSystem fs, Path file, SourceFile f, String folder)
      throws IOException {
    try {
      FileStatus st = fs.getFileStatus(file);
      if (st.isDirectory()) {
        throw Errors.missingSourceFile(f.fileName(), folder);
      }
      return st;
    } catch (FileNotFoundException e) {
      throw Errors.missingSourceFile(f.fileName(), folder);
    }
  }

  private static List<String> header(FileSystem fs, FileStatus st) throws IOException {
    if (st.getLen() == 0) {
      return List.of();
    }
    try (InputStream in = new BufferedInputStream(fs.open(st.getPath()), 8192)) {
      return SourceHeaders.parse(SourceHeaders.firstLine(in));
    }
  }

  /**
   * A batch id that depends only on the files' names, sizes and modification times: ingesting the
   * same unchanged folder again gives the same id (so the run is a no-op), and any re-delivered or
   * edited file gives a new one. Form: {@code olist-} and 12 hex digits of a SHA-256.
   */
  static String derivedBatchId(String prefix, List<LandingFile> files) {
    StringBuilder fingerprint = new StringBuilder();
    for (LandingFile f : files) {
      fingerprint
          .append(f.source().fileName())
          .append('\t')
          .append(f.size())
          .append('\t')
          .append(f.modified())
          .append('\n');
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(fingerprint.toString().getBytes(StandardCharsets.UTF_8));
      return prefix + "-" + HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
