package io.tandem.proxy.cli;

/**
 * One configuration setting: its HOCON path and the command-line flag that sets it ({@code null} when only
 * the {@code --config} file can). Error messages name both, so the operator finds the value wherever it came
 * from.
 */
record Setting(String path, String flag) {

  static Setting proxy(String key, String flag) {
    return new Setting("tandem.proxy." + key, flag);
  }

  static Setting mirror(String key, String flag) {
    return new Setting("tandem.mirror." + key, flag);
  }

  /** {@code "--proxy-port (tandem.proxy.port)"}, or the path alone. */
  String describe() {
    return flag == null ? path : flag + " (" + path + ")";
  }
}
