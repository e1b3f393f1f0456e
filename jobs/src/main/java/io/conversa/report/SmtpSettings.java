package io.conversa.report;

import io.conversa.common.Errors;
import java.util.Map;

/**
 * Where {@code report --send} sends mail, from the environment only (a password never sits on
 * a command line): CONVERSA_SMTP_HOST, _PORT (default 587 with STARTTLS, else 25), _USER,
 * _PASSWORD, _FROM, _STARTTLS (true or false, default true).
 */
public record SmtpSettings(String host, int port, String user, String password, String from, boolean startTls) {
  public static SmtpSettings fromEnvironment(Map<String, String> env) {
    String host = value(env, "CONVERSA_SMTP_HOST");
    String from = value(env, "CONVERSA_SMTP_FROM");
    if (host == null || from == null) {
      throw Errors.usage("--send needs an SMTP server and a sender: CONVERSA_SMTP_HOST and CONVERSA_SMTP_FROM are not both set.",
          "set CONVERSA_SMTP_HOST, CONVERSA_SMTP_FROM (and CONVERSA_SMTP_PORT, _USER, _PASSWORD, _STARTTLS as your server needs), or drop --send.");
    }
    String tls = value(env, "CONVERSA_SMTP_STARTTLS");
    if (tls != null && !tls.equalsIgnoreCase("true") && !tls.equalsIgnoreCase("false")) {
      throw Errors.usage("CONVERSA_SMTP_STARTTLS takes true or false.", "set CONVERSA_SMTP_STARTTLS=true or false.");
    }
    boolean startTls = tls == null || tls.equalsIgnoreCase("true");
    String portText = value(env, "CONVERSA_SMTP_PORT");
    int port;
    try {
      port = portText == null ? (startTls ? 587 : 25) : Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw Errors.usage("CONVERSA_SMTP_PORT takes a port number from 1 to 65535.", "set CONVERSA_SMTP_PORT to a number from 1 to 65535, e.g. 587.");
    }
    return new SmtpSettings(host, port, value(env, "CONVERSA_SMTP_USER"), value(env, "CONVERSA_SMTP_PASSWORD"), from, startTls);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Never print the password. */
  @Override
  public String toString() {
    return "smtp://" + (user == null ? "" : user + "@") + host + ":" + port + (startTls ? " (STARTTLS)" : "");
  }
}
