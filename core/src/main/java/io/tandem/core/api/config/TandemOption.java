package io.tandem.core.api.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One setting of Tandem: its HOCON path, type, default and a one-line description, in the spirit of the
 * Java driver's {@code DriverOption}. The catalogues ({@link MirrorOption}, {@code SessionOption},
 * {@code ProxyOption}) are the source of truth: each module's {@code reference.conf}, the builders'
 * defaults, the proxy's flags and {@code docs/configuration.md} are checked against them by tests.
 */
public interface TandemOption {

  /** Path, type, default and description, as the catalogue declares them. */
  OptionSpec spec();

  /** The full path, e.g. {@code tandem.mirror.retry.max-attempts}. */
  default String path() {
    return spec().path();
  }

  default OptionType type() {
    return spec().type();
  }

  /**
   * The default exactly as {@code reference.conf} writes it (HOCON: {@code SYNC}, {@code 1 second},
   * {@code ""}, {@code [3, 4, 5]}); empty when the option has no default.
   */
  default Optional<String> defaultValue() {
    return spec().optionalDefault();
  }

  /** What the option does, in one line. */
  default String description() {
    return spec().description();
  }

  /**
   * The defaults of {@code options} as a config, each at its path; options without a default are absent.
   * Builders read their defaults from it.
   */
  static Config defaults(TandemOption... options) {
    String hocon = Arrays.stream(options)
        .filter(option -> option.defaultValue().isPresent())
        .map(option -> option.path() + " = " + option.defaultValue().get())
        .collect(Collectors.joining("\n"));
    return ConfigFactory.parseString(hocon,
        ConfigParseOptions.defaults().setOriginDescription("Tandem option catalogue"));
  }
}
