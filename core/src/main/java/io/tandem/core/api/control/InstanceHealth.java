package io.tandem.core.api.control;

/**
 * The figures an instance puts in its heartbeat besides the applied version; see {@link InstanceReport}. A front
 * door takes the engine's from {@code MirrorEngine.health()} and adds its shadow-read counts with {@link
 * #withShadowReads}.
 *
 * @param deadlineExpiries SYNC writes answered at the secondary deadline before their copy was done, since the
 *     engine started ({@code tandem.mirror.secondary-deadline}); 0 when not reported
 * @param intentsPending copies recorded in the intent log and not yet applied or logged for replay (0 with the
 *     intent log off)
 */
public record InstanceHealth(long failedWritesPending, long copiesInFlight, long errors, long shadowReads,
    long shadowMismatches, long deadlineExpiries, long intentsPending) {

  public static final InstanceHealth NONE = new InstanceHealth(0, 0, 0, 0, 0, 0, 0);

  /** These figures without deadline expiries and intents pending. */
  public InstanceHealth(long failedWritesPending, long copiesInFlight, long errors, long shadowReads,
      long shadowMismatches) {
    this(failedWritesPending, copiesInFlight, errors, shadowReads, shadowMismatches, 0, 0);
  }

  /** These figures with the shadow reads compared so far and how many of them differed. */
  public InstanceHealth withShadowReads(long reads, long mismatches) {
    return new InstanceHealth(failedWritesPending, copiesInFlight, errors, reads, mismatches, deadlineExpiries,
        intentsPending);
  }
}
