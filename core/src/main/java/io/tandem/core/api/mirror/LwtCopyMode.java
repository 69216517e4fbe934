package io.tandem.core.api.mirror;

/**
 * How an LWT (a conditional write: {@code IF NOT EXISTS}, {@code IF EXISTS}, {@code IF col = …}) reaches the
 * secondary. Cassandra stamps an applied LWT with its own Paxos ballot time and ignores the client's timestamp,
 * so the same LWT on two clusters leaves WRITETIMEs a few milliseconds apart. The default is {@link #CONDITIONAL}.
 */
public enum LwtCopyMode {
  /**
   * The same conditional write, sent as any write (in SYNC mode alongside the primary's): each cluster checks its
   * own condition and picks its own write time.
   */
  CONDITIONAL,
  /**
   * Once the primary answered: an applied LWT goes to the secondary without its {@code IF} clause, at the write
   * time read back from the primary ({@code SELECT WRITETIME(col)} of a column it wrote, at {@code
   * lwt-copy-read-consistency}); a not-applied one sends nothing. Costs a read on the primary per applied LWT, and in
   * SYNC mode the copy waits for the primary. Where no write time can be read (a {@code DELETE … IF}, a write of key
   * columns only, of collection elements, of nulls, a batch, an answer that does not say whether it applied), the
   * LWT is sent as in {@link #CONDITIONAL}.
   */
  UNCONDITIONAL_AT_PRIMARY_WRITETIME
}
