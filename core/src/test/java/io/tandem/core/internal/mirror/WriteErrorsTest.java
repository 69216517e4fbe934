package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.util.concurrent.CompletableFuture;
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
}
