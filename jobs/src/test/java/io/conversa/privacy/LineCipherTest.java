package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A quarantined line opens only in the row it was sealed for: its key, file and offset. */
class LineCipherTest {
  private static final Key KEY = KeyRing.parse(KeyRing.generateText("k1"), "test").primary();
  private static final byte[] LINE = "{\"from\":\"5511987654321\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void opensWhereItWasSealed() throws GeneralSecurityException {
    LineCipher cipher = new LineCipher(KEY);
    assertArrayEquals(LINE, cipher.open(cipher.seal(LINE, "file:/logs/a.jsonl", 120), "file:/logs/a.jsonl", 120));
  }

  @Test
  void refusesAnotherFileOffsetOrKey() {
    LineCipher cipher = new LineCipher(KEY);
    byte[] sealed = cipher.seal(LINE, "file:/logs/a.jsonl", 120);
    assertThrows(GeneralSecurityException.class, () -> cipher.open(sealed, "file:/logs/b.jsonl", 120));
    assertThrows(GeneralSecurityException.class, () -> cipher.open(sealed, "file:/logs/a.jsonl", 121));
    LineCipher otherKey = new LineCipher(KeyRing.parse(KeyRing.generateText("k1"), "test").primary());
    assertThrows(GeneralSecurityException.class, () -> otherKey.open(sealed, "file:/logs/a.jsonl", 120));
  }

  @Test
  void linesSealedBeforeFilesWereBoundStillOpen() throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    Cipher legacy = Cipher.getInstance("AES/GCM/NoPadding");
    legacy.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.derive("quarantine"), "AES"), new GCMParameterSpec(128, nonce));
    legacy.updateAAD(KEY.id().getBytes(StandardCharsets.UTF_8));
    byte[] body = legacy.doFinal(LINE);
    byte[] sealed = new byte[12 + body.length];
    System.arraycopy(body, 0, sealed, 12, body.length);
    assertArrayEquals(LINE, new LineCipher(KEY).open(sealed, "file:/logs/a.jsonl", 120));
  }
}
