package io.conversa.testing;

import io.conversa.testing.IndependentAttacker.Formulation;
import io.conversa.testing.IndependentAttacker.Report;
import io.conversa.testing.IndependentAttacker.Row;
import java.util.List;
import java.util.Map;

/**
 * The independent attacker on a real lake, outside the suite: every client, every withheld family
 * taken as sensitive; prints what it works out.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/conversa.classpath) io.conversa.testing.AttackALake LAKE [K]</pre>
 */
public final class AttackALake {
  private AttackALake() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: AttackALake LAKE [K]");
      System.exit(2);
    }
    int k = args.length == 2 ? Integer.parseInt(args[1]) : 11;
    Map<String, List<Row>> clients = IndependentAttacker.readLake(SharedSpark.session(), args[0]);
    int findings = 0;
    for (Map.Entry<String, List<Row>> client : clients.entrySet()) {
      long started = System.nanoTime();
      Report report = IndependentAttacker.analyse(client.getValue(), null, k, false, Formulation.CELLS);
      System.out.printf("attacker: %s: %d rows, %d figures solved, %d shown wide, %d findings, %d solver failures, %d ms%n",
          client.getKey(), client.getValue().size(), report.intervals().size(), report.witnessedWide().size(), report.findings().size(),
          report.solverFailures().size(), (System.nanoTime() - started) / 1_000_000);
      IndependentAttackerTest.describe(report.findings()).forEach(f -> System.out.println("attacker:   " + f));
      findings += report.findings().size();
    }
    System.exit(findings == 0 ? 0 : 1);
  }
}
