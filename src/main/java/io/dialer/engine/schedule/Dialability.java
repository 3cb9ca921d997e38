package io.dialer.engine.schedule;

import java.util.List;

/** Whether a contact may be dialled now, and if not, why and until when. */
public record Dialability(boolean dialable, List<Reason> reasons) {

    public Dialability {
        reasons = List.copyOf(reasons);
    }

    public static final Dialability NOW = new Dialability(true, List.of());
}
