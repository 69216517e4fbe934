package io.tandem.proxy.cli;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value converters; picocli prefixes their messages with the flag's name. */
final class Converters {

  private Converters() {}

  /** {@code 16MiB}, {@code 512 KiB}, {@code 1048576}: HOCON's size syntax. */
  static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return ConfigFactory.empty().withValue("size", ConfigValueFactory.fromAnyRef(value)).getBytes("size");
      } catch (ConfigException e) {
        throw new TypeConversionException("'" + value + "' is not a size: use bytes or a unit, e.g. 16MiB");
      }
    }
  }

  /** ISO-8601 ({@code PT12S}) or HOCON ({@code 12s}, {@code 500ms}, {@code 2 minutes}); a unit is required. */
  static final class TimeSpan implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String trimmed = value.trim();
      try {
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
          return Duration.parse(trimmed);
        }
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
          throw new TypeConversionException("'" + value + "' has no unit: write e.g. 12s, 500ms or PT12S");
        }
        return ConfigFactory.empty().withValue("duration", ConfigValueFactory.fromAnyRef(trimmed))
            .getDuration("duration");
      } catch (DateTimeParseException | ConfigException e) {
        throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 12s, 500ms or PT12S");
      }
    }
  }

  /** {@code sync} or {@code async}. */
  static final class StartMode implements ITypeConverter<MirrorMode> {
    @Override
    public MirrorMode convert(String value) {
      String upper = value.trim().toUpperCase(Locale.ROOT);
      if (upper.equals("SYNC") || upper.equals("ASYNC")) {
        return MirrorMode.valueOf(upper);
      }
      throw new TypeConversionException("'" + value + "' is not sync or async (to stop mirroring at runtime: "
          + "POST /admin/mirroring?enabled=false)");
    }
  }

  /** {@code log} (the caller succeeds, the write is replayed later) or {@code fail}. */
  static final class FailurePolicy implements ITypeConverter<TargetFailurePolicy> {
    @Override
    public TargetFailurePolicy convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
        case "log", "log_for_replay" -> TargetFailurePolicy.LOG_FOR_REPLAY;
        case "fail", "fail_caller" -> TargetFailurePolicy.FAIL_CALLER;
        default -> throw new TypeConversionException("'" + value + "' is not log or fail");
      };
    }
  }

  /** A consistency level name, e.g. {@code LOCAL_QUORUM}. */
  static final class Consistency implements ITypeConverter<DefaultConsistencyLevel> {
    @Override
    public DefaultConsistencyLevel convert(String value) {
      try {
        return DefaultConsistencyLevel.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a consistency level: use one of "
            + Arrays.toString(DefaultConsistencyLevel.values()));
      }
    }
  }

  /** A Java regular expression, checked now so a typo fails at start rather than never matching. */
  static final class Regex implements ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new TypeConversionException("'" + value + "' is not a Java regular expression: " + e.getDescription());
      }
    }
  }

  /** {@code KEYSPACE=MODE} or {@code KEYSPACE.TABLE=MODE}, the mode one of sync, async, off. */
  static final class TableMode implements ITypeConverter<Map.Entry<String, MirrorMode>> {
    @Override
    public Map.Entry<String, MirrorMode> convert(String value) {
      int equals = value.indexOf('=');
      String name = equals < 0 ? "" : value.substring(0, equals).trim();
      String mode = equals < 0 ? "" : value.substring(equals + 1).trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty() || name.split("\\.", -1).length > 2 || name.startsWith(".") || name.endsWith(".")
          || !List.of("SYNC", "ASYNC", "OFF").contains(mode)) {
        throw new TypeConversionException("'" + value + "' is not KEYSPACE[.TABLE]=MODE with MODE sync, async or "
            + "off, e.g. shop.audit_log=off");
      }
      return Map.entry(name, MirrorMode.valueOf(mode));
    }
  }
}
