package com.zoomfactor.backend.http;

import java.net.URI;
import java.util.Optional;

/**
 * Links the server hands out (an invitation's page, a share link's page): absolute under the configured public URL
 * ({@code ZF_PUBLIC_URL}); without one, relative to the app ({@code /shared/…}), which the SPA completes with the
 * origin it was loaded from (the listening {@code localhost} address would be wrong behind any proxy). Never built
 * from the request's {@code Host} or forwarded headers, which whoever sends the request chooses.
 */
public final class PublicLinks {

    private final String configured;
    private final String configuredOrigin;

    public PublicLinks(Optional<URI> publicUrl) {
        this.configured = publicUrl.map(URI::toString).orElse(null);
        this.configuredOrigin = publicUrl.map(url -> url.getScheme() + "://" + url.getRawAuthority()).orElse(null);
    }

    /** The configured public URL's origin ({@code https://host[:port]}), where the app's pages come from; or empty. */
    public Optional<String> origin() {
        return Optional.ofNullable(configuredOrigin);
    }

    /** {@code path} starts with a slash: the app's page below the public URL. */
    public String to(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an app path starts with '/': " + path);
        }
        return configured != null ? configured + path : path;
    }
}
