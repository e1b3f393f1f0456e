package io.conversa.maintain;

import java.time.Duration;

/**
 * What {@code conversa maintain} keeps. Retentions count from now: bronze bodies by their event
 * date, quarantined lines by the day they were ingested. Null: keep forever.
 */
public record MaintainSettings(
    String lake, Duration bronzeRetention, Duration quarantineRetention, Duration changeFeedRetention, boolean listStorage, boolean dryRun) {
  /** Delta's own default for VACUUM and the change feed: readers of older versions stay safe. */
  public static final Duration SAFE_FILE_RETENTION = Duration.ofDays(7);
}
