package io.dialer.dialing;

import io.dialer.agent.Agent;
import io.dialer.telephony.TelephonyPort;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * With a real carrier, every logged-in agent with a phone has a line open to its own bridge for the whole shift; a
 * logged-out or unassigned agent's line is closed. The carrier ignores a connect for a line already up, and brings
 * back one that dropped. Loop thread only.
 */
final class AgentLines {

    private final TelephonyPort carrier;
    private final String campaignId;
    /** Agents whose line this loop opened, with the phone it called. */
    private final Map<UUID, String> open = new HashMap<>();

    AgentLines(TelephonyPort carrier, String campaignId) {
        this.carrier = carrier;
        this.campaignId = campaignId;
    }

    /** Opens (or keeps) the lines of these agents and closes the others, and any whose phone changed. */
    void keepUp(Map<UUID, Agent> loggedIn) {
        for (Iterator<Map.Entry<UUID, String>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UUID, String> line = it.next();
            Agent agent = loggedIn.get(line.getKey());
            if (agent == null || !line.getValue().equals(agent.phoneUri())) {
                carrier.disconnectAgent(line.getKey().toString());
                it.remove();
            }
        }
        for (Agent agent : loggedIn.values()) {
            if (agent.phoneUri() != null) {
                open.put(UUID.fromString(agent.id()), agent.phoneUri());
                carrier.connectAgent(campaignId, agent.id(), agent.phoneUri());
            }
        }
    }

    void closeAll() {
        open.keySet().forEach(id -> carrier.disconnectAgent(id.toString()));
        open.clear();
    }
}
