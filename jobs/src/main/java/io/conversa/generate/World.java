package io.conversa.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The businesses the synthetic logs are about: clients (WABAs) with phone numbers, campaigns,
 * ads and catalogs, and their users. Derived from the world seed alone, so every task rebuilds the
 * same world without shipping it.
 */
final class World implements Serializable {
  private static final long serialVersionUID = 1L;

  record Market(String country, String callingCode, String currency, int mobileDigits, String bsuidPrefix) implements Serializable {}

  record Phone(String phoneNumberId, String displayNumber) implements Serializable {}

  record Campaign(String name, String template, String category, boolean jsonCallbackData) implements Serializable {}

  record Product(String retailerId, double price) implements Serializable {}

  record Client(
      String wabaId,
      String name,
      Market market,
      List<Phone> phones,
      List<Campaign> campaigns,
      List<String> adIds,
      String catalogId,
      List<Product> products)
      implements Serializable {}

  private static final Market[] MARKETS = {
    new Market("BR", "55", "BRL", 11, "BR"),
    new Market("IN", "91", "INR", 10, "IN"),
    new Market("ID", "62", "IDR", 11, "ID"),
    new Market("CO", "57", "COP", 10, "CO"),
  };
  private static final String[] NAMES = {
    "Loja Aurora", "Masala Mart", "Kopi Senja", "Café Andino", "Casa Verde", "Rasa Nusantara"
  };
  private static final String[] CAMPAIGNS = {
    "black-friday-2026", "cyber-week", "back-in-stock", "cart-reminder", "welcome-series", "diwali-offers", "flash-sale"
  };
  private static final String[] CATEGORIES = {"marketing", "marketing", "utility", "marketing"};

  final List<Client> clients;
  final int usersPerClient;

  World(GeneratorSettings settings) {
    SplittableRandom random = new SplittableRandom(settings.worldSeed());
    usersPerClient = settings.usersPerClient();
    List<Client> made = new ArrayList<>();
    for (int c = 0; c < settings.clients(); c++) {
      Market market = MARKETS[c % MARKETS.length];
      List<Phone> phones = new ArrayList<>();
      for (int p = 0; p < settings.phonesPerClient(); p++) {
        phones.add(new Phone(digits(random, 15), market.callingCode() + digits(random, market.mobileDigits())));
      }
      List<Campaign> campaigns = new ArrayList<>();
      for (int k = 0; k < settings.campaignsPerClient(); k++) {
        String name = CAMPAIGNS[(c + k) % CAMPAIGNS.length];
        campaigns.add(new Campaign(name, name.replace('-', '_') + "_v" + (1 + k % 2), CATEGORIES[k % CATEGORIES.length], k % 3 != 2));
      }
      List<String> ads = new ArrayList<>();
      for (int a = 0; a < 3; a++) {
        ads.add("1202" + digits(random, 11));
      }
      List<Product> products = new ArrayList<>();
      for (int p = 0; p < 12; p++) {
        products.add(new Product("SKU-" + (100 + p), Math.round((9.9 + random.nextDouble() * 290) * 100) / 100.0));
      }
      made.add(new Client(digits(random, 15), NAMES[c % NAMES.length] + (c >= NAMES.length ? " " + c : ""), market, phones, campaigns, ads, digits(random, 16), products));
    }
    clients = List.copyOf(made);
  }

  /** A user's phone number: stable per (client, user), shaped like the market's mobiles. */
  String userPhone(Client client, int user) {
    long h = mix(client.wabaId().hashCode() * 1_000_003L + user);
    StringBuilder number = new StringBuilder(client.market().callingCode());
    if ("BR".equals(client.market().country())) {
      number.append("11").append('9');
    }
    while (number.length() < client.market().callingCode().length() + client.market().mobileDigits()) {
      number.append(Math.floorMod(h, 10));
      h = h / 10 == 0 ? mix(h + 7) : h / 10;
    }
    return number.toString();
  }

  /** Business-scoped user id, present for about a third of users (2026 BSUID rollout). */
  String userBsuid(Client client, int user) {
    long h = mix(client.wabaId().hashCode() * 31L + user * 7L + 3);
    return Math.floorMod(h, 3) == 0 ? client.market().bsuidPrefix() + "." + Math.abs(h) : null;
  }

  /** Profile names are what scrubbing must remove: they look real on purpose. */
  static String profileName(int user) {
    String[] first = {"Ana", "Priya", "Budi", "Camila", "Rahul", "Siti", "João", "Valentina", "Arjun", "Dewi"};
    String[] last = {"Silva", "Sharma", "Santoso", "Gómez", "Souza", "Patel", "Wijaya", "Rodríguez"};
    return first[Math.floorMod(user, first.length)] + " " + last[Math.floorMod(user / 10, last.length)];
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static String digits(SplittableRandom random, int count) {
    StringBuilder digits = new StringBuilder(count);
    digits.append(1 + random.nextInt(9));
    while (digits.length() < count) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }
}
