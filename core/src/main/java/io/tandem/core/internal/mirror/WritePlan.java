package io.tandem.core.internal.mirror;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.WriteCommand;

/**
 * What happens to one write, decided once by {@link WritePlanner}: its route, the command as both clusters get
 * it, what the mirror needs to know about it, and the two clusters (named together, so a cutover meanwhile
 * cannot send both copies to the same cluster).
 */
record WritePlan(WriteRoute route, WriteCommand command, WriteTraits traits, Side primary, Side secondary) {}
