package io.tandem.validator.internal.scan;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rows of one query, page by page, for a worker thread: the next page is requested as soon as the
 * current one arrives, so reading and processing overlap, and at most two pages are held in memory.
 * Failures surface as {@link ScanException}.
 */
public final class PagedRows implements Iterator<Row> {

  private final Duration pageTimeout;
  private Iterator<Row> page;
  private CompletableFuture<AsyncResultSet> nextPage;
  private long rowsRead;

  public PagedRows(CompletionStage<AsyncResultSet> firstPage, Duration pageTimeout) {
    this.pageTimeout = pageTimeout;
    this.nextPage = firstPage.toCompletableFuture();
  }

  @Override
  public boolean hasNext() {
    while (page == null || !page.hasNext()) {
      if (nextPage == null) {
        return false;
      }
      AsyncResultSet result = await(nextPage);
      nextPage = result.hasMorePages() ? result.fetchNextPage().toCompletableFuture() : null;
      page = result.currentPage().iterator();
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    rowsRead++;
    return page.next();
  }

  public long rowsRead() {
    return rowsRead;
  }

  private AsyncResultSet await(CompletableFuture<AsyncResultSet> future) {
    try {
      return future.get(pageTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScanException("Interrupted while waiting for a page", e, false);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ScanException("No page within " + pageTimeout.toMillis() + " ms", e, true);
    } catch (ExecutionException e) {
      throw ScanException.of(e.getCause());
    }
  }
}
