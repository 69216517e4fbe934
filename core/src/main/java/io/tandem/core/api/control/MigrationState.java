package io.tandem.core.api.control;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a migration stands: which cluster serves reads, which one is primary (whose answer callers get),
 * whether writes are mirrored to the other one, and how, globally and per keyspace or table. Immutable;
 * change it through {@link MigrationControl}.
 *
 * @param readSide the cluster reads go to
 * @param primary the cluster every write goes to first and whose answer the caller gets
 * @param mirroring whether writes also go to the secondary (the other cluster); turn it off to stop
 *     writing to the source after cutover
 * @param defaultMode the mirror mode of tables without an override
 * @param overrides mirror modes by {@code "keyspace"} or {@code "keyspace.table"} (lower case unless the
 *     name was quoted); a table's entry wins over its keyspace's
 */
public record MigrationState(
    Side readSide, Side primary, boolean mirroring, MirrorMode defaultMode, Map<String, MirrorMode> overrides) {

  public MigrationState {
    Objects.requireNonNull(readSide, "readSide");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(defaultMode, "defaultMode");
    overrides = Map.copyOf(overrides);
  }

  /** The start of every migration: reads from and primary on the source, mirroring in the given mode. */
  public static MigrationState initial(MirrorMode defaultMode) {
    return initial(defaultMode, Map.of());
  }

  /** As {@link #initial(MirrorMode)}, with per keyspace or table modes (keys in lower case). */
  public static MigrationState initial(MirrorMode defaultMode, Map<String, MirrorMode> overrides) {
    return new MigrationState(Side.SOURCE, Side.SOURCE, true, defaultMode, overrides);
  }

  /** The cluster that receives the mirrored copy of each write. */
  public Side secondary() {
    return primary.other();
  }

  /** The mode for a write to this table ({@code OFF} when mirroring is off); both arguments may be null. */
  public MirrorMode modeFor(String keyspace, String table) {
    if (!mirroring) {
      return MirrorMode.OFF;
    }
    if (keyspace != null) {
      if (table != null) {
        MirrorMode forTable = overrides.get(keyspace + "." + table);
        if (forTable != null) {
          return forTable;
        }
      }
      MirrorMode forKeyspace = overrides.get(keyspace);
      if (forKeyspace != null) {
        return forKeyspace;
      }
    }
    return defaultMode;
  }

  public MigrationState withReadSide(Side side) {
    return new MigrationState(side, primary, mirroring, defaultMode, overrides);
  }

  public MigrationState withPrimary(Side side) {
    return new MigrationState(readSide, side, mirroring, defaultMode, overrides);
  }

  public MigrationState withMirroring(boolean enabled) {
    return new MigrationState(readSide, primary, enabled, defaultMode, overrides);
  }

  public MigrationState withDefaultMode(MirrorMode mode) {
    return new MigrationState(readSide, primary, mirroring, mode, overrides);
  }

  /**
   * Sets or, with a null mode, removes the override for {@code "keyspace"} or {@code "keyspace.table"}.
   */
  public MigrationState withOverride(String keyspaceOrTable, MirrorMode mode) {
    Map<String, MirrorMode> changed = new LinkedHashMap<>(overrides);
    String key = keyspaceOrTable.toLowerCase(Locale.ROOT);
    if (mode == null) {
      changed.remove(key);
    } else {
      changed.put(key, mode);
    }
    return new MigrationState(readSide, primary, mirroring, defaultMode, changed);
  }
}
