package io.tandem.proxy.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the jar manifest's Implementation-Version, or {@code dev} outside a built jar. */
final class ManifestVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TandemProxyCli.class.getPackage().getImplementationVersion();
    return new String[] {"Tandem proxy " + (version == null ? "dev" : version)};
  }
}
