package com.zoomfactor.backend.reports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.apache.batik.transcoder.SVGAbstractTranscoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SVG drawn into an image (Apache Batik), for the report's logo. The SVG was sanitised when stored; Batik is told
 * besides to load nothing outside the document and run no script. A drawing that fails leaves the logo out (the
 * agency's name stands for it) rather than failing the report.
 */
final class SvgImages {

    private static final Logger LOG = LoggerFactory.getLogger(SvgImages.class);

    private SvgImages() {
    }

    /** The SVG drawn {@code height} pixels high (its width in proportion), or empty when it cannot be drawn. */
    static Optional<BufferedImage> draw(byte[] svg, float height) {
        Capture capture = new Capture();
        capture.addTranscodingHint(SVGAbstractTranscoder.KEY_HEIGHT, height);
        capture.addTranscodingHint(SVGAbstractTranscoder.KEY_ALLOW_EXTERNAL_RESOURCES, Boolean.FALSE);
        capture.addTranscodingHint(SVGAbstractTranscoder.KEY_EXECUTE_ONLOAD, Boolean.FALSE);
        try {
            capture.transcode(new TranscoderInput(new ByteArrayInputStream(svg)), new TranscoderOutput());
            return Optional.ofNullable(capture.image);
        } catch (TranscoderException | RuntimeException e) {
            LOG.warn("An SVG logo could not be drawn into a report: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Keeps the drawn image instead of encoding it to a stream. */
    private static final class Capture extends ImageTranscoder {
        private BufferedImage image;

        @Override
        public BufferedImage createImage(int width, int height) {
            return new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        }

        @Override
        public void writeImage(BufferedImage drawn, TranscoderOutput output) {
            this.image = drawn;
        }
    }
}
