package dev.lakehouse.jobs.kamis.landing;

import dev.lakehouse.common.config.LakehouseSettings;
import dev.lakehouse.common.job.Progress;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;

/** Stub (kbronze branch); the lead replaces it with kclient's version at merge. */
public final class KamisFetcher {
  private KamisFetcher() {}

  public static FetchSummary fetchRange(
      LakehouseSettings settings,
      Configuration hadoopConf,
      String landingRoot,
      LocalDate from,
      LocalDate to,
      Progress progress) {
    throw new UnsupportedOperationException("KamisFetcher is written on the kclient branch");
  }
}
