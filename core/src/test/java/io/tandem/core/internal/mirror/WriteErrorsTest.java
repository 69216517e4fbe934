package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import io.tandem.core.api.mirror.UncertainWriteOutcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class WriteErrorsTest {

  @Test
  void should_count_an_object_that_already_exists_as_done() {
    CompletableFuture<Object> created =
        CompletableFuture.failedFuture(new AlreadyExistsException(mock(Node.class), "ks", "t"));

    assertThat(WriteErrors.objectAlreadyThereIsDone(created).toCompletableFuture()).isCompleted();
  }

  @Test
  void should_keep_every_other_failure() {
    CompletableFuture<Object> invalid =
        CompletableFuture.failedFuture(new InvalidQueryException(mock(Node.class), "unknown table"));

    assertThat(WriteErrors.objectAlreadyThereIsDone(invalid).toCompletableFuture())
        .isCompletedExceptionally();
    assertThat(WriteErrors.isRequestError(new AlreadyExistsException(mock(Node.class), "ks", "t"))).isTrue();
  }

  @Test
  void should_say_a_write_may_have_been_applied_when_its_answer_was_lost_or_late() {
    Node node = mock(Node.class);
    ConsistencyLevel one = DefaultConsistencyLevel.ONE;

    assertThat(WriteErrors.mayHaveBeenApplied(new WriteTimeoutException(node, one, 0, 1, WriteType.SIMPLE))).isTrue();
    assertThat(WriteErrors.mayHaveBeenApplied(new CompletionException(new DriverTimeoutException("late"))))
        .isTrue();
    assertThat(WriteErrors.mayHaveBeenApplied(new ClosedConnectionException("closed"))).isTrue();
    assertThat(WriteErrors.mayHaveBeenApplied(AllNodesFailedException.fromErrors(
        Map.of(node, new ClosedConnectionException("closed"))))).isTrue();
    assertThat(WriteErrors.mayHaveBeenApplied(new Uncertain(true))).isTrue();
  }

  @Test
  void should_say_a_refused_write_was_not_applied() {
    Node node = mock(Node.class);

    assertThat(WriteErrors.mayHaveBeenApplied(new InvalidQueryException(node, "unknown table"))).isFalse();
    assertThat(WriteErrors.mayHaveBeenApplied(
        new UnavailableException(node, DefaultConsistencyLevel.QUORUM, 2, 1))).isFalse();
    assertThat(WriteErrors.mayHaveBeenApplied(new OverloadedException(node))).isFalse();
    assertThat(WriteErrors.mayHaveBeenApplied(new NoNodeAvailableException())).isFalse();
    assertThat(WriteErrors.mayHaveBeenApplied(new IllegalStateException("not sent"))).isFalse();
    assertThat(WriteErrors.mayHaveBeenApplied(new Uncertain(false))).isFalse();
  }

  private static final class Uncertain extends RuntimeException implements UncertainWriteOutcome {
    private final boolean applied;

    Uncertain(boolean applied) {
      this.applied = applied;
    }

    @Override
    public boolean mayHaveBeenApplied() {
      return applied;
    }
  }
}
