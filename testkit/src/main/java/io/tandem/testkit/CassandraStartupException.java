package io.tandem.testkit;

/**
 * A Cassandra node of the testkit could not start. The message names the cause (port taken, process
 * exited, timeout) and the node's log file, followed by the last lines of that log.
 */
public class CassandraStartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CassandraStartupException(String message) {
    super(message);
  }
}
