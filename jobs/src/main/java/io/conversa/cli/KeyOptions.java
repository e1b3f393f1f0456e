package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.LakeKeys;
import org.apache.spark.sql.SparkSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The pseudonymisation key and the app secret: from files or the environment, never flags. */
final class KeyOptions {
  static final String APP_SECRET_ENV = "CONVERSA_APP_SECRET";

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "Key ring for pseudonyms and quarantine encryption (else $CONVERSA_KEY). Make one with `conversa keygen`.")
  Path keyFile;

  @Option(
      names = "--app-secret-file",
      paramLabel = "FILE",
      description = "Meta app secret, to check X-Hub-Signature-256 (else $CONVERSA_APP_SECRET; without it signatures are unchecked).")
  Path appSecretFile;

  KeyRing keys() {
    return KeyRing.fromFileOrEnvironment(keyFile);
  }

  /** The ring, refused (exit 2) unless it holds one of the keys the lake was built with ({@link LakeKeys}). */
  KeyRing keysOf(SparkSession session, String lakeRoot) {
    KeyRing ring = keys();
    LakeKeys.verify(session, new Lake(session, lakeRoot).root(), ring);
    return ring;
  }

  /** The secret's bytes, or null when none is configured. */
  byte[] appSecret() {
    if (appSecretFile != null) {
      String secret;
      try {
        secret = Files.readString(appSecretFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw Errors.unreadableFile("app secret file", appSecretFile.toString(), e);
      }
      if (secret.isEmpty()) {
        // An empty secret would verify nothing while the run says signatures are checked.
        throw Errors.usage("app secret file " + appSecretFile + " is empty.",
            "put the Meta app secret (App Dashboard > Settings > Basic) in it, or leave --app-secret-file out to skip the check.");
      }
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    String env = System.getenv(APP_SECRET_ENV);
    return env == null || env.isBlank() ? null : env.strip().getBytes(StandardCharsets.UTF_8);
  }
}
