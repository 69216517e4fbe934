package io.tandem.proxy.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyPeekTest {

  private static final byte[] ID = {1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void should_read_the_text_without_decoding_the_options() {
    assertThat(BodyPeek.queryText(query(0, "SELECT * FROM ks.t", 18))).isEqualTo("SELECT * FROM ks.t");
  }

  @Test
  void should_give_up_on_a_length_past_the_frame_or_a_payload_before_the_body() {
    assertThat(BodyPeek.queryText(query(0, "SELECT 1", 4000))).isNull();
    assertThat(BodyPeek.queryText(query(0, "SELECT 1", -2))).isNull();
    assertThat(BodyPeek.queryText(query(0x04, "SELECT 1", 8))).isNull();
  }

  @Test
  void should_read_the_prepared_id_without_decoding_the_values() {
    assertThat(BodyPeek.preparedId(execute(0, ID.length))).containsExactly(ID);
  }

  @Test
  void should_give_up_on_a_prepared_id_that_is_empty_too_long_or_after_a_payload() {
    assertThat(BodyPeek.preparedId(execute(0, 0))).isNull();
    assertThat(BodyPeek.preparedId(execute(0, 400))).isNull();
    assertThat(BodyPeek.preparedId(execute(0x01, ID.length))).isNull();
  }

  private static RawFrame query(int flags, String text, int announcedLength) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = Unpooled.buffer().writeByte(4).writeByte(flags).writeShort(1).writeByte(7)
        .writeInt(4 + bytes.length + 3).writeInt(announcedLength).writeBytes(bytes).writeShort(1).writeByte(0);
    return RawFrame.wrap(frame);
  }

  private static RawFrame execute(int flags, int announcedLength) {
    ByteBuf frame = Unpooled.buffer().writeByte(4).writeByte(flags).writeShort(1).writeByte(0x0A)
        .writeInt(2 + ID.length + 3).writeShort(announcedLength).writeBytes(ID).writeShort(1).writeByte(0);
    return RawFrame.wrap(frame);
  }
}
