package io.conversa.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Windows written as people write them: 24h, 7d, 90m, 3600s (or ISO-8601, PT24H). */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("p")) {
        return positive(Duration.parse(text.toUpperCase(Locale.ROOT)));
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      return positive(switch (text.charAt(text.length() - 1)) {
        case 'd' -> Duration.ofDays(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 's' -> Duration.ofSeconds(amount);
        default -> throw new NumberFormatException();
      });
    } catch (RuntimeException e) {
      if (e instanceof TypeConversionException known) {
        throw known;
      }
      throw new TypeConversionException("expected a number and a unit, e.g. 24h, 7d, 90m");
    }
  }

  private static Duration positive(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("expected a duration longer than zero");
    }
    return duration;
  }
}
