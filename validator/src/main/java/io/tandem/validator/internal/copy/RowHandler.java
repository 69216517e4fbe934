package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.cql.Row;

/** What a copy does with one scanned source row: submits the target writes it needs. */
interface RowHandler {

  /**
   * @param firstOfPartition the row is the first of its partition read in this range (static columns go with it)
   */
  void handle(Row row, boolean firstOfPartition, InFlightWrites inFlight) throws InterruptedException;
}
