package com.zoomfactor.backend.branding;

/** A logo as stored: bytes checked (PNG) or sanitised (SVG), with their media type and size in pixels. */
public record LogoFile(byte[] bytes, String type, int width, int height) {

    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";
}
