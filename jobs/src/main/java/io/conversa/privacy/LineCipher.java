package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals quarantined lines with AES-256-GCM: 12-byte random nonce, then ciphertext and tag. The
 * key id, the source file and the line's offset are bound as associated data: a sealed line
 * cannot be passed off as sealed by another key, nor moved to another file's or line's row (where
 * it would be decrypted, and erased, as that line).
 */
public final class LineCipher implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final String keyId;
  private final byte[] aesKey;
  private final byte[] lineHashKey;
  private transient SecureRandom random;
  private transient javax.crypto.Mac lineHash;

  public LineCipher(Key key) {
    this(key, key);
  }

  /**
   * Seals under the ring's primary; hashes lines under its oldest key, as pseudonyms are made, so
   * a line read again during a rotation (--reprocess) is known as the one recorded.
   */
  public LineCipher(KeyRing ring) {
    this(ring.primary(), ring.keys().get(ring.keys().size() - 1));
  }

  private LineCipher(Key sealing, Key hashing) {
    this.keyId = sealing.id();
    this.aesKey = sealing.derive("quarantine");
    this.lineHashKey = hashing.derive("quarantine-line-hash");
  }

  /**
   * Keyed hash of a quarantined line (HMAC-SHA256, hex): equal lines have equal hashes, but a
   * short line (a bare phone number) cannot be found by hashing guesses without the key.
   */
  public String lineHash(byte[] line, int length) {
    if (lineHash == null) {
      lineHash = Hmacs.sha256(lineHashKey);
    }
    lineHash.update(line, 0, length);
    return java.util.HexFormat.of().formatHex(lineHash.doFinal());
  }

  public String keyId() {
    return keyId;
  }

  public byte[] seal(byte[] plain, String sourceFile, long sourceOffset) {
    if (random == null) {
      random = new SecureRandom();
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo(sourceFile, sourceOffset));
      byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(plain.length));
      cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /**
   * Throws {@link GeneralSecurityException} when the key is wrong, the bytes were altered, or
   * they were sealed for another file or offset. Lines quarantined before the file and offset
   * were bound (key id only) still open.
   */
  public byte[] open(byte[] sealed, String sourceFile, long sourceOffset) throws GeneralSecurityException {
    try {
      return open(sealed, boundTo(sourceFile, sourceOffset));
    } catch (javax.crypto.AEADBadTagException boundElsewhere) {
      return open(sealed, keyId.getBytes(StandardCharsets.UTF_8));
    }
  }

  private byte[] open(byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), associatedData);
    return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
  }

  /** Key id, file and offset, each length-prefixed so that no two triples share an encoding. */
  private byte[] boundTo(String sourceFile, long sourceOffset) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] file = sourceFile.getBytes(StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(4 + id.length + 4 + file.length + 8)
        .putInt(id.length).put(id).putInt(file.length).put(file).putLong(sourceOffset).array();
  }

  private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData);
    return cipher;
  }

  @Override
  public String toString() {
    return "LineCipher(" + keyId + ")";
  }
}
