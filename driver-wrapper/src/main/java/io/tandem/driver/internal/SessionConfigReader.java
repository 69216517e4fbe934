package io.tandem.driver.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tandem.driver.api.ShadowReadConfig;

/** Reads {@code tandem.session} (see this module's {@code reference.conf}). */
public final class SessionConfigReader {

  private SessionConfigReader() {}

  /** @throws IllegalArgumentException naming the bad setting and what it must be */
  public static ShadowReadConfig shadowReads(Config root) {
    String path = "tandem.session.shadow-reads";
    try {
      Config section = root.getConfig(path);
      return new ShadowReadConfig(
          section.getDouble("ratio"), section.getInt("max-in-flight"), section.getInt("max-rows"));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + path + " setting: " + e.getMessage(), e);
    }
  }
}
