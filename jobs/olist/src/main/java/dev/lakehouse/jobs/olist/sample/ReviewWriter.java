package dev.lakehouse.jobs.olist.sample;

import static dev.lakehouse.jobs.olist.sample.PurchaseCalendar.SECONDS_PER_DAY;

import dev.lakehouse.jobs.olist.OlistTables;
import dev.lakehouse.jobs.olist.sample.ReviewTexts.Join;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes order reviews with CRLF line ends, like the source.
 *
 * <p>Scores follow delivery: late orders get mostly 1-2, orders on time mostly 4-5, orders never
 * delivered mostly 1. Most titles are empty and about a third of the messages; a few messages span
 * lines or contain quotes. The survey is created at midnight the day after delivery (or around the
 * estimated date) and answered later. Some review ids repeat for another order.
 */
final class ReviewWriter implements Closeable {
  static final List<String> HEADER = OlistTables.REVIEWS.header();

  /** What happened to the order, which drives the score. */
  enum Outcome {
    ON_TIME,
    LATE,
    NOT_DELIVERED
  }

  /** Which quirk a review must show, so that every quirk appears even in tiny samples. */
  enum Quirk {
    NONE,
    MESSAGE_CRLF,
    MESSAGE_LF,
    MESSAGE_QUOTES,
    TITLE,
    REPEATED_ID,
    SECOND_REVIEW
  }

  private static final WeightedPicker ON_TIME_SCORES = new WeightedPicker(5, 2.5, 7.5, 22, 63);
  private static final WeightedPicker LATE_SCORES = new WeightedPicker(52, 12, 14, 9, 13);
  private static final WeightedPicker UNDELIVERED_SCORES = new WeightedPicker(65, 9, 10, 5, 11);

  private final CsvLineWriter csv;
  private final Rng rng;

  private String lastId;
  private boolean owedRepeat;
  private int lastScore;
  private String lastTitle;
  private String lastMessage;
  private long lastCreated;
  private long lastAnswered;

  ReviewWriter(Path file, Rng rng) throws IOException {
    this.csv = CsvLineWriter.open(file, HEADER, "\r\n", false, true);
    this.rng = rng;
  }

  long rows() {
    return csv.rows();
  }

  /**
   * Writes the review(s) of one order, or none.
   *
   * @param surveyDay midnight of the day the survey is sent
   */
  void write(String orderId, Outcome outcome, long surveyDay, Quirk quirk) throws IOException {
    if (quirk == Quirk.NONE && !rng.chance(0.9923)) {
      return;
    }
    boolean wantRepeat =
        quirk == Quirk.REPEATED_ID || quirk == Quirk.NONE && (owedRepeat || rng.chance(0.0082));
    if (wantRepeat && lastId != null) {
      owedRepeat = false;
      row(lastId, orderId, lastScore, lastTitle, lastMessage, lastCreated, lastAnswered);
      return;
    }
    if (quirk == Quirk.REPEATED_ID) {
      // A forced repeat with nothing to repeat yet: a later review repeats this one.
      owedRepeat = true;
    }
    fresh(orderId, outcome, surveyDay, quirk);
    if (quirk == Quirk.SECOND_REVIEW || quirk == Quirk.NONE && rng.chance(0.0056)) {
      fresh(orderId, outcome, surveyDay + rng.between(1, 20) * SECONDS_PER_DAY, Quirk.NONE);
    }
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }

  private void fresh(String orderId, Outcome outcome, long surveyDay, Quirk quirk)
      throws IOException {
    WeightedPicker scores =
        switch (outcome) {
          case ON_TIME -> ON_TIME_SCORES;
          case LATE -> LATE_SCORES;
          case NOT_DELIVERED -> UNDELIVERED_SCORES;
        };
    int score = scores.pick(rng) + 1;
    String title = quirk == Quirk.TITLE || rng.chance(0.12) ? ReviewTexts.title(score, rng) : "";
    String message = "";
    boolean forcedMessage =
        quirk == Quirk.MESSAGE_CRLF || quirk == Quirk.MESSAGE_LF || quirk == Quirk.MESSAGE_QUOTES;
    if (forcedMessage || rng.chance(0.65)) {
      Join join;
      if (quirk == Quirk.MESSAGE_CRLF) {
        join = Join.CRLF;
      } else if (quirk == Quirk.MESSAGE_LF) {
        join = Join.LF;
      } else {
        double u = rng.nextDouble();
        join = u < 0.025 ? Join.CRLF : u < 0.035 ? Join.LF : Join.SPACE;
      }
      boolean quoted = quirk == Quirk.MESSAGE_QUOTES || rng.chance(0.012);
      message = ReviewTexts.message(score, join, quoted, rng);
    }
    long answered =
        surveyDay
            + (rng.chance(0.7)
                ? rng.between(2 * 3600L, 2 * SECONDS_PER_DAY)
                : rng.between(2 * SECONDS_PER_DAY, 10 * SECONDS_PER_DAY));
    lastId = rng.hexId();
    lastScore = score;
    lastTitle = title;
    lastMessage = message;
    lastCreated = surveyDay;
    lastAnswered = answered;
    row(lastId, orderId, score, title, message, surveyDay, answered);
  }

  private void row(
      String reviewId,
      String orderId,
      int score,
      String title,
      String message,
      long created,
      long answered)
      throws IOException {
    csv.text(reviewId)
        .text(orderId)
        .number(score)
        .text(title)
        .text(message)
        .timestamp(created)
        .timestamp(answered)
        .endRow();
  }
}
