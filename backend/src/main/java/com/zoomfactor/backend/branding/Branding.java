package com.zoomfactor.backend.branding;

import java.time.OffsetDateTime;

/**
 * How an agency presents itself to its clients (reports, shared dashboards): the name shown, its logo, colour and
 * footer, and whether "powered by Zoom Factor" is said.
 *
 * @param name        the name shown: {@code customName} when set, else the agency's own name
 * @param customName  the name set for clients; null when the agency's own name is used
 * @param colour      {@code #rrggbb}; null for the product's colour
 * @param footer      a line at the foot of reports and shared dashboards; null for none
 * @param logo        null when no logo is set
 */
public record Branding(String name, String customName, String colour, String footer, boolean poweredBy, Logo logo) {

    /** The product's own colour, used where an agency set none. */
    public static final String DEFAULT_COLOUR = "#1f5fa8";

    /** The colour to draw with: the agency's, else the product's. */
    public String colourOrDefault() {
        return colour == null ? DEFAULT_COLOUR : colour;
    }

    /** What is known of a stored logo without its bytes. */
    public record Logo(String type, int width, int height, OffsetDateTime updatedAt) {
    }
}
