package io.tandem.core.api.config;

import com.typesafe.config.Config;

/** The type of a {@link TandemOption}'s value, as HOCON reads it. */
public enum OptionType {
  BOOLEAN,
  INTEGER,
  DOUBLE,
  STRING,
  /** One of an enum's constants, written as its name (any case). */
  ENUM,
  /** {@code 1 second}, {@code 100 milliseconds}, {@code 10s}. */
  DURATION,
  /** {@code 64 MiB}, {@code 1048576}. */
  BYTES,
  STRING_LIST,
  INTEGER_LIST,
  /** An object of names to values, e.g. {@code table-modes { shop = ASYNC }}. */
  OBJECT;

  /**
   * Reads the value at {@code path} of {@code config} as this type.
   *
   * @throws com.typesafe.config.ConfigException when it is missing or not of this type
   */
  public Object read(Config config, String path) {
    return switch (this) {
      case BOOLEAN -> config.getBoolean(path);
      case INTEGER -> config.getInt(path);
      case DOUBLE -> config.getDouble(path);
      case STRING, ENUM -> config.getString(path);
      case DURATION -> config.getDuration(path);
      case BYTES -> config.getBytes(path);
      case STRING_LIST -> config.getStringList(path);
      case INTEGER_LIST -> config.getIntList(path);
      case OBJECT -> config.getObject(path).unwrapped();
    };
  }
}
