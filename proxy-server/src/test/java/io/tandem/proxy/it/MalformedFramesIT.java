package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated frames on many connections: the proxy answers or drops each bad
 * connection, counts it, and keeps serving a well-behaved driver connected all along.
 */
@TandemClusters
class MalformedFramesIT {

  private static final int CONNECTIONS = 300;
  private static final int FRAMES_PER_CONNECTION = 12;
  private static ProxyFixture fixture;
  private static CqlSession client;
  private final Random random = new Random(42);

  @BeforeAll
  static void startProxy(ClusterPair clusters) {
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.maxFrameBytes(64 * 1024));
    client = fixture.clientSession();
  }

  @AfterAll
  static void stopProxy() {
    client.close();
    fixture.close();
  }

  @Test
  void should_survive_random_and_mutated_frames_and_keep_serving_good_clients() throws IOException {
    int sent = 0;
    for (int connection = 0; connection < CONNECTIONS; connection++) {
      List<byte[]> frames = new ArrayList<>();
      for (int frame = 0; frame < FRAMES_PER_CONNECTION; frame++) {
        frames.add(mutant());
      }
      sendAndDrain(frames);
      sent += frames.size();
      if (connection % 50 == 0) {
        assertThat(client.execute("SELECT release_version FROM system.local").one()).isNotNull();
      }
    }

    assertThat(sent).isGreaterThanOrEqualTo(3000);
    assertThat(client.execute("SELECT release_version FROM system.local").one()).isNotNull();
    try (CqlSession fresh = fixture.clientSession()) {
      assertThat(fresh.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
    double rejected = meters().find("tandem.proxy.rejected").counters().stream().mapToDouble(Counter::count).sum();
    assertThat(rejected).isGreaterThan(CONNECTIONS / 2.0);
  }

  @Test
  void should_answer_an_undecodable_request_with_a_protocol_error_and_leave_nothing_in_flight() throws Exception {
    double undecodableBefore = rejected("undecodable");
    try (Socket socket = new Socket(fixture.proxy().address().getAddress(), fixture.proxy().address().getPort())) {
      socket.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      socket.getOutputStream().write(frame(4, 0x01, startupBody()));
      assertThat(readFrame(in)[4]).as("READY").isEqualTo((byte) 0x02);

      // a QUERY whose text claims 1,000 bytes of a 3-byte body
      socket.getOutputStream().write(frame(4, 0x07, new byte[] {0, 0, 0x03, (byte) 0xE8, 'a', 'b', 'c'}));
      ByteBuffer answer = ByteBuffer.wrap(readFrame(in));

      assertThat(answer.get(4)).as("ERROR").isEqualTo((byte) 0x00);
      assertThat(answer.getInt(9)).as("PROTOCOL_ERROR").isEqualTo(0x000A);
      assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
    }
    assertThat(rejected("undecodable")).isEqualTo(undecodableBefore + 1);
    assertThat(eventuallyNothingInFlight()).as("tandem.proxy.in_flight").isZero();
  }

  private static double rejected(String reason) {
    Counter counter = meters().find("tandem.proxy.rejected").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static double eventuallyNothingInFlight() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    double inFlight = meters().get("tandem.proxy.in_flight").gauge().value();
    while (inFlight != 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      inFlight = meters().get("tandem.proxy.in_flight").gauge().value();
    }
    return inFlight;
  }

  private static MeterRegistry meters() {
    return fixture.meters();
  }

  /** One whole frame: the 9-byte header, then the body. */
  private static byte[] readFrame(DataInputStream in) throws IOException {
    byte[] header = new byte[9];
    in.readFully(header);
    byte[] frame = java.util.Arrays.copyOf(header, 9 + ByteBuffer.wrap(header).getInt(5));
    in.readFully(frame, 9, frame.length - 9);
    return frame;
  }

  private byte[] mutant() {
    byte[] valid = switch (random.nextInt(3)) {
      case 0 -> frame(4, 0x05, new byte[0]);
      case 1 -> frame(4, 0x01, startupBody());
      default -> frame(4, 0x07, queryBody("SELECT * FROM system.local"));
    };
    return switch (random.nextInt(7)) {
      case 0 -> randomBytes(1 + random.nextInt(64));
      case 1 -> flipBytes(valid);
      case 2 -> java.util.Arrays.copyOf(valid, Math.max(1, random.nextInt(valid.length)));
      case 3 -> withLength(valid, 10 * 1024 * 1024);
      case 4 -> withByte(valid, 4, (byte) (0x11 + random.nextInt(0xEE)));
      case 5 -> withByte(valid, 0, (byte) random.nextInt(256));
      default -> frame(4, 0x07, randomBytes(random.nextInt(200)));
    };
  }

  private void sendAndDrain(List<byte[]> frames) throws IOException {
    try (Socket socket = new Socket(fixture.proxy().address().getAddress(), fixture.proxy().address().getPort())) {
      socket.setSoTimeout(50);
      OutputStream out = socket.getOutputStream();
      try {
        for (byte[] frame : frames) {
          out.write(frame);
        }
        out.flush();
      } catch (IOException closedByProxy) {
        // the proxy closed the connection after a bad frame: the expected outcome
      }
      drain(socket.getInputStream());
    }
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    try {
      while (in.read(buffer) >= 0) {
        // discard whatever the proxy answered
      }
    } catch (SocketTimeoutException stillOpen) {
      // nothing more to read for now
    } catch (IOException reset) {
      // closed by the proxy
    }
  }

  private static byte[] frame(int version, int opcode, byte[] body) {
    ByteBuffer frame = ByteBuffer.allocate(9 + body.length);
    frame.put((byte) version).put((byte) 0).putShort((short) 1).put((byte) opcode).putInt(body.length).put(body);
    return frame.array();
  }

  private static byte[] startupBody() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 1});
    writeString(body, "CQL_VERSION");
    writeString(body, "3.0.0");
    return body.toByteArray();
  }

  private static byte[] queryBody(String query) {
    byte[] text = query.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(4 + text.length + 3);
    body.putInt(text.length).put(text).putShort((short) 1).put((byte) 0);
    return body.array();
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] flipBytes(byte[] frame) {
    byte[] copy = frame.clone();
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static byte[] withLength(byte[] frame, int length) {
    byte[] copy = frame.clone();
    ByteBuffer.wrap(copy).putInt(5, length);
    return copy;
  }

  private static byte[] withByte(byte[] frame, int index, byte value) {
    byte[] copy = frame.clone();
    copy[index] = value;
    return copy;
  }
}
