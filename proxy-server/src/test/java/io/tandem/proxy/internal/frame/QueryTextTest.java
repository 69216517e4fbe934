package io.tandem.proxy.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryTextTest {

  @Test
  void should_read_the_text_without_decoding_the_options() {
    assertThat(QueryText.peek(query(0, "SELECT * FROM ks.t", 18))).isEqualTo("SELECT * FROM ks.t");
  }

  @Test
  void should_give_up_on_a_length_past_the_frame_or_a_payload_before_the_body() {
    assertThat(QueryText.peek(query(0, "SELECT 1", 4000))).isNull();
    assertThat(QueryText.peek(query(0, "SELECT 1", -2))).isNull();
    assertThat(QueryText.peek(query(0x04, "SELECT 1", 8))).isNull();
  }

  private static RawFrame query(int flags, String text, int announcedLength) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = Unpooled.buffer().writeByte(4).writeByte(flags).writeShort(1).writeByte(7)
        .writeInt(4 + bytes.length + 3).writeInt(announcedLength).writeBytes(bytes).writeShort(1).writeByte(0);
    return RawFrame.wrap(frame);
  }
}
