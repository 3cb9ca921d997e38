package io.dialer.contact;

import io.dialer.engine.schedule.Attempt;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the dialing feature knows about contacts, for explaining a contact's dialability. Implemented by the dialing
 * feature so that contacts do not depend on it.
 */
public interface DialingFacts {

    /** Ended attempts per contact. */
    Map<UUID, List<Attempt>> attempts(String tenant, Collection<UUID> contactIds);

    /** The campaign's clock now: real time, or the simulated time of a campaign running with a time scale. */
    Instant campaignNow(UUID campaignId);
}
