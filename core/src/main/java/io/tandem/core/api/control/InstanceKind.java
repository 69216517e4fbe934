package io.tandem.core.api.control;

/** The front door an instance is: an application's {@code DualWriteCqlSession} or a proxy. */
public enum InstanceKind {
  WRAPPER,
  PROXY
}
