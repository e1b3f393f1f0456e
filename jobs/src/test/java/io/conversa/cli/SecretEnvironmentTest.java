package io.conversa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need no key never see one: neither in the JVM's environment (spark-submit's
 * entry point) nor in the process bin/conversa starts.
 */
class SecretEnvironmentTest {
  private static final String PLANTED = "k1:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==";

  @Test
  void onlyTheCommandsThatPseudonymiseOrOpenQuarantineKeepTheSecrets() {
    for (String keyed : List.of("ingest", "refine", "aggregate", "run", "erase")) {
      assertTrue(SecretEnvironment.needsSecrets(keyed, "--lake", "x"), keyed);
    }
    for (String keyless : List.of("sql", "report", "audit", "register", "maintain", "generate", "keygen", "bench", "demo")) {
      assertFalse(SecretEnvironment.needsSecrets(keyless, "-e", "select 1"), keyless);
    }
    assertFalse(SecretEnvironment.needsSecrets("quarantine", "--lake", "x"));
    assertTrue(SecretEnvironment.needsSecrets("quarantine", "--decrypt", "--out", "f"));
    assertFalse(SecretEnvironment.needsSecrets("--help"));
  }

  @Test
  void aDroppedSecretIsGoneFromGetenvAndFromChildProcesses() throws Exception {
    plant("CONVERSA_KEY", PLANTED);
    plant("CONVERSA_APP_SECRET", "app-secret-planted");
    assertEquals(PLANTED, System.getenv("CONVERSA_KEY"), "planted for the test");
    SecretEnvironment.dropUnlessNeeded("ingest", "--input", "x");
    assertEquals(PLANTED, System.getenv("CONVERSA_KEY"), "ingest keeps its key");
    SecretEnvironment.dropUnlessNeeded("sql", "-e", "select 1");
    assertNull(System.getenv("CONVERSA_KEY"));
    assertNull(System.getenv("CONVERSA_APP_SECRET"));
    assertFalse(System.getenv().containsKey("CONVERSA_KEY"));
    Process env = new ProcessBuilder("env").redirectErrorStream(true).start();
    String childSees = new String(env.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    env.waitFor();
    assertFalse(childSees.contains("CONVERSA_KEY") || childSees.contains(PLANTED) || childSees.contains("app-secret-planted"), childSees);
  }

  /**
   * bin/conversa itself, with a stand-in {@code java} on the PATH that writes down the
   * environment it was started with: the real JVM would start with the same one.
   */
  @Test
  void theLauncherStartsKeylessCommandsWithoutTheSecrets(@TempDir Path dir) throws Exception {
    Path root = launcherRoot(dir);
    Path seen = dir.resolve("environment");
    for (String[] command : List.of(
        new String[] {"sql", "-e", "select 1"}, new String[] {"report", "--week", "2026-W47"},
        new String[] {"quarantine"}, new String[] {"ingest", "--input", "x"}, new String[] {"quarantine", "--decrypt"})) {
      Files.deleteIfExists(seen);
      List<String> line = new java.util.ArrayList<>(List.of("bash", root.resolve("bin/conversa").toString()));
      line.addAll(List.of(command));
      ProcessBuilder launcher = new ProcessBuilder(line).redirectErrorStream(true);
      Map<String, String> env = launcher.environment();
      env.put("PATH", dir.resolve("fake-bin") + ":" + env.get("PATH"));
      env.put("CONVERSA_KEY", PLANTED);
      env.put("CONVERSA_APP_SECRET", "app-secret-planted");
      env.put("CONVERSA_NO_CLASS_SHARING", "1");
      env.put("FAKE_JAVA_OUT", seen.toString());
      Process process = launcher.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), output);
      String environment = Files.readString(seen);
      boolean keyed = SecretEnvironment.needsSecrets(command);
      assertEquals(keyed, environment.contains("CONVERSA_KEY=" + PLANTED), String.join(" ", command) + ": " + environment);
      assertEquals(keyed, environment.contains("CONVERSA_APP_SECRET=app-secret-planted"), String.join(" ", command));
    }
  }

  /** A copy of the launcher beside what it reads, built as far as it checks, and a fake java. */
  private static Path launcherRoot(Path dir) throws IOException {
    Path repo = Path.of(System.getProperty("user.dir"));
    Path root = dir.resolve("conversa");
    Files.createDirectories(root.resolve("bin"));
    Files.copy(repo.resolve("bin/conversa"), root.resolve("bin/conversa"));
    Files.copy(repo.resolve("pom.xml"), root.resolve("pom.xml"));
    Files.createDirectories(root.resolve("jobs/src/main/resources/cli"));
    Files.copy(repo.resolve("jobs/src/main/resources/cli/keyed-commands"), root.resolve("jobs/src/main/resources/cli/keyed-commands"));
    Files.createDirectories(root.resolve("schemas"));
    Files.createDirectories(root.resolve("target/classes"));
    Files.writeString(root.resolve("target/conversa.classpath"), "");
    Files.createDirectories(dir.resolve("fake-bin"));
    Path java = Files.writeString(dir.resolve("fake-bin/java"), "#!/usr/bin/env bash\nenv > \"$FAKE_JAVA_OUT\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    Path jar = Files.writeString(dir.resolve("fake-bin/jar"), "#!/usr/bin/env bash\nexit 1\n");
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rwx------"));
    return root;
  }

  @SuppressWarnings("unchecked")
  private static void plant(String name, String value) throws ReflectiveOperationException {
    Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
    Field unmodifiable = processEnvironment.getDeclaredField("theUnmodifiableEnvironment");
    unmodifiable.setAccessible(true);
    Object view = unmodifiable.get(null);
    Field inner = view.getClass().getDeclaredField("m");
    inner.setAccessible(true);
    ((Map<String, String>) inner.get(view)).put(name, value);
  }
}
