package com.zoomfactor.backend.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's typefaces: DejaVu Sans and DejaVu Sans Bold (Latin, Greek, Cyrillic and more), read from the font
 * jar once and embedded in each document as a subset of the glyphs it uses. Names in scripts the face lacks (CJK)
 * come out as the replacement glyph, never as a failed report.
 */
final class ReportFonts {

    private static final String DIR = "/net/sf/jasperreports/fonts/dejavu/";
    private static final byte[] REGULAR = read("DejaVuSans.ttf");
    private static final byte[] BOLD = read("DejaVuSans-Bold.ttf");

    /** The two faces, loaded into one document. */
    record Faces(PDFont regular, PDFont bold) {
    }

    private ReportFonts() {
    }

    static Faces load(PDDocument doc) throws IOException {
        return new Faces(load(doc, REGULAR), load(doc, BOLD));
    }

    private static PDFont load(PDDocument doc, byte[] file) throws IOException {
        // parsed per document: a parsed font is not shared between render threads
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(file));
        return PDType0Font.load(doc, font, true);
    }

    private static byte[] read(String name) {
        try (InputStream in = ReportFonts.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the report font " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
