package io.conversa.disclosure;

import java.util.List;

/**
 * What complementary suppression did, and whether it succeeded. Non-empty {@code findings} mean
 * the release still gives figures away and nothing this run may withhold would help: the caller
 * must not publish it.
 *
 * @param primaryGroups groups this run had already withheld (primary rule) before suppression
 * @param secondaryGroups groups suppression withheld, in the order it withheld them
 * @param rounds audit rounds run
 * @param findings what the last audit found; empty when the release passed
 */
public record SuppressionResult(
    int primaryGroups, List<Group> secondaryGroups, int rounds, List<Finding> findings) {

  public SuppressionResult {
    secondaryGroups = List.copyOf(secondaryGroups);
    findings = List.copyOf(findings);
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
