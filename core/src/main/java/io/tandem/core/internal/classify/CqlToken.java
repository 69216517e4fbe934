package io.tandem.core.internal.classify;

import java.util.Locale;

/**
 * One token of CQL text.
 *
 * @param type what kind of token it is
 * @param text the token as written, except for a {@link Type#QUOTED_IDENTIFIER}: its name without the quotes
 *     and with {@code ""} unescaped
 * @param start offset of the token's first character in the text
 * @param end offset just past the token's last character (closing quotes included)
 */
record CqlToken(Type type, String text, int start, int end) {

  /** The kinds of token {@link CqlTokenizer} produces. */
  enum Type {
    /** A keyword or an unquoted identifier: CQL does not tell them apart lexically. */
    IDENTIFIER,
    /** A {@code "double-quoted"} identifier, case-sensitive. */
    QUOTED_IDENTIFIER,
    /** A {@code 'string'} or {@code $$string$$} literal. */
    STRING,
    /** An integer, float, hexadecimal blob or duration literal. */
    NUMBER,
    /** An unquoted UUID literal. */
    UUID,
    /** {@code ?} or {@code :name}. */
    BIND_MARKER,
    /** Brackets, separators and operators. */
    PUNCTUATION
  }

  /** Whether this is the given keyword, in any case. */
  boolean isKeyword(String keyword) {
    return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  /** Whether this is the given punctuation. */
  boolean is(String punctuation) {
    return type == Type.PUNCTUATION && text.equals(punctuation);
  }

  /** Whether this can name a keyspace, table, column or function. */
  boolean isName() {
    return type == Type.IDENTIFIER || type == Type.QUOTED_IDENTIFIER;
  }

  /** The name as Cassandra stores it: unquoted names are case-insensitive (lowercased), quoted ones exact. */
  String name() {
    return type == Type.QUOTED_IDENTIFIER ? text : text.toLowerCase(Locale.ROOT);
  }
}
