package io.tandem.core.internal.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The host name and default instance id a follower reports. */
final class InstanceIds {

  private InstanceIds() {}

  /** The local host name, or {@code unknown-host} when the system cannot tell. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown-host" : fromEnvironment;
    }
  }

  /**
   * {@code host-pid-abcd}: unique per process; the random suffix tells apart two instances in one process
   * (two sessions, or a session rebuilt after close).
   */
  static String defaultInstanceId(String host) {
    byte[] suffix = new byte[2];
    ThreadLocalRandom.current().nextBytes(suffix);
    return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
  }
}
