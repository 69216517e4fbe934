package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.internal.classify.CqlToken.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CqlTokenizerTest {

  @Test
  void should_split_text_into_tokens_with_offsets() {
    String text = "UPDATE \"My\"\"Ks\".t SET v = 'it''s' -- comment\n WHERE k = ?;";

    List<CqlToken> tokens = CqlTokenizer.tokenize(text);

    assertThat(tokens).extracting(CqlToken::type).containsExactly(
        Type.IDENTIFIER, Type.QUOTED_IDENTIFIER, Type.PUNCTUATION, Type.IDENTIFIER, Type.IDENTIFIER,
        Type.IDENTIFIER, Type.PUNCTUATION, Type.STRING, Type.IDENTIFIER, Type.IDENTIFIER, Type.PUNCTUATION,
        Type.BIND_MARKER, Type.PUNCTUATION);
    assertThat(tokens.get(1).text()).isEqualTo("My\"Ks");
    assertThat(tokens).allSatisfy(token -> {
      String image = text.substring(token.start(), token.end());
      assertThat(token.type() == Type.QUOTED_IDENTIFIER || image.equals(token.text())).isTrue();
    });
  }

  @Test
  void should_skip_all_comment_kinds() {
    List<CqlToken> tokens = CqlTokenizer.tokenize("/* a 'b' */ x // y\n -- z\r\n w /**/");

    assertThat(tokens).extracting(CqlToken::text).containsExactly("x", "w");
  }

  @Test
  void should_read_literals_as_single_tokens() {
    List<CqlToken> tokens = CqlTokenizer.tokenize(
        "$$ now(); 'x' $$ 1.5e-3 0xCAFE 1h30m 123e4567-e89b-12d3-a456-426614174000 ''");

    assertThat(tokens).extracting(CqlToken::type).containsExactly(
        Type.STRING, Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.UUID, Type.STRING);
  }

  @Test
  void should_tell_named_bind_markers_from_map_colons() {
    List<CqlToken> tokens = CqlTokenizer.tokenize("m = {'a':b, 'c': :d} AND k IN :keys AND :\"Q\" > 1");

    assertThat(tokens).filteredOn(token -> token.type() == Type.BIND_MARKER)
        .extracting(CqlToken::text).containsExactly(":d", ":keys", ":\"Q\"");
  }

  @Test
  void should_read_two_character_operators() {
    assertThat(CqlTokenizer.tokenize("c += 1 AND d -= 2 AND e <= 3 AND f != 4"))
        .filteredOn(token -> token.type() == Type.PUNCTUATION)
        .extracting(CqlToken::text).containsExactly("+=", "-=", "<=", "!=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'open", "\"open", "$$ open", "/* open", "\"\"", "a # b", "`x`"})
  void should_reject_text_that_is_not_cql(String text) {
    assertThatThrownBy(() -> CqlTokenizer.tokenize(text)).isInstanceOf(CqlSyntaxException.class);
  }
}
