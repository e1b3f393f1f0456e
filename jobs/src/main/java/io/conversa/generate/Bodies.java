package io.conversa.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.generate.World.Phone;

/**
 * Builds webhook bodies in the shapes of webhook-reference.md, including its drift: statuses of
 * API v23 and older carry {@code conversation}, v24+ do not; some relays send timestamps as
 * numbers; BSUID users carry {@code user_id} beside (or instead of) {@code wa_id}.
 */
final class Bodies {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Bodies() {}

  record User(String phone, String bsuid, String name, boolean usernameOnly) {}

  static ObjectNode envelope(String wabaId, String field, ObjectNode value, Long entryTime) {
    ObjectNode body = NODES.objectNode();
    body.put("object", "whatsapp_business_account");
    ObjectNode entry = body.putArray("entry").addObject();
    entry.put("id", wabaId);
    if (entryTime != null) {
      entry.put("time", entryTime);
    }
    ObjectNode change = entry.putArray("changes").addObject();
    change.set("value", value);
    change.put("field", field);
    return body;
  }

  static ObjectNode messagesValue(Phone phone) {
    ObjectNode value = NODES.objectNode();
    value.put("messaging_product", "whatsapp");
    ObjectNode metadata = value.putObject("metadata");
    metadata.put("display_phone_number", phone.displayNumber());
    metadata.put("phone_number_id", phone.phoneNumberId());
    return value;
  }

  static void addContact(ObjectNode value, User user, boolean withProfile) {
    ObjectNode contact = value.withArray("contacts").addObject();
    if (withProfile) {
      contact.putObject("profile").put("name", user.name());
    }
    if (!user.usernameOnly()) {
      contact.put("wa_id", user.phone());
    }
    if (user.bsuid() != null) {
      contact.put("user_id", user.bsuid());
    }
  }

  /** An inbound message skeleton; the caller adds the type's payload. */
  static ObjectNode inbound(ObjectNode value, User user, String id, long timestamp, String type, boolean numericTimestamp) {
    ObjectNode message = value.withArray("messages").addObject();
    if (!user.usernameOnly()) {
      message.put("from", user.phone());
    }
    if (user.bsuid() != null) {
      message.put("from_user_id", user.bsuid());
    }
    message.put("id", id);
    if (numericTimestamp) {
      message.put("timestamp", timestamp);
    } else {
      message.put("timestamp", Long.toString(timestamp));
    }
    message.put("type", type);
    return message;
  }

  static ObjectNode status(
      ObjectNode value, User user, String messageId, String status, long timestamp, String callbackData) {
    ObjectNode item = value.withArray("statuses").addObject();
    item.put("id", messageId);
    item.put("status", status);
    item.put("timestamp", Long.toString(timestamp));
    if (!user.usernameOnly()) {
      item.put("recipient_id", user.phone());
    }
    if (user.bsuid() != null) {
      item.put("recipient_user_id", user.bsuid());
    }
    if (callbackData != null) {
      item.put("biz_opaque_callback_data", callbackData);
    }
    return item;
  }

  static void pricing(ObjectNode status, String category, boolean legacyConversation, String conversationId, long expiresAt) {
    if (legacyConversation) {
      ObjectNode conversation = status.putObject("conversation");
      conversation.put("id", conversationId);
      conversation.put("expiration_timestamp", Long.toString(expiresAt));
      conversation.putObject("origin").put("type", category);
    }
    ObjectNode pricing = status.putObject("pricing");
    // Meta charges neither a reply in the customer-service window nor the free entry point a
    // click-to-WhatsApp ad opens.
    String type = "service".equals(category) ? "free_customer_service" : "referral_conversion".equals(category) ? "free_entry_point" : "regular";
    pricing.put("billable", "regular".equals(type));
    pricing.put("pricing_model", "PMP");
    pricing.put("type", type);
    pricing.put("category", category);
  }

  static void error(ObjectNode status, int code, String title) {
    ObjectNode error = status.putArray("errors").addObject();
    error.put("code", code);
    error.put("title", title);
    error.put("message", title);
    error.putObject("error_data").put("details", title + ".");
    error.put("href", "/docs/whatsapp/cloud-api/support/error-codes/");
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }
}
