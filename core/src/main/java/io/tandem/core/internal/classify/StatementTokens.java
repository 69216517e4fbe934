package io.tandem.core.internal.classify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The tokens of one statement with the bracket depth of each, and the lookups the parsers share. Lookups
 * past the end answer {@code false} or {@code -1}; reading a required token past the end throws.
 */
final class StatementTokens {

  private static final String OPENING = "([{";
  private static final String CLOSING = ")]}";

  private final List<CqlToken> tokens;
  private final int[] depths;

  /** @throws CqlSyntaxException if the brackets do not balance */
  StatementTokens(List<CqlToken> tokens) {
    this.tokens = tokens;
    this.depths = depths(tokens);
  }

  private static int[] depths(List<CqlToken> tokens) {
    int[] depths = new int[tokens.size()];
    Deque<Character> expectedClosings = new ArrayDeque<>();
    for (int index = 0; index < tokens.size(); index++) {
      CqlToken token = tokens.get(index);
      char first = token.text().charAt(0);
      boolean punctuation = token.type() == CqlToken.Type.PUNCTUATION;
      if (punctuation && CLOSING.indexOf(first) >= 0) {
        if (expectedClosings.isEmpty() || expectedClosings.pop() != first) {
          throw new CqlSyntaxException("unbalanced '" + first + "' at offset " + token.start());
        }
      }
      depths[index] = expectedClosings.size();
      if (punctuation && OPENING.indexOf(first) >= 0) {
        expectedClosings.push(CLOSING.charAt(OPENING.indexOf(first)));
      }
    }
    if (!expectedClosings.isEmpty()) {
      throw new CqlSyntaxException("unclosed bracket");
    }
    return depths;
  }

  int size() {
    return tokens.size();
  }

  List<CqlToken> all() {
    return tokens;
  }

  /** @throws CqlSyntaxException if the text ends before {@code index} */
  CqlToken get(int index) {
    if (index >= tokens.size()) {
      throw new CqlSyntaxException("unexpected end of statement");
    }
    return tokens.get(index);
  }

  boolean isKeyword(int index, String keyword) {
    return index < tokens.size() && tokens.get(index).isKeyword(keyword);
  }

  boolean is(int index, String punctuation) {
    return index < tokens.size() && tokens.get(index).is(punctuation);
  }

  /** The first index in {@code [from, to)} of {@code keyword} outside any brackets, or -1. */
  int indexOfKeyword(String keyword, int from, int to) {
    for (int index = from; index < to; index++) {
      if (depths[index] == 0 && tokens.get(index).isKeyword(keyword)) {
        return index;
      }
    }
    return -1;
  }

  /** The first index in {@code [from, to)} of {@code punctuation} outside any brackets, or -1. */
  int indexOf(String punctuation, int from, int to) {
    for (int index = from; index < to; index++) {
      if (depths[index] == 0 && tokens.get(index).is(punctuation)) {
        return index;
      }
    }
    return -1;
  }

  /** The name at {@code index}: {@code name} or {@code keyspace.name}. */
  QualifiedName qualifiedName(int index) {
    String first = name(index);
    if (is(index + 1, ".")) {
      return new QualifiedName(first, name(index + 2), index + 3, get(index).start());
    }
    return new QualifiedName(null, first, index + 1, get(index).start());
  }

  /** The single, unqualified name at {@code index}. */
  String name(int index) {
    CqlToken token = get(index);
    if (!token.isName()) {
      throw new CqlSyntaxException("expected a name at offset " + token.start());
    }
    return token.name();
  }
}
