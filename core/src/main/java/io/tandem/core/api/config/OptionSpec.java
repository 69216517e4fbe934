package io.tandem.core.api.config;

import java.util.Optional;

/**
 * What a {@link TandemOption} declares: its full path, type, default as {@code reference.conf} writes it
 * ({@code null}: no default) and one-line description. The catalogue enums hold one each.
 */
public record OptionSpec(String path, OptionType type, String defaultValue, String description) {

  /** The spec of {@code section + "." + key}, e.g. {@code of("tandem.mirror", "mode", …)}. */
  public static OptionSpec of(String section, String key, OptionType type, String defaultValue, String description) {
    return new OptionSpec(section + "." + key, type, defaultValue, description);
  }

  Optional<String> optionalDefault() {
    return Optional.ofNullable(defaultValue);
  }
}
