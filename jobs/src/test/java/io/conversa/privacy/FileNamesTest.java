package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  private static final KeyRing RING = KeyRing.parse("k1:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==", "test");

  @Test
  void namesAreShownWithLabelsAndTheirExtensions() {
    assertEquals("/exports/[email]/[number].jsonl.gz", FileNames.shown("/exports/ana.souza@example.com/5511987654321.jsonl.gz"));
    assertEquals("s3a://bucket/logs/2026-11-17/webhooks-01.jsonl", FileNames.shown("s3a://bucket/logs/2026-11-17/webhooks-01.jsonl"));
    assertEquals("payments-[number].csv", FileNames.shown("payments-+55 11 98765-4321.csv"));
  }

  @Test
  void storedNamesKeepTwoFilesApartWithoutTheirIdentifiers() {
    FileNames names = FileNames.keyedBy(RING);
    String one = names.stored("/logs/5511987654321.jsonl");
    String other = names.stored("/logs/5511987654322.jsonl");
    assertTrue(one.matches("/logs/\\[number-[0-9a-f]{8}\\]\\.jsonl"), one);
    assertNotEquals(one, other);
    assertEquals(one, FileNames.keyedBy(RING).stored("/logs/5511987654321.jsonl"), "the same file keeps its name");
    KeyRing rotated = RING.withNewPrimary(KeyRing.generate("k2"), "test");
    assertEquals(one, FileNames.keyedBy(rotated).stored("/logs/5511987654321.jsonl"), "a rotation keeps stored names (the oldest key makes them)");
    assertEquals("/logs/2026-11-17.jsonl", names.stored("/logs/2026-11-17.jsonl"), "a name without identifiers is kept as it is");
  }
}
