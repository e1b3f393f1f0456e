package io.conversa.cli;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * Commands that need no key never see one. The key ring and the app secret may come from the
 * environment ({@code CONVERSA_KEY}, {@code CONVERSA_APP_SECRET}); a command that reads only
 * pseudonymised tables ({@code sql}, {@code report}, {@code audit}, ...) drops both from its
 * process's environment before it does anything, so that nothing it runs, and no process it
 * starts, can read them. {@code bin/conversa} does the same before the JVM starts; this is the
 * same rule for {@code spark-submit}, where the jar's entry point is the first code of ours.
 */
final class SecretEnvironment {
  static final List<String> SECRETS = List.of("CONVERSA_KEY", "CONVERSA_APP_SECRET");
  /** The commands that make pseudonyms, check signatures or open quarantined lines, and the flag some need them under. */
  private static final Map<String, String> KEYED = keyedCommands();

  private SecretEnvironment() {}

  /** Whether the command line {@code args} needs the key ring or the app secret. */
  static boolean needsSecrets(String... args) {
    String command = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        command = arg;
        break;
      }
    }
    if (command == null) {
      return false;
    }
    String flag = KEYED.get(command);
    return flag != null && (flag.isEmpty() || List.of(args).contains(flag));
  }

  /** cli/keyed-commands, which bin/conversa reads too. */
  private static Map<String, String> keyedCommands() {
    try (java.io.InputStream in = SecretEnvironment.class.getResourceAsStream("/cli/keyed-commands")) {
      Map<String, String> commands = new java.util.HashMap<>();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String[] words = line.strip().split("\\s+");
        if (!words[0].isEmpty() && !words[0].startsWith("#")) {
          commands.put(words[0], words.length > 1 ? words[1] : "");
        }
      }
      return Map.copyOf(commands);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("the jar lacks cli/keyed-commands", e);
    }
  }

  /** Drops the secrets from this process's environment unless {@code args} needs them. */
  static void dropUnlessNeeded(String... args) {
    if (!needsSecrets(args)) {
      SECRETS.forEach(SecretEnvironment::remove);
    }
  }

  /**
   * Removes {@code name} from the environment {@link System#getenv} reads and child processes
   * inherit. Java has no API for it: the JDK's own map is changed, through the module opens
   * Spark already needs ({@code java.base/java.lang}, {@code java.base/java.util}). Without
   * them nothing changes: the sql allowlist and key-less commands remain the boundary.
   */
  @SuppressWarnings("unchecked")
  static void remove(String name) {
    try {
      Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
      Field unmodifiable = processEnvironment.getDeclaredField("theUnmodifiableEnvironment");
      unmodifiable.setAccessible(true);
      Object view = unmodifiable.get(null);
      Field inner = view.getClass().getDeclaredField("m");
      inner.setAccessible(true);
      ((Map<String, String>) inner.get(view)).remove(name);
    } catch (ReflectiveOperationException | RuntimeException notOpened) {
      // A JVM without the opens keeps its environment; nothing of conversa's reads it there.
    }
  }
}
