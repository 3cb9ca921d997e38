package io.dialer.dialing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.agent.AgentService;
import io.dialer.campaign.CampaignService;
import io.dialer.contact.ContactQueue;
import io.dialer.telephony.RecordingStore;
import io.dialer.telephony.TelephonyPort;
import jakarta.enterprise.context.ApplicationScoped;

/** What a campaign loop works with, in one place. */
@ApplicationScoped
public class DialingRuntime {

    private final DialingStore store;
    private final LeaseRepository leases;
    private final AttemptRepository attempts;
    private final ContactQueue queue;
    private final CampaignService campaigns;
    private final AgentService agents;
    private final TelephonyPort carrier;
    private final ObjectMapper mapper;
    private final DialingConfig config;
    private final RecordingStore recordings;
    private final DialingMetrics metrics;

    DialingRuntime(DialingStore store, LeaseRepository leases, AttemptRepository attempts, ContactQueue queue,
                   CampaignService campaigns, AgentService agents, TelephonyPort carrier, ObjectMapper mapper,
                   DialingConfig config, RecordingStore recordings, DialingMetrics metrics) {
        this.metrics = metrics;
        this.recordings = recordings;
        this.store = store;
        this.leases = leases;
        this.attempts = attempts;
        this.queue = queue;
        this.campaigns = campaigns;
        this.agents = agents;
        this.carrier = carrier;
        this.mapper = mapper;
        this.config = config;
    }

    DialingStore store() {
        return store;
    }

    LeaseRepository leases() {
        return leases;
    }

    AttemptRepository attempts() {
        return attempts;
    }

    ContactQueue queue() {
        return queue;
    }

    CampaignService campaigns() {
        return campaigns;
    }

    AgentService agents() {
        return agents;
    }

    TelephonyPort carrier() {
        return carrier;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    DialingConfig config() {
        return config;
    }

    RecordingStore recordings() {
        return recordings;
    }

    DialingMetrics metrics() {
        return metrics;
    }
}
