package io.conversa.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.generate.Bodies.User;
import io.conversa.generate.World.Campaign;
import io.conversa.generate.World.Client;
import io.conversa.generate.World.Phone;
import io.conversa.generate.World.Product;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One episode is what follows one trigger in a business's chat with one user: a campaign
 * template and its statuses, reply, click and order; an ad click and the conversation it opens;
 * a service chat; or a business-side event. Rates follow what businesses report: delivered
 * 90-97%, read 40-70% of delivered, replies, clicks and orders below that.
 */
final class Episodes {
  record Emitted(long receivedAt, String body) {}

  /**
   * What the business itself records of a Pix checkout, for its send log and its payment
   * provider's export: kept only when the logs reach {@code sentAt}.
   */
  record BusinessRecord(long sentAt, String sendLogLine, String paymentLine) {}

  static final String SEND_LOG_HEADER = "message_id,campaign,template,reference_id";
  static final String PAYMENTS_HEADER = "reference_id,amount,currency,status,paid_at,method";
  private static final java.time.ZoneOffset BRASILIA = java.time.ZoneOffset.ofHours(-3);

  private static final String[] SERVICE_TYPES = {
    "text", "image", "video", "audio", "document", "sticker", "location", "contacts", "list_reply",
    "nfm_reply", "reaction", "system", "unsupported", "request_welcome", "revoke", "edit"
  };
  private static final String[] BUSINESS_EVENTS = {
    "message_template_status_update", "message_template_quality_update", "phone_number_quality_update",
    "account_update", "calls", "group_statuses", "smb_message_echoes", "user_preferences", "errors"
  };
  private static final int[][] FAILURES = {
    {131049, 0}, {131026, 1}, {131047, 2}, {131050, 3}, {130472, 4}
  };
  private static final String[] FAILURE_TITLES = {
    "This message was not delivered to maintain healthy ecosystem engagement.",
    "Message undeliverable",
    "Re-engagement message",
    "User has stopped marketing messages",
    "User's number is part of an experiment"
  };

  private final World world;
  private final SplittableRandom random;
  private final String idPrefix;
  private final long startEpoch;
  private final long spanSeconds;
  private final double outOfOrderRate;
  private final List<BusinessRecord> businessRecords = new java.util.ArrayList<>();
  private long sequence;

  Episodes(World world, GeneratorSettings settings, int fileIndex) {
    this.world = world;
    this.random = new SplittableRandom(World.mix(settings.seed() * 1_000_003L + fileIndex));
    this.idPrefix = "wamid.HBgM" + Long.toString(Math.abs(World.mix(settings.seed() + fileIndex)), 36).toUpperCase() + "F" + fileIndex + "X";
    // Endpoints append in arrival order and rotate: each file holds its own slice of time.
    long allSeconds = settings.days() * 86_400L;
    this.startEpoch = settings.start().atStartOfDay().toEpochSecond(ZoneOffset.UTC) + allSeconds * fileIndex / settings.files();
    this.spanSeconds = Math.max(1, allSeconds / settings.files());
    this.outOfOrderRate = settings.outOfOrderRate();
  }

  void next(List<Emitted> out) {
    Client client = world.anyClient(random);
    int phoneIndex = random.nextInt(client.phones().size());
    Phone phone = client.phones().get(phoneIndex);
    int userIndex = random.nextInt(client.users());
    String bsuid = world.userBsuid(client, userIndex);
    boolean usernameOnly = bsuid != null && Math.floorMod(userIndex, 10) == 0;
    User user = new User(world.userPhone(client, userIndex), bsuid, World.profileName(userIndex), usernameOnly);
    long t0 = startEpoch + random.nextLong(spanSeconds);
    // Phone 0 answers on an app still on API v23 (conversation objects), the others on v24+.
    boolean legacy = phoneIndex == 0;
    double kind = random.nextDouble();
    if (kind < 0.62) {
      campaign(out, client, phone, user, t0, legacy);
    } else if (kind < 0.75) {
      adClick(out, client, phone, user, t0, legacy);
    } else if (kind < 0.95) {
      serviceChat(out, client, phone, user, t0, legacy);
    } else {
      businessEvent(out, client, phone, user, t0);
    }
  }

  /**
   * JSON callback data as businesses write it: the campaign, the template of the A/B variant
   * sent, and a member the payload rules do not know (dropped at ingest).
   */
  private static String callbackData(Campaign campaign, boolean variantA) {
    String template = variantA ? campaign.template() : campaign.template() + "_short";
    return "{\"campaign\":\"" + campaign.name() + "\",\"template\":\"" + template + "\",\"variant\":\"" + (variantA ? "A" : "B") + "\"}";
  }

