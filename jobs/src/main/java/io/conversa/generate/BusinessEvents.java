package io.conversa.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.generate.Bodies.User;
import io.conversa.generate.World.Client;
import io.conversa.generate.World.Phone;
import java.util.SplittableRandom;

/**
 * Webhook fields other than inbound messages and their statuses, including the traps of
 * webhook-reference.md: {@code calls} statuses that are not message statuses, group statuses
 * that repeat one wamid per participant, and the business's own app echoes.
 */
final class BusinessEvents {
  private BusinessEvents() {}

  /** Fills {@code value} for {@code kind}; returns the changes[].field to send it under. */
  static String fill(ObjectNode value, String kind, Client client, Phone phone, User user, String id, long at, SplittableRandom random) {
    switch (kind) {
      case "message_template_status_update" -> {
        value.put("event", random.nextBoolean() ? "APPROVED" : "PAUSED");
        value.put("message_template_id", 5_000_000 + random.nextInt(1000));
        value.put("message_template_name", client.campaigns().get(0).template());
        value.put("message_template_language", "pt_BR");
        value.putNull("reason");
        return kind;
      }
      case "message_template_quality_update" -> {
        value.put("previous_quality_score", "GREEN");
        value.put("new_quality_score", random.nextBoolean() ? "YELLOW" : "GREEN");
        value.put("message_template_id", 5_000_000 + random.nextInt(1000));
        value.put("message_template_name", client.campaigns().get(0).template());
        value.put("message_template_language", "pt_BR");
        return kind;
      }
      case "phone_number_quality_update" -> {
        value.put("display_phone_number", phone.displayNumber());
        value.put("event", "THROUGHPUT_UPGRADE");
        value.put("current_limit", "TIER_10K");
        return kind;
      }
      case "account_update" -> {
        value.put("event", "VOLUME_BASED_PRICING_TIER_UPDATE");
        value.putObject("volume_tier_info").put("tier_update_time", at).put("pricing_category", "UTILITY").put("tier", "25000001:50000000");
        return kind;
      }
      case "calls" -> {
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", phone.displayNumber()).put("phone_number_id", phone.phoneNumberId());
        ObjectNode status = value.withArray("statuses").addObject();
        status.put("id", "wacid.HBgL" + Long.toHexString(random.nextLong()));
        status.put("timestamp", Long.toString(at));
        status.put("recipient_id", user.phone());
        status.put("status", "RINGING");
        status.put("type", "call");
        return "calls";
      }
      case "group_statuses" -> {
        for (int participant = 0; participant < 3; participant++) {
          ObjectNode status = value.withArray("statuses").addObject();
          status.put("id", id);
          status.put("status", "read");
          status.put("timestamp", Long.toString(at + participant));
          status.put("recipient_id", "120363" + Math.abs(client.wabaId().hashCode()) + "@g.us");
          status.put("recipient_type", "group");
          status.put("recipient_participant_id", user.phone().substring(0, user.phone().length() - 1) + participant);
        }
        return "messages";
      }
      case "smb_message_echoes" -> {
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", phone.displayNumber()).put("phone_number_id", phone.phoneNumberId());
        ObjectNode echo = value.withArray("message_echoes").addObject();
        echo.put("from", phone.displayNumber());
        echo.put("to", user.phone());
        echo.put("id", id);
        echo.put("timestamp", Long.toString(at));
        echo.put("type", "text");
        echo.putObject("text").put("body", "Olá " + user.name() + ", seu pedido saiu para entrega");
        return kind;
      }
      case "user_preferences" -> {
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", phone.displayNumber()).put("phone_number_id", phone.phoneNumberId());
        ObjectNode preference = value.withArray("user_preferences").addObject();
        preference.put("wa_id", user.phone());
        preference.put("detail", "User requested to stop marketing messages");
        preference.put("category", "marketing_messages");
        preference.put("value", "stop");
        preference.put("timestamp", at);
        return kind;
      }
      case "errors" -> {
        ObjectNode error = value.withArray("errors").addObject();
        error.put("code", 130429);
        error.put("title", "Rate limit hit");
        error.put("message", "(#130429) Rate limit hit");
        error.putObject("error_data").put("details", "Cloud API message throughput has been reached.");
        return "messages";
      }
      default -> throw new IllegalArgumentException("no business event " + kind);
    }
  }
}
