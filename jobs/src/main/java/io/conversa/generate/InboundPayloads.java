package io.conversa.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.generate.Bodies.User;
import io.conversa.generate.World.Phone;
import java.util.SplittableRandom;

/** The payload object of each inbound message type of webhook-reference.md section 2.2. */
final class InboundPayloads {
  private InboundPayloads() {}

  static void fill(ObjectNode message, String type, User user, Phone phone, String earlierId, SplittableRandom random) {
    String media = "17" + Math.abs(random.nextLong() % 1_000_000_000_000_000L);
    switch (type) {
      case "text" -> message.putObject("text").put("body", "Bom dia, aqui é " + user.name() + ", meu CPF é 123.456.789-00");
      case "image", "video", "sticker" -> {
        ObjectNode object = message.putObject(type);
        object.put("id", media);
        object.put("mime_type", type.equals("video") ? "video/mp4" : type.equals("sticker") ? "image/webp" : "image/jpeg");
        object.put("sha256", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        if (!type.equals("sticker")) {
          object.put("caption", "foto de " + user.name());
        } else {
          object.put("animated", random.nextBoolean());
        }
        object.put("url", "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=" + media);
      }
      case "audio" -> {
        ObjectNode audio = message.putObject("audio");
        audio.put("id", media);
        audio.put("mime_type", "audio/ogg; codecs=opus");
        audio.put("sha256", Long.toHexString(random.nextLong()));
        audio.put("voice", true);
      }
      case "document" -> {
        ObjectNode document = message.putObject("document");
        document.put("id", media);
        document.put("mime_type", "application/pdf");
        document.put("filename", "comprovante-" + user.name().replace(' ', '-') + ".pdf");
        document.put("caption", "comprovante");
      }
      case "location" -> {
        ObjectNode location = message.putObject("location");
        location.put("latitude", -23.5 - random.nextDouble());
        location.put("longitude", -46.6 - random.nextDouble());
        location.put("name", "Casa de " + user.name());
        location.put("address", "Rua das Flores 123, São Paulo");
      }
      case "contacts" -> {
        ObjectNode card = message.putArray("contacts").addObject();
        card.putObject("name").put("formatted_name", "Maria Oliveira").put("first_name", "Maria");
        card.putArray("phones").addObject().put("phone", "+55 11 98888-7777").put("wa_id", "5511988887777").put("type", "CELL");
        card.putArray("emails").addObject().put("email", "maria@example.com").put("type", "HOME");
      }
      case "list_reply" -> {
        ObjectNode interactive = message.putObject("interactive");
        interactive.put("type", "list_reply");
        interactive.putObject("list_reply").put("id", "size-m").put("title", "Tamanho M").put("description", "Camiseta");
      }
      case "nfm_reply" -> {
        ObjectNode interactive = message.putObject("interactive");
        interactive.put("type", "nfm_reply");
        interactive.putObject("nfm_reply")
            .put("name", "flow")
            .put("body", "Sent")
            .put("response_json", "{\"flow_token\":\"signup-2026\",\"full_name\":\"" + user.name() + "\",\"email\":\"x@example.com\"}");
      }
      case "reaction" -> message.putObject("reaction").put("message_id", earlierId).put("emoji", random.nextBoolean() ? "\u2764\ufe0f" : "");
      case "system" -> {
        ObjectNode system = message.putObject("system");
        system.put("body", "User " + user.name() + " changed from " + user.phone() + " to " + user.phone() + "1");
        system.put("wa_id", user.phone() + "1");
        system.put("type", "user_changed_number");
      }
      case "unsupported" -> {
        message.putObject("unsupported").put("type", "poll_creation");
        ObjectNode error = message.putArray("errors").addObject();
        error.put("code", 131051);
        error.put("title", "Message type unknown");
        error.put("message", "Message type unknown");
        error.putObject("error_data").put("details", "Message type is currently not supported.");
      }
      case "request_welcome" -> { }
      case "revoke" -> message.putObject("revoke").put("original_message_id", earlierId);
      case "edit" -> {
        ObjectNode edit = message.putObject("edit");
        edit.put("original_message_id", earlierId);
        ObjectNode edited = edit.putObject("message");
        edited.put("type", "text");
        edited.putObject("text").put("body", "corrigindo: meu endereço é Rua B 45");
      }
      default -> throw new IllegalArgumentException("no payload for inbound type " + type);
    }
  }
}
