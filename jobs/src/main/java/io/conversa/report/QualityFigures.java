package io.conversa.report;

import java.util.List;

/**
 * The data-quality footer: lines quarantined by ingest runs during the week (quarantined lines
 * carry no client, so this is the lake's, not the client's), and the latest result of each check.
 */
public record QualityFigures(long quarantinedInWeek, long quarantinedTotal, int checksPassed, int checksFailed, List<String> failedChecks) {}
