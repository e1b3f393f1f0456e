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

  /**
   * A country's businesses: its campaigns (the seasons it sells in), its ads' words and what its
   * people write, in its language, and its prices, in whole units where its money has no cents.
   */
  record Market(String country, String callingCode, String currency, int mobileDigits, String bsuidPrefix, List<String> campaigns,
      String adHeadline, String adBody, String adGreeting, double lowestPrice, double highestPrice, double priceStep)
      implements Serializable {
    double price(SplittableRandom random) {
      double price = lowestPrice + random.nextDouble() * (highestPrice - lowestPrice);
      // Cents as 12345 / 100.0, not 12345 * 0.01: the double a reader of the amount expects.
      return priceStep < 1 ? Math.round(price / priceStep) / Math.rint(1 / priceStep) : Math.round(price / priceStep) * priceStep;
    }
  }

  record Phone(String phoneNumberId, String displayNumber) implements Serializable {}

  record Campaign(String name, String template, String category, boolean jsonCallbackData) implements Serializable {}

  record Product(String retailerId, double price) implements Serializable {}

  /** {@code users}: the people it talks to; {@code weight}: its share of the traffic beside a large business's 1. */
  record Client(
      String wabaId,
      String name,
      Market market,
      List<Phone> phones,
      List<Campaign> campaigns,
      List<String> adIds,
      String catalogId,
      List<Product> products,
      int users,
      double weight)
      implements Serializable {}

  private static final Market[] MARKETS = {
    new Market("BR", "55", "BRL", 11, "BR",
        List.of("black-friday-2026", "cyber-week", "back-in-stock", "cart-reminder", "welcome-series", "flash-sale", "natal-2026"),
        "Ofertas da semana", "Frete grátis acima de R$ 99", "Olá! Vi o anúncio, sou ", 9.9, 299.9, 0.01),
    new Market("IN", "91", "INR", 10, "IN",
        List.of("diwali-offers", "big-festive-sale", "back-in-stock", "cart-reminder", "welcome-series", "flash-sale", "year-end-sale"),
        "This week's offers", "Free delivery above Rs 499", "Hi! I saw the ad, I am ", 99, 2_999, 1),
    new Market("ID", "62", "IDR", 11, "ID",
        List.of("harbolnas-12-12", "payday-sale", "stok-kembali", "pengingat-keranjang", "sambutan", "flash-sale", "akhir-tahun"),
        "Promo minggu ini", "Gratis ongkir di atas Rp 100.000", "Halo! Saya lihat iklannya, saya ", 15_000, 450_000, 1_000),
    new Market("CO", "57", "COP", 10, "CO",
        List.of("dia-sin-iva", "black-friday-2026", "de-vuelta", "carrito-olvidado", "bienvenida", "flash-sale", "navidad-2026"),
        "Ofertas de la semana", "Envío gratis desde COL$ 150.000", "¡Hola! Vi el anuncio, soy ", 20_000, 600_000, 100),
  };
  private static final String[] NAMES = {
    "Loja Aurora", "Masala Mart", "Kopi Senja", "Café Andino", "Casa Verde", "Rasa Nusantara"
  };
  /**
   * Every fourth business is a small one, as an agency's list has them: a shop of this many
   * people on one number, running two campaigns, with a twenty-fifth of a large one's traffic.
   */
  static final int SMALL_BUSINESS_USERS = 60;
  static final int SMALL_BUSINESS_CAMPAIGNS = 2;
  static final double SMALL_BUSINESS_WEIGHT = 0.04;
  private static final String[] CATEGORIES = {"marketing", "marketing", "utility", "marketing"};

  final List<Client> clients;
  private final double totalWeight;

  World(GeneratorSettings settings) {
    SplittableRandom random = new SplittableRandom(settings.worldSeed());
    List<Client> made = new ArrayList<>();
    for (int c = 0; c < settings.clients(); c++) {
      Market market = MARKETS[c % MARKETS.length];
      boolean small = c % 4 == 3;
      List<Phone> phones = new ArrayList<>();
      for (int p = 0; p < (small ? 1 : settings.phonesPerClient()); p++) {
        phones.add(new Phone(digits(random, 15), market.callingCode() + digits(random, market.mobileDigits())));
      }
      List<Campaign> campaigns = new ArrayList<>();
      for (int k = 0; k < (small ? Math.min(SMALL_BUSINESS_CAMPAIGNS, settings.campaignsPerClient()) : settings.campaignsPerClient()); k++) {
        List<String> names = market.campaigns();
        String name = names.get((c / MARKETS.length + k) % names.size());
        campaigns.add(new Campaign(name, name.replace('-', '_') + "_v" + (1 + k % 2), CATEGORIES[k % CATEGORIES.length], k % 3 != 2));
      }
      List<String> ads = new ArrayList<>();
      for (int a = 0; a < 3; a++) {
        ads.add("1202" + digits(random, 11));
      }
      List<Product> products = new ArrayList<>();
      for (int p = 0; p < 12; p++) {
        products.add(new Product("SKU-" + (100 + p), market.price(random)));
      }
      made.add(new Client(digits(random, 15), NAMES[c % NAMES.length] + (c >= NAMES.length ? " " + c : ""), market, phones, campaigns, ads,
          digits(random, 16), products, small ? Math.min(SMALL_BUSINESS_USERS, settings.usersPerClient()) : settings.usersPerClient(),
          small ? SMALL_BUSINESS_WEIGHT : 1));
    }
    clients = List.copyOf(made);
    totalWeight = clients.stream().mapToDouble(Client::weight).sum();
  }

  /** A business at random, each as likely as its weight says. */
  Client anyClient(SplittableRandom random) {
    if (totalWeight == clients.size()) {
      // Every business large: the draw of the generations before small businesses existed.
      return clients.get(random.nextInt(clients.size()));
    }
    double at = random.nextDouble() * totalWeight;
    for (Client client : clients) {
      at -= client.weight();
      if (at < 0) {
        return client;
      }
    }
    return clients.get(clients.size() - 1);
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
