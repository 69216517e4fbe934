package io.tandem.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

  @Test
  void should_read_a_plain_token_and_write_the_same_back() {
    byte[] token = "\0app_user\0s3cret:with\u00e9".getBytes(StandardCharsets.UTF_8);

    ClientCredentials credentials = ClientCredentials.fromPlainToken(token).orElseThrow();

    assertThat(credentials.username()).isEqualTo("app_user");
    assertThat(credentials.password()).isEqualTo("s3cret:withé");
    assertThat(credentials.plainToken()).isEqualTo(token);
  }

  @Test
  void should_read_a_plain_token_with_an_authorization_identity() {
    byte[] token = "admin\0app_user\0pw".getBytes(StandardCharsets.UTF_8);

    assertThat(ClientCredentials.fromPlainToken(token)).hasValue(new ClientCredentials("app_user", "pw"));
  }

  @Test
  void should_not_read_other_tokens() {
    assertThat(ClientCredentials.fromPlainToken(null)).isEmpty();
    assertThat(ClientCredentials.fromPlainToken(new byte[0])).isEmpty();
    assertThat(ClientCredentials.fromPlainToken("no separators".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(ClientCredentials.fromPlainToken("\0\0pw".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(ClientCredentials.fromPlainToken("\0user\0pw\0more".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
