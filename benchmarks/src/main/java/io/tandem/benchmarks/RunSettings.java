package io.tandem.benchmarks;

/**
 * How the run was configured, for the results.
 *
 * @param command the command line that reproduces the run, from the repository root
 * @param codeVersion the commit of Tandem that was measured
 * @param quick whether this was a short run
 * @param concurrency requests in flight per contender
 * @param clusterWarmupSeconds reads and writes on both clusters before the first scenario
 * @param warmupSeconds warmup of each contender, per scenario
 * @param measureSeconds length of each measured phase
 * @param rounds measured phases per contender and scenario
 * @param readRows rows pre-loaded for the read scenario
 * @param writeKeys distinct keys the writes spread over
 * @param valueSize characters in each row's value
 * @param clusters where the clusters ran
 * @param cassandraVersions release versions reported by the source and the target
 * @param mirrorSettings the dual sessions' mirror settings apart from the mode
 */
public record RunSettings(
    String command,
    String codeVersion,
    boolean quick,
    int concurrency,
    int clusterWarmupSeconds,
    int warmupSeconds,
    int measureSeconds,
    int rounds,
    int readRows,
    int writeKeys,
    int valueSize,
    String clusters,
    String cassandraVersions,
    String mirrorSettings) {}
