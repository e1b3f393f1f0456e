package io.conversa.generate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What {@code conversa generate} writes. Rates are shares of lines (faults) or of episodes;
 * the same settings and seed always give byte-identical files.
 */
public record GeneratorSettings(
    long events,
    int clients,
    int phonesPerClient,
    int usersPerClient,
    int campaignsPerClient,
    LocalDate start,
    int days,
    long seed,
    int files,
    double malformedRate,
    double duplicateRate,
    double outOfOrderRate,
    double forgedRate,
    double envelopeShare,
    double gzipShare,
    byte[] appSecret)
    implements Serializable {

  public static GeneratorSettings defaults(long events, byte[] appSecret) {
    return new GeneratorSettings(
        events, 3, 2, 4_000, 4, LocalDate.parse("2026-11-09"), 14, 42L,
        defaultFiles(events), 0.01, 0.03, 0.15, 0.002, 0.7, 0.5, appSecret);
  }

  /** About 50,000 lines a file: big enough to be cheap to list, small enough to spread work. */
  /** The same businesses and fault rates over other dates: events over days from start, seeded. */
  public GeneratorSettings spanning(long events, LocalDate start, int days, long seed) {
    return new GeneratorSettings(
        events, clients, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, defaultFiles(events),
        malformedRate, duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, appSecret);
  }

  public static int defaultFiles(long events) {
    return (int) Math.max(2, Math.min(400, events / 50_000));
  }
}
