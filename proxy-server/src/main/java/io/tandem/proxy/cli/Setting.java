package io.tandem.proxy.cli;

import io.tandem.core.api.config.TandemOption;

/**
 * One configuration setting: its catalogue option ({@link io.tandem.proxy.api.ProxyOption}, {@link
 * io.tandem.core.api.config.MirrorOption} or {@link io.tandem.core.api.config.ControlOption}) and the command-line flag that sets it ({@code null} when only the
 * {@code --config} file can). Error messages name both, so the operator finds the value wherever it came from.
 */
record Setting(TandemOption option, String flag) {

  static Setting of(TandemOption option, String flag) {
    return new Setting(option, flag);
  }

  /** The option's HOCON path, e.g. {@code tandem.proxy.port}. */
  String path() {
    return option.path();
  }
}
