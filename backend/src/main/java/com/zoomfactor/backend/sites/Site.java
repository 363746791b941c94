package com.zoomfactor.backend.sites;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A tracked website of a client: its domain, the key its script sends, the snippet to paste (absolute, under the
 * server's public origin) and whether returning visitors are recognised (a first-party mark in localStorage).
 */
public record Site(UUID id, UUID clientId, String domain, String siteKey, String snippet, boolean returningVisitors,
                   OffsetDateTime createdAt) {

    /** The same site with its snippet for scripts served from {@code origin} ({@code https://host[:port]}). */
    public Site withSnippetFrom(String origin) {
        String returning = returningVisitors ? " data-returning=\"1\"" : "";
        return new Site(id, clientId, domain, siteKey, "<script defer data-site=\"" + siteKey + "\"" + returning
                + " src=\"" + origin + "/zf.js\"></script>", returningVisitors, createdAt);
    }
}
