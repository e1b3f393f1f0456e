package io.conversa.ingest;

/**
 * Strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
 * Meta escapes non-ASCII as \\uXXXX, so almost every line takes the ASCII fast path.
 */
final class Utf8 {
  private Utf8() {}

  /** Offset of the first byte of the first invalid sequence, or -1 when all is valid. */
  static int firstInvalidByte(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int lead = b & 0xff;
      int need;
      int min;
      if (lead >= 0xc2 && lead <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + need >= length) {
        return i;
      }
      int code = lead & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int next = bytes[i + k] & 0xff;
        if ((next & 0xc0) != 0x80) {
          return i;
        }
        code = (code << 6) | (next & 0x3f);
      }
      if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }
}
