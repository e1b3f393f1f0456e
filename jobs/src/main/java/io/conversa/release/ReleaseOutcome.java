package io.conversa.release;

import io.conversa.disclosure.Finding;
import io.conversa.disclosure.SuppressionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one release published: figures shown, withheld by the primary rule (fewer than k people)
 * and by complementary suppression, and what the final disclosure audit found (nothing, when it
 * passed).
 */
public record ReleaseOutcome(long published, long withheldPrimary, long withheldComplementary, List<Finding> findings, int rounds) {

  public ReleaseOutcome {
    findings = List.copyOf(findings);
  }

  public boolean auditPassed() {
    return findings.isEmpty();
  }

  public long figures() {
    return published + withheldPrimary + withheldComplementary;
  }

  /** Adds up the figures of every client's release. */
  public static final class Counter {
    private long published;
    private long primary;
    private long complementary;
    private final List<Finding> findings = new ArrayList<>();
    private int rounds;

    /** One published figure of a released row, or one withheld by either rule. */
    public void figure(boolean withheldPrimary, boolean withheldComplementary) {
      if (withheldPrimary) {
        primary++;
      } else if (withheldComplementary) {
        complementary++;
      } else {
        published++;
      }
    }

    public void add(SuppressionResult result) {
      findings.addAll(result.findings());
      rounds += result.rounds();
    }

    public ReleaseOutcome outcome() {
      return new ReleaseOutcome(published, primary, complementary, findings, rounds);
    }
  }
}
