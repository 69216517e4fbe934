package io.tandem.core.api.mirror;

/**
 * Where schema changes ({@code CREATE}, {@code ALTER}, {@code DROP}, …) sent through a front door go.
 * Mirrored schema changes always wait for both clusters, whatever the {@link MirrorMode}, so the next
 * mirrored write finds its table; a secondary that already has the object counts as done.
 */
public enum SchemaChangePolicy {
  /** Both clusters, the primary first. The default, as in ZDM and Azure's cassandra-proxy. */
  MIRROR,
  /** The primary only: the target schema is managed out of band. */
  PRIMARY_ONLY
}
