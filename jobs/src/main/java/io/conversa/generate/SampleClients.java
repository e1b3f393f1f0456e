package io.conversa.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The clients configuration of the synthetic businesses, as an agency would write it: names,
 * WABA and phone-number ids, report recipients, language and time zone. Lets the demo's gold tables and reports speak
 * of "Loja Aurora", not of a WABA id.
 */
public final class SampleClients {
  private SampleClients() {}

  /** The report language a business in the country reads: Portuguese in Brazil, Spanish in Spanish America. */
  static String reportLocale(String country) {
    return switch (country) {
      case "BR" -> "pt-BR";
      case "CO", "MX", "AR", "CL", "PE" -> "es";
      default -> "en";
    };
  }

  /** The time zone of a business's days and weeks: its country's capital's (Brazil's business hub). */
  static String timeZone(String country) {
    return switch (country) {
      case "BR" -> "America/Sao_Paulo";
      case "IN" -> "Asia/Kolkata";
      case "ID" -> "Asia/Jakarta";
      case "CO" -> "America/Bogota";
      case "MX" -> "America/Mexico_City";
      case "AR" -> "America/Argentina/Buenos_Aires";
      case "CL" -> "America/Santiago";
      case "PE" -> "America/Lima";
      default -> "UTC";
    };
  }

  public static String configJson(GeneratorSettings settings) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode clients = root.putArray("clients");
    for (World.Client client : new World(settings).clients) {
      ObjectNode entry = clients.addObject();
      entry.put("name", client.name());
      entry.put("display_name", client.name() + " (" + client.market().country() + ")");
      entry.putArray("waba_ids").add(client.wabaId());
      ArrayNode phones = entry.putArray("phone_number_ids");
      client.phones().forEach(p -> phones.add(p.phoneNumberId()));
      String domain = client.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example";
      entry.putArray("recipients").add("marketing@" + domain);
      entry.put("locale", reportLocale(client.market().country()));
      entry.put("time_zone", timeZone(client.market().country()));
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
