package io.dialer.engine.sim;

/** The campaign's leads in list order. */
public interface LeadList {

    /** The lead at {@code index}, or null when the list is exhausted. */
    LeadFate get(long index);
}