  private void campaign(List<Emitted> out, Client client, Phone phone, User user, long t0, boolean legacy) {
    Campaign campaign = client.campaigns().get(random.nextInt(client.campaigns().size()));
    String callback =
        campaign.jsonCallbackData()
            ? callbackData(campaign, random.nextBoolean())
            : campaign.name();
    String messageId = nextId();
    long readAt = outboundLifecycle(out, client, phone, user, messageId, t0, campaign.category(), callback, legacy);
    if (readAt < 0 || random.nextDouble() >= 0.30) {
      return;
    }
    long replyAt = readAt + 5 + random.nextLong(3 * 3600);
    if (random.nextDouble() < 0.06) {
      replyAt = readAt + 26 * 3600 + random.nextLong(14 * 3600);
    }
    double how = random.nextDouble();
    ObjectNode value = Bodies.messagesValue(phone);
    Bodies.addContact(value, user, true);
    ObjectNode reply;
    boolean clicked = false;
    if (how < 0.40) {
      reply = Bodies.inbound(value, user, nextId(), replyAt, "button", numeric());
      reply.putObject("context").put("from", phone.displayNumber()).put("id", messageId);
      String payload = random.nextDouble() < 0.85 ? "BUY_NOW" : "STOP_PROMOTIONS";
      reply.putObject("button").put("payload", payload).put("text", payload.equals("BUY_NOW") ? "Comprar agora" : "Parar promoções");
      clicked = true;
    } else if (how < 0.50) {
      reply = Bodies.inbound(value, user, nextId(), replyAt, "interactive", numeric());
      reply.putObject("context").put("from", phone.displayNumber()).put("id", messageId);
      ObjectNode interactive = reply.putObject("interactive");
      interactive.put("type", "button_reply");
      interactive.putObject("button_reply").put("id", "see-offers").put("title", "Ver ofertas");
      clicked = true;
    } else if (how < 0.80) {
      reply = Bodies.inbound(value, user, nextId(), replyAt, "text", numeric());
      reply.putObject("context").put("from", phone.displayNumber()).put("id", messageId);
      reply.putObject("text").put("body", "Oi " + user.name() + " aqui, quero saber mais. Meu número é +" + user.phone());
    } else {
      reply = Bodies.inbound(value, user, nextId(), replyAt, "text", numeric());
      reply.putObject("text").put("body", "Quanto custa? Pode ligar para " + user.phone());
    }
    emit(out, client, value, replyAt, null);
    if (clicked && "BR".equals(client.market().country()) && random.nextDouble() < 0.30) {
      pixCheckout(out, client, phone, user, replyAt + 30 + random.nextLong(600), campaign.name(), legacy);
    } else if (random.nextDouble() < (clicked ? 0.35 : 0.10)) {
      order(out, client, phone, user, replyAt + 60 + random.nextLong(2 * 86_400), false, null);
    }
  }

