package com.zoomfactor.backend.branding;

import com.zoomfactor.backend.http.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an uploaded logo is and whether it may be stored: a PNG (its signature, its declared size read before any
 * pixel is decoded, then decoded whole) or an SVG (rebuilt by {@link SvgSanitiser}). Anything else, or a file whose
 * content is not what its Content-Type says, is refused. CPU work: callers run it off the event loop.
 */
final class LogoFiles {

    /** The largest logo accepted, in bytes (the route's body limit). */
    static final int MAX_BYTES = 256 * 1024;
    /** The most pixels on a side: a logo is small, and a huge PNG is a decompression bomb. */
    static final int MAX_SIDE = 2048;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private LogoFiles() {
    }

    /** The logo as it will be stored, or 415 (not PNG or SVG) / 422 (not a valid one). */
    static LogoFile check(String contentType, byte[] bytes) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (bytes.length == 0) {
            throw ApiException.unprocessable("The logo is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "The logo is larger than " + MAX_BYTES / 1024 + " KB");
        }
        return switch (type) {
            case LogoFile.PNG -> png(bytes);
            case LogoFile.SVG -> svg(bytes);
            default -> throw new ApiException(415, "A logo is sent as image/png or image/svg+xml, not '" + type + "'");
        };
    }

    private static LogoFile png(byte[] bytes) {
        if (bytes.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw ApiException.unprocessable("The logo is not a PNG image (its first bytes are not PNG's signature)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ApiException.unprocessable("The logo is not a readable PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw ApiException.unprocessable("The logo is " + width + "×" + height + " pixels: at most "
                            + MAX_SIDE + " on a side");
                }
                BufferedImage image = reader.read(0); // every pixel decodes, or the file is broken
                return new LogoFile(bytes, LogoFile.PNG, image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.unprocessable("The logo is not a readable PNG image: " + e.getMessage());
        }
    }

    private static LogoFile svg(byte[] bytes) {
        SvgSanitiser.Sanitised clean = SvgSanitiser.sanitise(bytes);
        if (clean.width() > 100_000 || clean.height() > 100_000) {
            throw ApiException.unprocessable("The logo's declared size is too large");
        }
        return new LogoFile(clean.bytes(), LogoFile.SVG, clean.width(), clean.height());
    }
}
