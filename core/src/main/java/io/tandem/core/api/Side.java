package io.tandem.core.api;

/** One of the two clusters of a migration. */
public enum Side {
  /** The cluster being migrated away from. */
  SOURCE,
  /** The cluster being migrated to. */
  TARGET;

  /** The other cluster. */
  public Side other() {
    return this == SOURCE ? TARGET : SOURCE;
  }
}
