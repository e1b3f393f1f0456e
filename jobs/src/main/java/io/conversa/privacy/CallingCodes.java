package io.conversa.privacy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.HashMap;
import java.util.Map;

/**
 * Region of a phone number from its international calling code (E.164, digits only). Coarse on
 * purpose: +1 answers US for every NANP country, which is all analysts need and all the privacy
 * rules allow.
 */
public final class CallingCodes {
  private static final Map<String, String> REGION_BY_CODE = load();

  private CallingCodes() {}

  /** ISO 3166-1 alpha-2 region, or null when no calling code matches. */
  public static String regionOf(String digits) {
    for (int length = 1; length <= 3 && length < digits.length(); length++) {
      String region = REGION_BY_CODE.get(digits.substring(0, length));
      if (region != null) {
        return region;
      }
    }
    return null;
  }

  private static Map<String, String> load() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    Map<String, String> regions = new HashMap<>();
    for (int code : util.getSupportedCallingCodes()) {
      String region = util.getRegionCodeForCountryCode(code);
      if (region != null && region.length() == 2 && !"ZZ".equals(region)) {
        regions.put(Integer.toString(code), region);
      }
    }
    return Map.copyOf(regions);
  }
}
