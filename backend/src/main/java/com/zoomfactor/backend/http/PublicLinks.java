package com.zoomfactor.backend.http;

import java.net.URI;
import java.util.Optional;

/**
 * Links the server hands out (an invitation's page, a share link's page): absolute under the configured public URL
 * ({@code ZF_PUBLIC_URL}), relative without one — never built from the request's {@code Host} or forwarded headers,
 * which whoever sends the request chooses.
 */
public final class PublicLinks {

    private final String base;

    public PublicLinks(Optional<URI> publicUrl) {
        this.base = publicUrl.map(URI::toString).orElse("");
    }

    /** {@code path} starts with a slash: the app's page below the public URL. */
    public String to(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an app path starts with '/': " + path);
        }
        return base + path;
    }
}
