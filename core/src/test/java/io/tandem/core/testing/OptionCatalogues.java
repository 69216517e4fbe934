package io.tandem.core.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tandem.core.api.config.TandemOption;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the option catalogue tests of every module. Shipped in core's test jar. */
public final class OptionCatalogues {

  private OptionCatalogues() {}

  /** The options whose value in {@code reference} cannot be read as their declared type, with the reason. */
  public static List<String> unreadableDefaults(Config reference, TandemOption... options) {
    List<String> wrong = new ArrayList<>();
    for (TandemOption option : options) {
      try {
        option.type().read(reference, option.path());
      } catch (ConfigException e) {
        wrong.add(option + ": " + e.getMessage());
      }
    }
    return wrong;
  }
}
