package io.dialer.dialing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Knobs of the live loop on this replica. */
@ConfigMapping(prefix = "dialer.dialing")
public interface DialingConfig {

    /** Run campaign loops on this replica (off for API-only replicas). */
    @WithDefault("true")
    boolean enabled();

    /** How long a lease lasts without renewal: another replica takes a campaign over this long after its owner died. */
    @WithDefault("10")
    int leaseSeconds();

    /** Longest pause between two loop ticks (a carrier event wakes the loop earlier). */
    @WithDefault("50")
    int tickMillis();

    /** How often this replica looks for campaigns nobody runs. */
    @WithDefault("1000")
    int supervisorMillis();

    /**
     * Most campaign loops one replica takes at once: its capacity. A replica at capacity takes no more leases, so the
     * other replicas run the rest; adding replicas adds capacity (ThreeReplicasIT measures it).
     */
    @WithDefault("200")
    int maxCampaigns();
}
