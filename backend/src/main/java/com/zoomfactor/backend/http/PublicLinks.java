package com.zoomfactor.backend.http;

import java.net.URI;
import java.util.Optional;

/**
 * Links the server hands out (an invitation's page, a share link's page): absolute under the configured public URL
 * ({@code ZF_PUBLIC_URL}); without one, under the server's own listening origin ({@code http://localhost:<port>}, the
 * address it prints at startup), relative until it listens. Never built from the request's {@code Host} or forwarded
 * headers, which whoever sends the request chooses.
 */
public final class PublicLinks {

    private final String configured;
    private final String configuredOrigin;
    private volatile String listening = "";

    public PublicLinks(Optional<URI> publicUrl) {
        this.configured = publicUrl.map(URI::toString).orElse(null);
        this.configuredOrigin = publicUrl.map(url -> url.getScheme() + "://" + url.getRawAuthority()).orElse(null);
    }

    /** The configured public URL's origin ({@code https://host[:port]}), where the app's pages come from; or empty. */
    public Optional<String> origin() {
        return Optional.ofNullable(configuredOrigin);
    }

    /** The port the server listens on, once it does: the base of the links when no public URL is configured. */
    public void listeningOn(int port) {
        listening = "http://localhost:" + port;
    }

    /** {@code path} starts with a slash: the app's page below the public URL. */
    public String to(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an app path starts with '/': " + path);
        }
        return (configured != null ? configured : listening) + path;
    }
}