  /**
   * A Brazilian checkout without a cart: the business sends a Pix charge (an order_details
   * utility message) naming its order reference in its send log; the payment provider's export
   * says whether and when it was paid. Meta sends no webhook for the payment.
   */
  private void pixCheckout(List<Emitted> out, Client client, Phone phone, User user, long sentAt, String campaign, boolean legacy) {
    String messageId = nextId();
    outboundLifecycle(out, client, phone, user, messageId, sentAt, "utility", null, legacy);
    String reference = "PED-" + (100_000 + Math.floorMod(World.mix(sentAt ^ messageId.hashCode()), 900_000L));
    double amount = 0;
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      amount += client.products().get(random.nextInt(client.products().size())).price();
    }
    double outcome = random.nextDouble();
    String status = outcome < 0.80 ? "paid" : outcome < 0.92 ? "pending" : "expired";
    String paidAt = "paid".equals(status)
        ? java.time.Instant.ofEpochSecond(sentAt + 60 + random.nextLong(6 * 3600)).atOffset(BRASILIA).toString()
        : "";
    businessRecords.add(new BusinessRecord(sentAt,
        messageId + "," + campaign + ",pix_cobranca," + reference,
        reference + "," + String.format(java.util.Locale.ROOT, "%.2f", amount) + "," + client.market().currency() + "," + status + ","
            + paidAt + ",pix"));
  }

  /** The send log and payment rows of the Pix checkouts so far. */
  List<BusinessRecord> businessRecords() {
    return businessRecords;
  }

  /** Sends one outbound message and its statuses; returns when it was read, or -1. */
  private long outboundLifecycle(
      List<Emitted> out, Client client, Phone phone, User user, String messageId, long sentAt,
      String category, String callback, boolean legacy) {
    String conversationId = Long.toHexString(World.mix(sentAt ^ messageId.hashCode()));
    if (random.nextDouble() < 0.04) {
      int[] failure = FAILURES[random.nextInt(FAILURES.length)];
      if (random.nextBoolean()) {
        emitStatus(out, client, phone, user, messageId, "sent", sentAt + 1, callback, category, legacy, conversationId, true);
      }
      ObjectNode value = Bodies.messagesValue(phone);
      ObjectNode failed = Bodies.status(value, user, messageId, "failed", sentAt + 2 + random.nextLong(60), callback);
      Bodies.error(failed, failure[0], FAILURE_TITLES[failure[1]]);
      emit(out, client, value, sentAt + 3, null);
      return -1;
    }
    long deliveredAt = sentAt + 2 + random.nextLong(600);
    boolean delivered = random.nextDouble() < 0.94;
    boolean read = delivered && random.nextDouble() < 0.58;
    long readAt = deliveredAt + 10 + random.nextLong(6 * 3600);
    int first = out.size();
    emitStatus(out, client, phone, user, messageId, "sent", sentAt + 1, callback, category, legacy, conversationId, true);
    boolean readSkipsDelivered = read && random.nextDouble() < 0.12;
    if (delivered && !readSkipsDelivered) {
      emitStatus(out, client, phone, user, messageId, "delivered", deliveredAt, callback, category, legacy, conversationId, !legacy);
    }
    if (read) {
      emitStatus(out, client, phone, user, messageId, "read", readAt, callback, category, legacy, conversationId, false);
    }
    if (out.size() - first > 1 && random.nextDouble() < outOfOrderRate) {
      // Meta delivers these out of order: the newest status reaches the endpoint first.
      Emitted newest = out.get(out.size() - 1);
      out.set(out.size() - 1, new Emitted(out.get(first).receivedAt() - 1, newest.body()));
    }
    return read ? readAt : -1;
  }

  private void emitStatus(
      List<Emitted> out, Client client, Phone phone, User user, String messageId, String status, long at,
      String callback, String category, boolean legacy, String conversationId, boolean priced) {
    ObjectNode value = Bodies.messagesValue(phone);
    if (!"sent".equals(status) && user.bsuid() != null) {
      Bodies.addContact(value, user, false);
    }
    ObjectNode item = Bodies.status(value, user, messageId, status, at, callback);
    if (priced) {
      Bodies.pricing(item, category, legacy, conversationId, at + 86_400);
    }
    emit(out, client, value, at, null);
  }

  private void adClick(List<Emitted> out, Client client, Phone phone, User user, long t0, boolean legacy) {
    String adId = client.adIds().get(random.nextInt(client.adIds().size()));
    String clickId = "ARA" + Long.toString(Math.abs(World.mix(t0 + sequence)), 36);
    ObjectNode value = Bodies.messagesValue(phone);
    Bodies.addContact(value, user, true);
    ObjectNode message = Bodies.inbound(value, user, nextId(), t0, "text", numeric());
    message.putObject("text").put("body", client.market().adGreeting() + user.name());
    ObjectNode referral = message.putObject("referral");
    referral.put("source_url", "https://fb.me/" + adId);
    referral.put("source_id", adId);
    referral.put("source_type", "ad");
    referral.put("headline", client.market().adHeadline());
    referral.put("body", client.market().adBody());
    referral.put("media_type", "image");
    referral.put("image_url", "https://scontent.example/ad/" + adId + ".jpg");
    if (random.nextDouble() < 0.8) {
      referral.put("ctwa_clid", clickId);
    }
    emit(out, client, value, t0, null);
    outboundLifecycle(out, client, phone, user, nextId(), t0 + 30 + random.nextLong(1800), "referral_conversion", null, legacy);
    if (random.nextDouble() < 0.22) {
      order(out, client, phone, user, t0 + 600 + random.nextLong(3 * 86_400), true, clickId);
    }
  }

  private void order(List<Emitted> out, Client client, Phone phone, User user, long at, boolean fromAd, String clickId) {
    ObjectNode value = Bodies.messagesValue(phone);
    Bodies.addContact(value, user, true);
    String orderId = nextId();
    ObjectNode message = Bodies.inbound(value, user, orderId, at, "order", numeric());
    ObjectNode order = message.putObject("order");
    order.put("catalog_id", client.catalogId());
    order.put("text", random.nextBoolean() ? "" : "Entregar no portão, falar com " + user.name());
    int items = 1 + random.nextInt(3);
    double total = 0;
    for (int i = 0; i < items; i++) {
      Product product = client.products().get(random.nextInt(client.products().size()));
      int quantity = 1 + random.nextInt(3);
      ObjectNode item = order.withArray("product_items").addObject();
      item.put("product_retailer_id", product.retailerId());
      // Relays disagree on the type: most send the quantity as a string, some as a number.
      if (random.nextDouble() < 0.1) {
        item.put("quantity", quantity);
      } else {
        item.put("quantity", Integer.toString(quantity));
      }
      item.put("item_price", product.price());
      item.put("currency", client.market().currency());
      total += quantity * product.price();
    }
    emit(out, client, value, at, null);
    if ("IN".equals(client.market().country()) && random.nextDouble() < 0.5) {
      ObjectNode paymentValue = Bodies.messagesValue(phone);
      ObjectNode status = Bodies.status(paymentValue, user, nextId(), "captured", at + 120 + random.nextLong(3600), null);
      status.put("type", "payment");
      ObjectNode payment = status.putObject("payment");
      payment.put("reference_id", "ORD-" + Math.abs(orderId.hashCode()));
      payment.putObject("amount").put("value", Math.round(total * 100)).put("offset", 100);
      payment.put("currency", "INR");
      payment.putObject("transaction").put("id", "pay_" + Long.toString(Math.abs(World.mix(at)), 36)).put("type", "razorpay").put("status", "success");
      emit(out, client, paymentValue, at + 130, null);
    }
    if (fromAd && clickId != null && random.nextDouble() < 0.4) {
      ObjectNode eventValue = Bodies.object();
      ObjectNode event = eventValue.withArray("automatic_events").addObject();
      event.put("id", orderId);
      event.put("event_name", "Purchase");
      event.put("timestamp", at + 30);
      event.put("ctwa_clid", clickId);
      event.putObject("custom_data").put("currency", client.market().currency()).put("value", Math.round(total * 1000));
      emit(out, client, eventValue, at + 30, "automatic_events");
    }
  }

  private void serviceChat(List<Emitted> out, Client client, Phone phone, User user, long t0, boolean legacy) {
    String type = SERVICE_TYPES[random.nextInt(SERVICE_TYPES.length)];
    ObjectNode value = Bodies.messagesValue(phone);
    if (!"system".equals(type)) {
      Bodies.addContact(value, user, true);
    }
    String wireType = switch (type) {
      case "list_reply", "nfm_reply" -> "interactive";
      default -> type;
    };
    ObjectNode message = Bodies.inbound(value, user, nextId(), t0, wireType, numeric());
    InboundPayloads.fill(message, type, user, phone, idPrefix + (sequence - 2), random);
    emit(out, client, value, t0, null);
    if (!"request_welcome".equals(type) && !"system".equals(type) && !"reaction".equals(type)) {
      outboundLifecycle(out, client, phone, user, nextId(), t0 + 20 + random.nextLong(3600), "service", null, legacy);
    }
  }

  private void businessEvent(List<Emitted> out, Client client, Phone phone, User user, long t0) {
    String field = BUSINESS_EVENTS[random.nextInt(BUSINESS_EVENTS.length)];
    ObjectNode value = field.equals("group_statuses") || field.equals("errors") ? Bodies.messagesValue(phone) : Bodies.object();
    String wireField = BusinessEvents.fill(value, field, client, phone, user, nextId(), t0, random);
    emit(out, client, value, t0, wireField);
  }

  private void emit(List<Emitted> out, Client client, ObjectNode value, long at, String field) {
    boolean timed = field != null && !"messages".equals(field);
    ObjectNode body = Bodies.envelope(client.wabaId(), field == null ? "messages" : field, value, timed ? at : null);
    out.add(new Emitted(at + receiptDelay(), body.toString()));
  }

  /** Most webhooks arrive within seconds; some after Meta's retries, minutes or hours later. */
  private long receiptDelay() {
    double r = random.nextDouble();
    if (r < 0.94) {
      return random.nextLong(3);
    }
    if (r < 0.99) {
      return 30 + random.nextLong(900);
    }
    return 3600 + random.nextLong(30 * 3600);
  }

  private boolean numeric() {
    return random.nextDouble() < 0.05;
  }

  private String nextId() {
    return idPrefix + (sequence++) + "AA";
  }

  SplittableRandom random() {
    return random;
  }
}
