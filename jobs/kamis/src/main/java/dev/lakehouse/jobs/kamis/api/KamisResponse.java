package dev.lakehouse.jobs.kamis.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A KAMIS answer that was accepted ({@code 000} rows or {@code 001} no data), credentials removed.
 *
 * @param request what was asked
 * @param url the URL called, credential values masked
 * @param httpStatus the HTTP status (200)
 * @param resultCode {@code 000} or {@code 001}
 * @param body the answer as received, minus credentials
 * @param fetchedAt when the answer arrived
 * @param rows how many rows it holds
 * @param attempts how many HTTP attempts it took (1 without retries)
 */
public record KamisResponse(
    KamisRequest request,
    String url,
    int httpStatus,
    String resultCode,
    JsonNode body,
    Instant fetchedAt,
    int rows,
    int attempts) {

  /** True for a {@code 001} answer: no data for that day or query. */
  public boolean empty() {
    return KamisPayload.NO_DATA.equals(resultCode);
  }
}
