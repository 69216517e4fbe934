package io.tandem.core.api.mirror;

/**
 * How often the engine gave {@code now()}, {@code uuid()} and the like one value for both clusters, and how often
 * it could not (the query was mirrored as it was, with a WARN once per text); both since the engine started.
 */
public record FunctionRewriteCounts(long rewritten, long notRewritable) {}
