package io.tandem.proxy.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.proxy.internal.client.ErrorResponses.ErrorAnswer;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void should_say_a_write_the_secondary_did_not_get_is_logged_and_will_be_replayed() {
    MirroredWriteException failure =
        new MirroredWriteException(Side.TARGET, new IllegalStateException("the write was logged for replay"));

    ErrorAnswer answer = ErrorResponses.answerFor(new CompletionException(failure));

    assertThat(answer.code()).isEqualTo(ErrorCode.SERVER_ERROR);
    assertThat(answer.cause()).isEqualTo("mirror");
    assertThat(answer.message())
        .startsWith("Tandem proxy: the write succeeded on the primary cluster but not on the secondary; it is in "
            + "the failed-write log and will be replayed (")
        .contains("the write was logged for replay");
  }

  @Test
  void should_say_a_write_past_the_secondary_deadline_is_on_the_primary_and_its_copy_goes_on() {
    MirroredWriteException failure = new MirroredWriteException(Side.TARGET,
        new java.util.concurrent.TimeoutException("no answer within the secondary deadline of 500 ms"));

    ErrorAnswer answer = ErrorResponses.answerFor(new CompletionException(failure));

    assertThat(answer.code()).isEqualTo(ErrorCode.SERVER_ERROR);
    assertThat(answer.cause()).isEqualTo("mirror");
    assertThat(answer.message())
        .startsWith("Tandem proxy: the write succeeded on the primary cluster; the secondary did not confirm it")
        .contains("secondary deadline of 500 ms");
  }

  @Test
  void should_say_a_write_the_failed_write_log_could_not_take_is_not_logged_and_what_to_check() {
    FailedWriteLogException logFailure = new FailedWriteLogException("Cannot append to the failed-write log "
        + "segment /var/tandem/failed-writes-00000000000000000001.log: IOException: No space left on device",
        new IOException("No space left on device"));
    MirroredWriteException failure = new MirroredWriteException(Side.TARGET, logFailure);

    ErrorAnswer answer = ErrorResponses.answerFor(new CompletionException(failure));

    assertThat(answer.code()).isEqualTo(ErrorCode.SERVER_ERROR);
    assertThat(answer.cause()).isEqualTo("mirror");
    assertThat(answer.message())
        .contains("the write succeeded on the primary cluster but not on the secondary")
        .contains("it is NOT in the failed-write log")
        .contains("it will not be replayed")
        .contains("Check the proxy's failed-write log directory")
        .contains("/var/tandem/failed-writes-00000000000000000001.log: IOException: No space left on device")
        .doesNotContain("will be replayed (");
  }

  @Test
  void should_count_a_write_timeout_or_failure_of_the_primary_as_possibly_applied_and_other_errors_as_refusals() {
    assertThat(new ErrorResponseException(null, ErrorCode.WRITE_TIMEOUT).mayHaveBeenApplied()).isTrue();
    assertThat(new ErrorResponseException(null, ErrorCode.WRITE_FAILURE).mayHaveBeenApplied()).isTrue();
    assertThat(new ErrorResponseException(null, ErrorCode.UNAVAILABLE).mayHaveBeenApplied()).isFalse();
    assertThat(new ErrorResponseException(null, ErrorCode.INVALID).mayHaveBeenApplied()).isFalse();
    assertThat(new ErrorResponseException(null, ErrorCode.OVERLOADED).mayHaveBeenApplied()).isFalse();
  }
}
