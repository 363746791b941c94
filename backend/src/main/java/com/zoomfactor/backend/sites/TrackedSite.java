package com.zoomfactor.backend.sites;

import java.util.UUID;

/** What the public ingest needs to know of a site key's site. */
public record TrackedSite(UUID id, UUID agencyId, UUID clientId, String domain, boolean returningVisitors) {

    /** True when {@code host} is the site's domain or one of its subdomains. */
    public boolean owns(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(domain) || lower.endsWith("." + domain);
    }
}
