package io.tandem.proxy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values given on the command line, by setting path (they are layered over the {@code --config} file),
 * and the warnings about flags accepted only for compatibility.
 */
final class Overrides {

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();

  /** Records a flag's value; {@code null} (flag not given) records nothing. */
  void set(Setting setting, Object value) {
    if (value != null) {
      values.put(setting.path(), value);
    }
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  Map<String, Object> values() {
    return values;
  }

  List<String> warnings() {
    return warnings;
  }
}
