package com.zoomfactor.backend.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored event of a tracked site: never an IP address or a User-Agent, only the visitor's daily hash and the
 * classes derived from the User-Agent. {@code props} is a JSON object's text or null.
 */
public record PageEvent(UUID agencyId, UUID clientId, UUID siteId, Instant at, long visitor, String name, String path,
                        String referrerHost, String referrerPath, String utmSource, String utmMedium,
                        String utmCampaign, String browser, String os, String device, Integer width, Integer engagedMs,
                        Boolean returning, String props) {
}
