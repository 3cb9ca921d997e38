package io.dialer.tenant;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the current request, set by {@link TenantFilter} before any resource runs. */
@RequestScoped
public class TenantContext {

    private String tenant;

    void set(String tenant) {
        this.tenant = tenant;
    }

    public String current() {
        if (tenant == null) {
            throw new IllegalStateException("No tenant resolved for this request");
        }
        return tenant;
    }
}
