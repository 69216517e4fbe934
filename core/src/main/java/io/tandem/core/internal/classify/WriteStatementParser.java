package io.tandem.core.internal.classify;

import java.util.Locale;

/**
 * Reads one INSERT, UPDATE or DELETE (a whole statement or a batch child): its table and the properties that
 * decide how it may be mirrored.
 */
final class WriteStatementParser {

  /**
   * What one write statement does.
   *
   * @param table the written table
   * @param lightweightTransaction it has an {@code IF} condition
   * @param usingTimestamp it sets its own {@code USING TIMESTAMP}
   * @param nonIdempotent repeating it changes the result (counter update, list append or prepend)
   */
  record WriteStatement(
      QualifiedName table, boolean lightweightTransaction, boolean usingTimestamp, boolean nonIdempotent) {}

  /**
   * A {@code USING} clause.
   *
   * @param end the index of the first token after the clause
   * @param timestamp it sets {@code TIMESTAMP}
   */
  record UsingClause(int end, boolean timestamp) {}

  private WriteStatementParser() {}

  /**
   * Parses the write in tokens {@code [from, to)}.
   *
   * @throws CqlSyntaxException if the tokens are not a write statement
   */
  static WriteStatement parse(StatementTokens tokens, int from, int to) {
    if (tokens.indexOf(";", from, to) >= 0) {
      throw new CqlSyntaxException("several statements in one text");
    }
    String verb = tokens.get(from).text().toUpperCase(Locale.ROOT);
    boolean nonIdempotent = false;
    QualifiedName table;
    switch (verb) {
      case "INSERT" -> table = insertTarget(tokens, from, to);
      case "UPDATE" -> {
        table = tokens.qualifiedName(from + 1);
        int set = required(tokens, "SET", table.end(), to);
        nonIdempotent = hasNonIdempotentAssignment(tokens, set + 1, required(tokens, "WHERE", set, to));
      }
      case "DELETE" -> {
        table = tokens.qualifiedName(required(tokens, "FROM", from + 1, to) + 1);
        required(tokens, "WHERE", table.end(), to);
      }
      default -> throw new CqlSyntaxException("not a write: " + verb);
    }
    boolean lightweightTransaction = tokens.indexOfKeyword("IF", table.end(), to) >= 0;
    return new WriteStatement(table, lightweightTransaction, usingTimestamp(tokens, from, to), nonIdempotent);
  }

  private static QualifiedName insertTarget(StatementTokens tokens, int from, int to) {
    if (!tokens.isKeyword(from + 1, "INTO")) {
      throw new CqlSyntaxException("INSERT without INTO");
    }
    QualifiedName table = tokens.qualifiedName(from + 2);
    if (tokens.indexOfKeyword("VALUES", table.end(), to) < 0 && !tokens.isKeyword(table.end(), "JSON")) {
      throw new CqlSyntaxException("INSERT without VALUES or JSON");
    }
    return table;
  }

  private static int required(StatementTokens tokens, String keyword, int from, int to) {
    int index = tokens.indexOfKeyword(keyword, from, to);
    if (index < 0) {
      throw new CqlSyntaxException("missing " + keyword);
    }
    return index;
  }

  private static boolean usingTimestamp(StatementTokens tokens, int from, int to) {
    boolean timestamp = false;
    for (int using = tokens.indexOfKeyword("USING", from, to);
        using >= 0;
        using = tokens.indexOfKeyword("USING", using + 1, to)) {
      timestamp |= usingClause(tokens, using).timestamp();
    }
    return timestamp;
  }

  /**
   * Reads {@code USING TTL x AND TIMESTAMP y} (either option, in any order) starting at the {@code USING}
   * token.
   */
  static UsingClause usingClause(StatementTokens tokens, int using) {
    boolean timestamp = false;
    int index = using;
    do {
      CqlToken option = tokens.get(index + 1);
      if (!option.isKeyword("TTL") && !option.isKeyword("TIMESTAMP")) {
        throw new CqlSyntaxException("expected TTL or TIMESTAMP at offset " + option.start());
      }
      timestamp |= option.isKeyword("TIMESTAMP");
      index = afterIntegerValue(tokens, index + 2);
    } while (tokens.isKeyword(index, "AND"));
    return new UsingClause(index, timestamp);
  }

  /** The index after an integer literal (maybe negative) or bind marker at {@code index}. */
  private static int afterIntegerValue(StatementTokens tokens, int index) {
    int valueIndex = tokens.is(index, "-") ? index + 1 : index;
    CqlToken value = tokens.get(valueIndex);
    if (value.type() != CqlToken.Type.NUMBER && value.type() != CqlToken.Type.BIND_MARKER) {
      throw new CqlSyntaxException("expected a number or bind marker at offset " + value.start());
    }
    return valueIndex + 1;
  }

  /** Whether an assignment of the SET clause in {@code [from, to)} is unsafe to repeat. */
  private static boolean hasNonIdempotentAssignment(StatementTokens tokens, int from, int to) {
    int start = from;
    while (start < to) {
      int comma = tokens.indexOf(",", start, to);
      int end = comma < 0 ? to : comma;
      if (isNonIdempotent(tokens, start, end)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * Whether the assignment in {@code [from, to)} adds to or subtracts from the column's current value
   * ({@code c = c + 1}, {@code l = l - ?}, {@code l = [1] + l}, {@code c += 1}). Text cannot tell a counter
   * or list from a set or map when the operand is a bind marker, so only a set or map literal ({@code {…}})
   * operand counts as idempotent: adding or removing set elements and map entries twice is harmless.
   * Assignments to an element or field ({@code m[k] = v}, {@code u.f = v}) are idempotent.
   */
  private static boolean isNonIdempotent(StatementTokens tokens, int from, int to) {
    CqlToken column = tokens.get(from);
    if (tokens.is(from + 1, "+=") || tokens.is(from + 1, "-=")) {
      return !tokens.is(from + 2, "{");
    }
    if (!tokens.is(from + 1, "=") || to - from < 5) {
      return false;
    }
    int valueStart = from + 2;
    boolean selfFirst = isSameColumn(tokens.get(valueStart), column)
        && (tokens.is(valueStart + 1, "+") || tokens.is(valueStart + 1, "-"));
    if (selfFirst) {
      return !tokens.is(valueStart + 2, "{");
    }
    boolean selfLast = isSameColumn(tokens.get(to - 1), column) && tokens.is(to - 2, "+");
    return selfLast && !tokens.is(valueStart, "{");
  }

  private static boolean isSameColumn(CqlToken token, CqlToken column) {
    return token.isName() && column.isName() && token.name().equals(column.name());
  }
}
