package io.tandem.validator.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.validator.api.range.TokenRange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void should_show_the_share_of_the_ring_done_the_rows_and_an_eta() {
    ConsoleProgress progress = new ConsoleProgress(out, "copy shop.orders", false, Duration.ofHours(1));
    progress.started(List.of(TokenRange.of(0, 1000)), BigInteger.valueOf(1000));

    progress.progressed(BigInteger.valueOf(250), 1_500);

    assertThat(progress.line()).startsWith("copy shop.orders [########......................]  25.0% 1,500 rows ")
        .containsPattern("rows/s ETA \\d+:\\d\\d$");
    progress.finished();
  }

  @Test
  void should_print_a_last_line_at_the_end_and_say_done() {
    ConsoleProgress progress = new ConsoleProgress(out, "validate shop.orders", false, Duration.ofHours(1));
    progress.started(List.of(TokenRange.of(0, 1000)), BigInteger.valueOf(1000));
    progress.progressed(BigInteger.valueOf(1000), 42);

    progress.finished();

    assertThat(printed.toString(StandardCharsets.UTF_8)).hasLineCount(1)
        .startsWith("validate shop.orders [##############################] 100.0% 42 rows ").endsWith("ETA done\n");
  }

  @Test
  void should_redraw_one_line_on_a_terminal() {
    ConsoleProgress progress = new ConsoleProgress(out, "copy", true, Duration.ofHours(1));
    progress.started(List.of(TokenRange.of(0, 10)), BigInteger.TEN);

    progress.finished();

    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\rcopy [").endsWith("ETA --:--\n");
    assertThat(text.indexOf('\n')).as("one line, ended once").isEqualTo(text.length() - 1);
  }
}
