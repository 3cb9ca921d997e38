package io.dialer.dialing;

import io.dialer.contact.DialingFacts;
import io.dialer.engine.schedule.Attempt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Lets the contact feature explain dialability with the attempts and the clock this feature owns. */
@ApplicationScoped
public class DialingFactsService implements DialingFacts {

    private final AttemptRepository attempts;
    private final LeaseRepository leases;

    DialingFactsService(AttemptRepository attempts, LeaseRepository leases) {
        this.attempts = attempts;
        this.leases = leases;
    }

    @Override
    public Map<UUID, List<Attempt>> attempts(String tenant, Collection<UUID> contactIds) {
        return attempts.history(tenant, contactIds);
    }

    @Override
    public Instant campaignNow(UUID campaignId) {
        return leases.clockOf(campaignId).instant();
    }
}
