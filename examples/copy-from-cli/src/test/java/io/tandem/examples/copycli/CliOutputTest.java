package io.tandem.examples.copycli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.examples.copycli.CliOutput.Copy;
import io.tandem.examples.copycli.CliOutput.Count;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliOutputTest {

  @Test
  void should_read_the_counts_of_one_table() {
    List<String> output = List.of("ks.other: source 1 rows, target 1 rows",
        "ks.orders: source 10,000 rows, target 4,300 rows  DIFFERENT");

    assertThat(CliOutput.count(output, "ks.orders")).contains(new Count("ks.orders", 10_000, 4_300));
    assertThat(CliOutput.count(output, "ks.missing")).isEmpty();
  }

  @Test
  void should_read_a_resumed_copy_and_a_fresh_one() {
    String resumed = "ks.orders: PRESERVE, 5,880 rows read, 7,838 writes, 734 rows/s, complete (resumed)";
    String fresh = "ks.orders: DRY RUN, BACKDATE, 12 rows read, 12 writes, 1,200 rows/s, INCOMPLETE";

    assertThat(CliOutput.copy(List.of("copy ks.orders [####] 100.0% 5,880 rows", resumed), "ks.orders"))
        .contains(new Copy("ks.orders", 5_880, 7_838, 734, true, true));
    assertThat(CliOutput.copy(List.of(fresh), "ks.orders"))
        .contains(new Copy("ks.orders", 12, 12, 1_200, false, false));
  }
}
