package com.zoomfactor.backend.events;

import java.util.UUID;

/**
 * Hears every committed change this instance is told of (the live relay's NOTIFY), and each moment the relay (again)
 * listens: the hook through which the stream's consumers follow commits made by any instance.
 */
public interface CommitObserver {

    void committed(UUID agencyId, UUID clientId, long seq, String kind);

    /** The relay listens (first, or again after a loss): what was committed meanwhile must be read back. */
    void listening();
}
