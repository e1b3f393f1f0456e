package io.conversa.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds identifiers of people inside a free-text value a webhook body keeps (a campaign in
 * biz_opaque_callback_data, an ad headline, an error title, a product name, a key Meta never
 * documented) and redacts them, whatever key they stand under:
 *
 * <ul>
 *   <li>e-mail addresses;
 *   <li>phone numbers in international format (libphonenumber's {@code findNumbers}), and any run
 *       of 9 or more digits with the separators people type ({@code 11 98765-4321}), which also
 *       covers national numbers of the markets served, CPF and CNPJ, Aadhaar, NIK and card numbers;
 *   <li>business-scoped user ids ({@code BR.1234ABCDEF5678}).
 * </ul>
 *
 * <p>Each hit becomes a bracketed label ({@code promo-[number]}). Meta's own technical values
 * (ids of accounts, numbers, ads and catalogs, timestamps, amounts) are long digit runs too: the
 * rules list the keys whose values are those and skip them ({@code identifier_detection}).
 */
public final class IdentifierDetector implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String EMAIL_LABEL = "[email]";
  static final String NUMBER_LABEL = "[number]";
  static final String USER_ID_LABEL = "[user-id]";
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  /** 9+ digits, each group joined by at most one separator people type in numbers. */
  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d(?:[ .\\-/()]?\\d){8,}");
  private static final Pattern USER_ID = Pattern.compile("\\b[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{6,128}\\b");

  /** {@code text} with every identifier found replaced by its label. */
  public String redact(String text) {
    return redact(text, (label, found) -> label);
  }

  /** What replaces an identifier found: its label, and what was found if the labeller needs it. */
  @FunctionalInterface
  public interface Labeller {
    String replacement(String label, String found);
  }

  /**
   * {@code text} with every identifier found replaced by what {@code labeller} makes of it: a
   * file name keeps two files apart by a keyed hash of each hit ({@link FileNames}).
   */
  public String redact(String text, Labeller labeller) {
    if (text.length() < 6) {
      return text;
    }
    // Each pattern runs only where the one character it cannot match without is there: most
    // values have none, and a regex tried at every position of a long value is what costs.
    String out = text;
    if (out.indexOf('@') >= 0) {
      out = EMAIL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(labeller.replacement(EMAIL_LABEL, m.group())));
    }
    if (hasCapitalsBeforeDot(out)) {
      out = USER_ID.matcher(out).replaceAll(m -> Matcher.quoteReplacement(labeller.replacement(USER_ID_LABEL, m.group())));
    }
    if (digits(out) >= 8) {
      out = internationalNumbers(out, labeller);
      out = DIGIT_RUN.matcher(out).replaceAll(m -> Matcher.quoteReplacement(labeller.replacement(NUMBER_LABEL, m.group())));
    }
    return out;
  }

  private static boolean hasCapitalsBeforeDot(String text) {
    for (int i = text.indexOf('.'); i >= 2; i = text.indexOf('.', i + 1)) {
      if (isCapital(text.charAt(i - 1)) && isCapital(text.charAt(i - 2))) {
        return true;
      }
    }
    return false;
  }

  private static int digits(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }

  private static boolean isCapital(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** +CC numbers of any length libphonenumber takes as possible (8-digit ones included). */
  private static String internationalNumbers(String text, Labeller labeller) {
    if (text.indexOf('+') < 0) {
      return text;
    }
    List<int[]> spans = new ArrayList<>();
    for (PhoneNumberMatch match : PhoneNumberUtil.getInstance().findNumbers(text, "ZZ", PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
      spans.add(new int[] {match.start(), match.end()});
    }
    StringBuilder out = new StringBuilder(text);
    for (int i = spans.size() - 1; i >= 0; i--) {
      out.replace(spans.get(i)[0], spans.get(i)[1], labeller.replacement(NUMBER_LABEL, text.substring(spans.get(i)[0], spans.get(i)[1])));
    }
    return out.toString();
  }
}
