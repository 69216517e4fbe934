package io.tandem.testkit.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the forked Cassandra JVM. It starts {@code CassandraDaemon} and exits as soon as its
 * standard input closes, which happens when the JVM that launched it goes away for any reason (even
 * {@code kill -9}), so no test run leaves a Cassandra process behind.
 *
 * <p>Uses only the JDK: the forked JVM has Cassandra's classpath plus this class, nothing of Tandem's.
 */
public final class ForkedCassandraMain {

  private ForkedCassandraMain() {}

  public static void main(String[] args) throws Exception {
    Thread watcher = new Thread(ForkedCassandraMain::exitWhenParentGoes, "tandem-parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Class.forName("org.apache.cassandra.service.CassandraDaemon")
        .getMethod("main", String[].class)
        .invoke(null, (Object) new String[] {"-f"});
  }

  private static void exitWhenParentGoes() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // the launcher never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of stream
    }
    System.err.println("tandem: launcher JVM is gone, stopping Cassandra");
    System.exit(0);
  }
}
