package io.dialer.campaign;

import java.util.Set;

/** Campaign lifecycle. COMPLETED is reached by the engine when no contact can ever be dialled again. */
public enum CampaignState {
    DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED;

    /** What a client may ask of a campaign, and from which states. */
    public enum Action {
        START(Set.of(DRAFT), RUNNING),
        PAUSE(Set.of(RUNNING), PAUSED),
        RESUME(Set.of(PAUSED), RUNNING),
        STOP(Set.of(DRAFT, RUNNING, PAUSED), STOPPED);

        private final Set<CampaignState> from;
        private final CampaignState to;

        Action(Set<CampaignState> from, CampaignState to) {
            this.from = from;
            this.to = to;
        }

        public boolean allowedFrom(CampaignState state) {
            return from.contains(state);
        }

        public CampaignState target() {
            return to;
        }

        public Set<CampaignState> allowedStates() {
            return from;
        }

        public String verb() {
            return name().toLowerCase();
        }
    }

    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }

    public boolean isFinished() {
        return this == STOPPED || this == COMPLETED;
    }
}
