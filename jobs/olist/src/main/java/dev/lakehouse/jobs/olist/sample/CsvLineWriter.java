package dev.lakehouse.jobs.olist.sample;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes CSV lines the way the Olist files are written.
 *
 * <p>The header quotes every name. Data values are quoted only when they start with a digit or
 * contain a comma, a double quote, CR or LF (inner quotes doubled); everything else, including
 * empty values and negative numbers, is written bare. Line ends, the byte-order mark and the final
 * line end are chosen per file because the real files differ in exactly these.
 */
final class CsvLineWriter implements Closeable {
  /** Marks an absent timestamp: the field is written empty. */
  static final long NO_TIME = Long.MIN_VALUE;

  private static final int BUFFER_CHARS = 1 << 20;

  private final Writer out;
  private final String lineEnd;
  private final boolean finalLineEnd;
  private final StringBuilder line = new StringBuilder(512);
  private final StringBuilder scratch = new StringBuilder(64);
  private boolean firstField = true;
  private boolean anyLine;
  private long dataRows;

  private CsvLineWriter(Writer out, String lineEnd, boolean finalLineEnd) {
    this.out = out;
    this.lineEnd = lineEnd;
    this.finalLineEnd = finalLineEnd;
  }

  /** A UTF-8 file with LF line ends, no byte-order mark, and a final line end. */
  static CsvLineWriter open(Path file, List<String> header) throws IOException {
    return open(file, header, "\n", false, true);
  }

  static CsvLineWriter open(
      Path file, List<String> header, String lineEnd, boolean byteOrderMark, boolean finalLineEnd)
      throws IOException {
    Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            BUFFER_CHARS);
    if (byteOrderMark) {
      writer.write('\uFEFF');
    }
    CsvLineWriter csv = new CsvLineWriter(writer, lineEnd, finalLineEnd);
    for (String name : header) {
      csv.separator();
      csv.line.append('"').append(name).append('"');
    }
    csv.flushLine();
    return csv;
  }

  /** Number of data lines (records) written so far, header excluded. */
  long rows() {
    return dataRows;
  }

  CsvLineWriter text(CharSequence value) {
    separator();
    if (needsQuotes(value)) {
      line.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"') {
          line.append('"');
        }
        line.append(c);
      }
      line.append('"');
    } else {
      line.append(value);
    }
    return this;
  }

  CsvLineWriter empty() {
    separator();
    return this;
  }

  CsvLineWriter number(long value) {
    scratch.setLength(0);
    scratch.append(value);
    return text(scratch);
  }

  /** A non-negative amount of cents as a decimal with exactly two places, e.g. 58.90. */
  CsvLineWriter money(long cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("negative amount: " + cents);
    }
    scratch.setLength(0);
    scratch.append(cents / 100).append('.');
    long fraction = cents % 100;
    if (fraction < 10) {
      scratch.append('0');
    }
    scratch.append(fraction);
    return text(scratch);
  }

  /** A decimal with up to {@code digits} fraction digits, trailing zeros dropped. */
  CsvLineWriter decimal(double value, int digits) {
    scratch.setLength(0);
    appendDecimal(scratch, value, digits);
    return text(scratch);
  }

  /** {@code yyyy-MM-dd HH:mm:ss}, or an empty field for {@link #NO_TIME}. */
  CsvLineWriter timestamp(long epochSecond) {
    if (epochSecond == NO_TIME) {
      return empty();
    }
    scratch.setLength(0);
    appendTimestamp(scratch, epochSecond);
    return text(scratch);
  }

  void endRow() throws IOException {
    flushLine();
    dataRows++;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  static boolean needsQuotes(CharSequence value) {
    if (value.length() == 0) {
      return false;
    }
    char first = value.charAt(0);
    if (first >= '0' && first <= '9') {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  /** Local date-time of an epoch second read as UTC (the Olist timestamps carry no zone). */
  static void appendTimestamp(StringBuilder sb, long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(day);
    sb.append(date.getYear()).append('-');
    twoDigits(sb, date.getMonthValue());
    sb.append('-');
    twoDigits(sb, date.getDayOfMonth());
    sb.append(' ');
    twoDigits(sb, secondOfDay / 3600);
    sb.append(':');
    twoDigits(sb, secondOfDay / 60 % 60);
    sb.append(':');
    twoDigits(sb, secondOfDay % 60);
  }

  static void appendDecimal(StringBuilder sb, double value, int digits) {
    long scale = 1;
    for (int i = 0; i < digits; i++) {
      scale *= 10;
    }
    long units = Math.round(Math.abs(value) * scale);
    if (value < 0 && units != 0) {
      sb.append('-');
    }
    sb.append(units / scale);
    long fraction = units % scale;
    if (fraction != 0) {
      sb.append('.');
      int start = sb.length();
      sb.append(fraction);
      for (int i = sb.length() - start; i < digits; i++) {
        sb.insert(start, '0');
      }
      int end = sb.length();
      while (sb.charAt(end - 1) == '0') {
        end--;
      }
      sb.setLength(end);
    }
  }

  private static void twoDigits(StringBuilder sb, int value) {
    if (value < 10) {
      sb.append('0');
    }
    sb.append(value);
  }

  private void separator() {
    if (firstField) {
      firstField = false;
    } else {
      line.append(',');
    }
  }

  private void flushLine() throws IOException {
    if (anyLine && !finalLineEnd) {
      out.write(lineEnd);
    }
    out.append(line);
    if (finalLineEnd) {
      out.write(lineEnd);
    }
    anyLine = true;
    line.setLength(0);
    firstField = true;
  }
}
