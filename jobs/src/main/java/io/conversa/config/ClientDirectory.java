package io.conversa.config;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

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
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(config));
    } catch (IOException e) {
      throw Errors.unreadableFile("configuration", config.toString(), e);
    }
    if (root == null || !root.path("clients").isArray()) {
      throw Errors.usage("configuration " + config + " has no \"clients\" array.",
          "write {\"clients\": [{\"name\": \"Loja Aurora\", \"waba_ids\": [\"1234\"]}]} (see README, Configuration).");
    }
    List<Client> clients = new ArrayList<>();
    int index = 0;
    for (JsonNode client : root.path("clients")) {
      String where = "configuration " + config + ": clients[" + index + "]";
      String name = client.path("name").asText("").strip();
      if (name.isEmpty()) {
        throw Errors.usage(where + " has no \"name\".", "give every client a name.");
      }
      clients.add(new Client(
          name,
          client.path("display_name").asText(name),
          client.hasNonNull("logo") ? client.path("logo").asText() : null,
          texts(client.path("recipients")),
          texts(client.path("waba_ids")),
          texts(client.path("phone_number_ids")),
          client.path("locale").asText(DEFAULT_LOCALE),
          timeZone(client.path("time_zone").asText(DEFAULT_TIME_ZONE.getId()), where)));
      index++;
    }
    return new ClientDirectory(clients);
  }

  private static ZoneId timeZone(String id, String where) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw Errors.usage(where + " has \"time_zone\": \"" + id + "\", which is not an IANA time zone.",
          "write a zone such as \"America/Sao_Paulo\", \"Asia/Kolkata\", \"Asia/Jakarta\" or \"UTC\".");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
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
