package dev.lakehouse.jobs.kamis.landing;

/**
 * What {@link KamisFetcher#fetchRange} did.
 *
 * @param slotsFetched slots fetched and marked complete in this run
 * @param slotsSkipped slots already complete before this run (resume), not fetched again
 * @param requests requests answered and landed in this run (retries not counted)
 * @param emptyResults of those, answers with result code 001 (no data, e.g. a holiday)
 */
public record FetchSummary(int slotsFetched, int slotsSkipped, int requests, int emptyResults) {}
