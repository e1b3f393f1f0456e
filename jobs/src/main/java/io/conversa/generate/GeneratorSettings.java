package io.conversa.generate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What {@code conversa generate} writes. Rates are shares of lines (faults) or of episodes;
 * the same settings and seed always give byte-identical files.
 *
 * @param seed the events' seed: message ids, users' choices, faults
 * @param worldSeed the businesses' seed: WABA and phone-number ids, campaigns, ads, users
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
    long worldSeed,
    int files,
    double malformedRate,
    double duplicateRate,
    double outOfOrderRate,
    double forgedRate,
    double envelopeShare,
    double gzipShare,
    byte[] appSecret)
    implements Serializable {

  /** Settings whose businesses come from the events' seed too. */
  public GeneratorSettings(
      long events, int clients, int phonesPerClient, int usersPerClient, int campaignsPerClient, LocalDate start, int days,
      long seed, int files, double malformedRate, double duplicateRate, double outOfOrderRate, double forgedRate,
      double envelopeShare, double gzipShare, byte[] appSecret) {
    this(events, clients, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, seed, files, malformedRate,
        duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, appSecret);
  }

  public static GeneratorSettings defaults(long events, byte[] appSecret) {
    return new GeneratorSettings(
        events, 3, 2, 4_000, 4, LocalDate.parse("2026-11-09"), 14, 42L,
        defaultFiles(events), 0.01, 0.03, 0.15, 0.002, 0.7, 0.5, appSecret);
  }

  /** The same kind of businesses and fault rates over other dates: events over days from start, seeded. */
  public GeneratorSettings spanning(long events, LocalDate start, int days, long seed) {
    return new GeneratorSettings(
        events, clients, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, seed, defaultFiles(events),
        malformedRate, duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, appSecret);
  }

  /**
   * The same businesses and users on later days, as the next days of their logs: other events
   * (other message ids) from {@code seed}.
   */
  public GeneratorSettings laterDays(long events, LocalDate start, int days, long seed) {
    return new GeneratorSettings(
        events, clients, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, worldSeed, defaultFiles(events),
        malformedRate, duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, appSecret);
  }

  /** The same kind of logs of {@code count} businesses (every fourth a small one). */
  public GeneratorSettings withClients(int count) {
    return new GeneratorSettings(
        events, count, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, worldSeed, files,
        malformedRate, duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, appSecret);
  }

  /** The same logs with another share of lines wrapped in a signed envelope (the rest are raw, unsigned). */
  public GeneratorSettings withEnvelopeShare(double share) {
    return new GeneratorSettings(
        events, clients, phonesPerClient, usersPerClient, campaignsPerClient, start, days, seed, worldSeed, files,
        malformedRate, duplicateRate, outOfOrderRate, forgedRate, share, gzipShare, appSecret);
  }

  /** About 50,000 lines a file: big enough to be cheap to list, small enough to spread work. */
  public static int defaultFiles(long events) {
    return (int) Math.max(2, Math.min(400, events / 50_000));
  }
}
