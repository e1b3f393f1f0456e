package io.conversa.config;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.common.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/**
 * Who the agency's clients are: the {@code clients} section of the configuration maps WABA ids
 * and phone-number ids to a client's name, display name, logo, report recipients, locale and
 * time zone. A phone number's mapping wins over its WABA's; a WABA nobody named is its own
 * client, in UTC.
 */
public final class ClientDirectory {
  public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");
  public static final String DEFAULT_LOCALE = "en";
  /** The languages reports are written in, as a client's {@code locale} names them. */
  public static final List<String> LOCALES = List.of("pt-BR", "en", "es");
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /** One client as the configuration describes it. */
  public record Client(
      String name, String displayName, String logo, List<String> recipients, List<String> wabaIds, List<String> phoneNumberIds,
      String locale, ZoneId timeZone) {}

  private final List<Client> clients;

  private ClientDirectory(List<Client> clients) {
    this.clients = List.copyOf(clients);
  }

  public static ClientDirectory none() {
    return new ClientDirectory(List.of());
  }

  /**
   * Reads {@code {"clients": [{"name": ..., "waba_ids": [...], "phone_number_ids": [...],
   * "display_name": ..., "logo": ..., "recipients": [...], "locale": "pt-BR", "time_zone":
   * "America/Sao_Paulo"}]}}.
   */
  public static ClientDirectory read(Path config) {
    String file = "configuration " + io.conversa.privacy.FileNames.shown(config);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(config));
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text around the error: only where it is is said.
      JsonLocation at = e.getLocation();
      throw Errors.usage(file + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": expected valid UTF-8 JSON (an object with a \"clients\" array).",
          "fix the file there (a missing comma, quote or bracket?); see README, Configuration.");
    } catch (IOException e) {
      throw Errors.unreadableFile("configuration", io.conversa.privacy.FileNames.shown(config), e);
    }
    if (root == null || !root.path("clients").isArray()) {
      throw Errors.usage(file + " has no \"clients\" array.",
          "write {\"clients\": [{\"name\": \"Loja Aurora\", \"waba_ids\": [\"1234\"]}]} (see README, Configuration).");
    }
    List<Client> clients = new ArrayList<>();
    int index = 0;
    for (JsonNode client : root.path("clients")) {
      String where = file + ": clients[" + index + "]";
      if (!client.isObject()) {
        throw Errors.usage(where + ": expected an object.", "write each client as {\"name\": ..., \"waba_ids\": [...]}.");
      }
      String name = text(client, "name", null, where);
      if (name == null || name.isBlank()) {
        throw Errors.usage(where + " has no \"name\".", "give every client a name.");
      }
      String locale = canonicalLocale(text(client, "locale", DEFAULT_LOCALE, where));
      if (locale == null) {
        throw Errors.usage(where + ".locale: expected one of " + String.join(", ", LOCALES) + ".", "write e.g. \"locale\": \"pt-BR\".");
      }
      clients.add(new Client(
          name.strip(),
          text(client, "display_name", name.strip(), where),
          text(client, "logo", null, where),
          texts(client, "recipients", where),
          texts(client, "waba_ids", where),
          texts(client, "phone_number_ids", where),
          locale,
          timeZone(text(client, "time_zone", DEFAULT_TIME_ZONE.getId(), where), where)));
      index++;
    }
    return new ClientDirectory(clients);
  }

  /** The supported locale {@code tag} names, whatever its case or separator; null for none. */
  public static String canonicalLocale(String tag) {
    String wanted = tag == null ? "" : tag.strip().replace('_', '-');
    return LOCALES.stream().filter(l -> l.equalsIgnoreCase(wanted)).findFirst().orElse(null);
  }

  private static ZoneId timeZone(String id, String where) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw Errors.usage(where + ".time_zone: expected an IANA time zone.",
          "write a zone such as \"America/Sao_Paulo\", \"Asia/Kolkata\", \"Asia/Jakarta\" or \"UTC\".");
    }
  }

  /** A member that must be a string when present; {@code absent} when it is missing or null. */
  private static String text(JsonNode client, String field, String absent, String where) {
    JsonNode value = client.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isTextual()) {
      throw Errors.usage(where + "." + field + ": expected a string.", "write it in double quotes.");
    }
    return value.asText();
  }

  /** A member that must be an array of strings when present. */
  private static List<String> texts(JsonNode client, String field, String where) {
    JsonNode array = client.get(field);
    List<String> values = new ArrayList<>();
    if (array == null || array.isNull()) {
      return values;
    }
    if (!array.isArray()) {
      throw Errors.usage(where + "." + field + ": expected an array of strings.", "write e.g. \"" + field + "\": [\"...\"].");
    }
    for (JsonNode value : array) {
      if (!value.isTextual()) {
        throw Errors.usage(where + "." + field + ": expected an array of strings.", "write ids in double quotes: [\"356720013200527\"].");
      }
      values.add(value.asText());
    }
    return values;
  }

  public List<Client> clients() {
    return clients;
  }

  /** The configured client of that name, or null. */
  public Client client(String name) {
    return clients.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** The client of a row: by phone number id, else by WABA id, else the WABA id itself. */
  public Column clientOf(Column wabaId, Column phoneNumberId) {
    Map<String, String> byPhone = new TreeMap<>();
    Map<String, String> byWaba = new TreeMap<>();
    for (Client client : clients) {
      client.phoneNumberIds().forEach(id -> byPhone.put(id, client.name()));
      client.wabaIds().forEach(id -> byWaba.put(id, client.name()));
    }
    Column phone = byPhone.isEmpty() ? lit(null).cast("string") : element_at(mapLiteral(byPhone), phoneNumberId);
    Column waba = byWaba.isEmpty() ? lit(null).cast("string") : element_at(mapLiteral(byWaba), wabaId);
    return coalesce(phone, waba, wabaId, lit("(unknown)"));
  }

  /** The IANA time zone of a client column's value: the configured one, else UTC. */
  public Column timeZoneOf(Column client) {
    Map<String, String> zones = timeZones();
    Column configured = zones.isEmpty() ? lit(null).cast("string") : element_at(mapLiteral(zones), client);
    return coalesce(configured, lit(DEFAULT_TIME_ZONE.getId()));
  }

  /** Client name to time zone id, for the configured clients. */
  public Map<String, String> timeZones() {
    Map<String, String> zones = new TreeMap<>();
    clients.forEach(c -> zones.put(c.name(), c.timeZone().getId()));
    return zones;
  }

  /** The time zone of a client by name: the configured one, else UTC. */
  public ZoneId timeZone(String client) {
    Client configured = client(client);
    return configured == null ? DEFAULT_TIME_ZONE : configured.timeZone();
  }

  private static Column mapLiteral(Map<String, String> map) {
    List<Column> keysAndValues = new ArrayList<>();
    map.forEach((key, value) -> {
      keysAndValues.add(lit(key));
      keysAndValues.add(lit(value));
    });
    return org.apache.spark.sql.functions.map(keysAndValues.toArray(new Column[0]));
  }

  /** What the configuration says, for the aggregate's fingerprint: a change recomputes gold. */
  public String fingerprint() {
    return clients.toString();
  }
}
