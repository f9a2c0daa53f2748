package dev.lakehouse.jobs.kamis.landing;

/** Stub (kbronze branch); the lead replaces it with kclient's version at merge. */
public record FetchSummary(int slotsFetched, int slotsSkipped, int requests, int emptyResults) {}
