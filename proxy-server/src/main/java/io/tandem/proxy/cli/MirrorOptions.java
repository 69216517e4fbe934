package io.tandem.proxy.cli;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How writes reach the target and where reads go. Every flag is optional and overrides the same {@code
 * tandem.mirror} or {@code tandem.proxy} setting; defaults: SYNC, failures logged for replay in {@code
 * ./tandem-failed-writes}, the caller's consistency, {@code now()}/{@code uuid()} rewritten, reads from the source,
 * every keyspace and table mirrored.
 */
final class MirrorOptions {

  @Option(names = "--mirror-mode", paramLabel = "sync|async", converter = Converters.StartMode.class, order = 50,
      description = "sync: the client's answer waits for both clusters; async: for the source only, the target "
          + "copy follows (default sync).")
  MirrorMode mirrorMode;

  @Option(names = {"--wait", "-W"}, arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 51,
      description = "Azure's flag: true = --mirror-mode sync, false = --mirror-mode async; --mirror-mode wins.")
  Boolean waitForBoth;

  @Option(names = "--target-failure-policy", paramLabel = "log|fail", converter = Converters.FailurePolicy.class,
      order = 52, description = "When a sync target write fails for good: log (the client succeeds; the write is "
          + "replayed later) or fail (the client gets an error; still replayed). Default log.")
  TargetFailurePolicy targetFailurePolicy;

  @Option(names = "--failed-write-log", paramLabel = "DIR", order = 53,
      description = "Folder of the durable log of writes owed to a cluster (default ./tandem-failed-writes).")
  Path failedWriteLog;

  @Option(names = "--target-consistency", paramLabel = "LEVEL", converter = Converters.Consistency.class,
      order = 54, description = "Consistency level of the target's copy, e.g. LOCAL_QUORUM (default: the client's).")
  DefaultConsistencyLevel targetConsistency;

  @Option(names = "--uuid", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 55,
      description = "Give now(), uuid() and similar one value for both clusters (literals, or bound values in "
          + "prepared writes) (default true, unlike Azure's proxy).")
  Boolean rewriteFunctions;

  @Option(names = "--read-side", paramLabel = "source|target", order = 56,
      description = "Cluster reads go to at start (default source; change at runtime: POST /admin/read-side).")
  Side readSide;

  @Option(names = "--table-mode", paramLabel = "KEYSPACE[.TABLE]=MODE", converter = Converters.TableMode.class,
      order = 57, description = "Mirror mode of one keyspace or table from the start, overriding --mirror-mode: "
          + "sync, async or off (off = source only). Repeatable; change at runtime: POST /admin/mode.")
  List<Map.Entry<String, MirrorMode>> tableModes;

  @Option(names = "--filter-tables", paramLabel = "REGEX", converter = Converters.Regex.class, order = 58,
      description = "Azure's flag: writes whose CQL text fully matches this Java regex (e.g. "
          + "'(?is)insert into shop\\.audit.*') go to the source only, never mirrored. Reads never go to the target "
          + "anyway.")
  Pattern primaryOnlyStatements;

  void addTo(Overrides overrides) {
    overrides.set(Settings.MIRROR_MODE, mode(overrides));
    overrides.set(Settings.TARGET_FAILURE_POLICY, targetFailurePolicy == null ? null : targetFailurePolicy.name());
    overrides.set(Settings.FAILED_WRITE_DIRECTORY, failedWriteLog == null ? null : failedWriteLog.toString());
    overrides.set(Settings.SECONDARY_CONSISTENCY, targetConsistency == null ? null : targetConsistency.name());
    overrides.set(Settings.REWRITE_FUNCTIONS, rewriteFunctions);
    overrides.set(Settings.READ_SIDE, readSide == null ? null : readSide.name());
    if (tableModes != null) {
      Map<String, String> modes = new LinkedHashMap<>();
      tableModes.forEach(entry -> modes.put(entry.getKey(), entry.getValue().name()));
      overrides.set(Settings.TABLE_MODES, modes);
    }
    overrides.set(Settings.PRIMARY_ONLY_STATEMENTS,
        primaryOnlyStatements == null ? null : primaryOnlyStatements.pattern());
  }

  private String mode(Overrides overrides) {
    if (waitForBoth == null) {
      return mirrorMode == null ? null : mirrorMode.name();
    }
    if (mirrorMode != null) {
      overrides.warn("--wait " + waitForBoth + " is ignored: --mirror-mode "
          + mirrorMode.name().toLowerCase(Locale.ROOT) + " wins");
      return mirrorMode.name();
    }
    MirrorMode mapped = waitForBoth ? MirrorMode.SYNC : MirrorMode.ASYNC;
    overrides.warn("--wait " + waitForBoth + " is Azure's flag: Tandem runs it as --mirror-mode "
        + mapped.name().toLowerCase(Locale.ROOT) + " (reads never wait for the target); prefer --mirror-mode");
    return mapped.name();
  }
}
