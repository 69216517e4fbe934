package io.tandem.core.internal.classify;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One conditional write (an LWT: {@code INSERT … IF NOT EXISTS}, {@code UPDATE … IF …}, {@code DELETE … IF …})
 * read by {@link ConditionalWrites}: the same write without its {@code IF} clause, and what is needed to read
 * back the write time the primary gave it.
 *
 * @param unconditionalQuery the text with the {@code IF} clause removed
 * @param keyspace the table's keyspace as written, or null
 * @param table the written table
 * @param removedPositions the indexes (among all {@code ?} markers) of the positional markers the {@code IF}
 *     clause held: their values must go too
 * @param removedNames the named markers only the {@code IF} clause used
 * @param written the columns given a whole new value ({@code INSERT}'s columns, {@code UPDATE}'s {@code c = term}),
 *     with their terms; empty for a {@code DELETE}
 * @param restrictions the columns fixed by the statement ({@code INSERT}'s columns, {@code WHERE c = term}),
 *     among them the primary key
 */
public record ConditionalWrite(
    String unconditionalQuery, String keyspace, String table, Set<Integer> removedPositions,
    Set<String> removedNames, Map<String, Term> written, Map<String, Term> restrictions) {

  /**
   * A term of the statement (a literal, a bind marker, a function call …).
   *
   * @param text the term as written, each bind marker replaced by {@code ?}
   * @param markers the bind markers in it, in order
   * @param nullLiteral the term is the literal {@code null}
   */
  public record Term(String text, List<Marker> markers, boolean nullLiteral) {}

  /**
   * One bind marker: positional ({@code position} ≥ 0, {@code name} null) or named ({@code position} -1).
   */
  public record Marker(int position, String name) {}
}
