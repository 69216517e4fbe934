package io.tandem.core.internal.classify;

import io.tandem.core.internal.classify.CqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CQL text into {@link CqlToken}s, following Cassandra's lexer closely enough that literal text and
 * comments are never mistaken for keywords. Whitespace and comments ({@code --} and {@code //} to the end of
 * the line, <code>/* … *&#47;</code>) produce no token.
 */
final class CqlTokenizer {

  private static final String SINGLE_CHARACTER_PUNCTUATION = "()[]{},;.=<>+-*/%:";
  private static final String[] TWO_CHARACTER_PUNCTUATION = {"<=", ">=", "!=", "+=", "-="};
  private static final int UUID_LENGTH = 36;

  private final String text;
  private final List<CqlToken> tokens = new ArrayList<>();
  private int position;

  private CqlTokenizer(String text) {
    this.text = text;
  }

  /**
   * The tokens of {@code text}, in order.
   *
   * @throws CqlSyntaxException on an unterminated literal or comment, or a character CQL does not use
   */
  static List<CqlToken> tokenize(String text) {
    return new CqlTokenizer(text).run();
  }

  private List<CqlToken> run() {
    while (skipWhitespaceAndComments()) {
      tokens.add(nextToken());
    }
    return tokens;
  }

  /** Moves past whitespace and comments; returns whether a token follows. */
  private boolean skipWhitespaceAndComments() {
    while (position < text.length()) {
      if (Character.isWhitespace(text.charAt(position))) {
        position++;
      } else if (text.startsWith("--", position) || text.startsWith("//", position)) {
        int lineEnd = text.indexOf('\n', position);
        position = lineEnd < 0 ? text.length() : lineEnd + 1;
      } else if (text.startsWith("/*", position)) {
        position = endOf("*/", position + 2, "block comment");
      } else {
        return true;
      }
    }
    return false;
  }

  private CqlToken nextToken() {
    char current = text.charAt(position);
    if (current == '\'') {
      return quoted('\'', Type.STRING);
    } else if (current == '"') {
      return quoted('"', Type.QUOTED_IDENTIFIER);
    } else if (text.startsWith("$$", position)) {
      return token(Type.STRING, endOf("$$", position + 2, "$$ string literal"));
    } else if (isUuidAt(position)) {
      return token(Type.UUID, position + UUID_LENGTH);
    } else if (isLetter(current)) {
      return token(Type.IDENTIFIER, identifierEnd(position));
    } else if (isDigit(current)) {
      return token(Type.NUMBER, numberEnd());
    } else if (current == '?') {
      return token(Type.BIND_MARKER, position + 1);
    } else if (current == ':' && namedBindMarkerFollows()) {
      return namedBindMarker();
    }
    return punctuation();
  }

  private CqlToken token(Type type, int end) {
    CqlToken token = new CqlToken(type, text.substring(position, end), position, end);
    position = end;
    return token;
  }

  /** A literal or identifier between {@code quote}s, where a doubled quote stands for one. */
  private CqlToken quoted(char quote, Type type) {
    int contentStart = position + 1;
    int searchFrom = contentStart;
    while (true) {
      int closing = text.indexOf(quote, searchFrom);
      if (closing < 0) {
        throw new CqlSyntaxException("unterminated " + quote + " at offset " + position);
      }
      if (closing + 1 < text.length() && text.charAt(closing + 1) == quote) {
        searchFrom = closing + 2;
        continue;
      }
      if (type == Type.STRING) {
        return token(type, closing + 1);
      }
      if (closing == contentStart) {
        throw new CqlSyntaxException("empty quoted identifier at offset " + position);
      }
      String name = text.substring(contentStart, closing).replace("\"\"", "\"");
      CqlToken token = new CqlToken(type, name, position, closing + 1);
      position = closing + 1;
      return token;
    }
  }

  /** The offset just past the next {@code terminator} at or after {@code from}. */
  private int endOf(String terminator, int from, String what) {
    int index = text.indexOf(terminator, from);
    if (index < 0) {
      throw new CqlSyntaxException("unterminated " + what + " at offset " + position);
    }
    return index + terminator.length();
  }

  private int identifierEnd(int from) {
    int end = from + 1;
    while (end < text.length() && isIdentifierPart(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Integers, floats with exponents, {@code 0x} blobs and durations such as {@code 1h30m}. */
  private int numberEnd() {
    int end = position + 1;
    while (end < text.length()) {
      char current = text.charAt(end);
      boolean exponentSign = (current == '+' || current == '-')
          && isExponentMarker(text.charAt(end - 1))
          && end + 1 < text.length()
          && isDigit(text.charAt(end + 1));
      if (!isIdentifierPart(current) && current != '.' && !exponentSign) {
        return end;
      }
      end++;
    }
    return end;
  }

  private static boolean isExponentMarker(char character) {
    return character == 'e' || character == 'E';
  }

  /**
   * Whether a {@code :} starts a named bind marker rather than separating a map key from its value: it does
   * when a name follows and the previous token does not end a term.
   */
  private boolean namedBindMarkerFollows() {
    int next = position + 1;
    if (next >= text.length() || !(isLetter(text.charAt(next)) || text.charAt(next) == '"')) {
      return false;
    }
    if (tokens.isEmpty()) {
      return true;
    }
    CqlToken previous = tokens.get(tokens.size() - 1);
    return switch (previous.type()) {
      case STRING, NUMBER, UUID, BIND_MARKER -> false;
      case PUNCTUATION -> !(previous.is(")") || previous.is("]") || previous.is("}"));
      default -> true;
    };
  }

  private CqlToken namedBindMarker() {
    int start = position;
    position++;
    int end = text.charAt(position) == '"'
        ? quoted('"', Type.QUOTED_IDENTIFIER).end()
        : identifierEnd(position);
    position = start;
    return token(Type.BIND_MARKER, end);
  }

  private CqlToken punctuation() {
    for (String candidate : TWO_CHARACTER_PUNCTUATION) {
      if (text.startsWith(candidate, position)) {
        return token(Type.PUNCTUATION, position + 2);
      }
    }
    if (SINGLE_CHARACTER_PUNCTUATION.indexOf(text.charAt(position)) < 0) {
      throw new CqlSyntaxException("unexpected '" + text.charAt(position) + "' at offset " + position);
    }
    return token(Type.PUNCTUATION, position + 1);
  }

  /** Whether an unquoted UUID literal (8-4-4-4-12 hexadecimal digits) starts at {@code from}. */
  private boolean isUuidAt(int from) {
    int end = from + UUID_LENGTH;
    if (end > text.length() || (end < text.length() && isIdentifierPart(text.charAt(end)))) {
      return false;
    }
    for (int index = 0; index < UUID_LENGTH; index++) {
      char current = text.charAt(from + index);
      boolean dash = index == 8 || index == 13 || index == 18 || index == 23;
      if (dash ? current != '-' : Character.digit(current, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
  }

  private static boolean isDigit(char character) {
    return character >= '0' && character <= '9';
  }

  private static boolean isIdentifierPart(char character) {
    return isLetter(character) || isDigit(character) || character == '_';
  }
}
