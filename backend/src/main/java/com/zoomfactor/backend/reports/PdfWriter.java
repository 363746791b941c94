package com.zoomfactor.backend.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Flowing text, tables and images down A4 pages with PDFBox, a new page when one is full, and a footer with page
 * numbers at the end. Text is set in the embedded {@link ReportFonts}: a character the face asked for lacks is set in
 * the first fallback face that has it (a line is shown as runs, one per face), and a character no face has ("☕")
 * as the replacement character instead of failing the whole document.
 */
final class PdfWriter implements AutoCloseable {

    static final float MARGIN = 40;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    /** Room kept below the text for the page number. */
    private static final float BOTTOM = MARGIN + 20;

    /** What stands for a character the font has no glyph for. */
    static final String REPLACEMENT = "\uFFFD";

    final PDFont regular;
    final PDFont bold;

    private final PDDocument doc;
    /** The fallback faces loaded so far, by their index in {@link ReportFonts}: loaded when a character needs them. */
    private final List<PDFont> fallbacks = new ArrayList<>();
    /** By font and code point. */
    private final Map<PDFont, Map<Integer, Boolean>> encodable = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfWriter(PDDocument doc) throws IOException {
        this.doc = doc;
        ReportFonts.Faces faces = ReportFonts.load(doc);
        this.regular = faces.regular();
        this.bold = faces.bold();
        newPage();
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        content = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    void need(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void space(float points) {
        y -= points;
    }

    /** A paragraph wrapped to the text width. */
    void text(String text, PDFont font, float size) throws IOException {
        text(text, font, size, MARGIN, WIDTH);
    }

    void text(String text, PDFont font, float size, float x, float width) throws IOException {
        for (String line : wrap(safe(font, text), font, size, width)) {
            need(size * 1.35f);
            y -= size * 1.35f;
            show(line, font, size, x, y);
        }
    }

    /** A paragraph in a colour (headings in the agency's colour). */
    void text(String text, PDFont font, float size, Color colour) throws IOException {
        content.setNonStrokingColor(colour);
        text(text, font, size);
        content.setNonStrokingColor(Color.BLACK);
    }

    /** A horizontal rule across the text width. */
    void rule(Color colour, float thickness) throws IOException {
        need(thickness + 2);
        y -= thickness;
        content.setNonStrokingColor(colour);
        content.addRect(MARGIN, y, WIDTH, thickness);
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
    }

    /** An image in the top right corner of the current page, where the text has not reached (the header's logo). */
    void imageAtRight(PDImageXObject image, float width, float height) throws IOException {
        content.drawImage(image, MARGIN + WIDTH - width, TOP - height, width, height);
    }

    /** One table row: cells at the given x offsets, each cut to its column's width; bold for a header. */
    void row(String[] cells, float[] columns, boolean header) throws IOException {
        PDFont font = header ? bold : regular;
        float size = 9;
        need(size * 1.5f);
        y -= size * 1.5f;
        for (int i = 0; i < cells.length; i++) {
            float width = (i + 1 < columns.length ? columns[i + 1] : WIDTH) - columns[i] - 4;
            String cell = safe(font, cells[i]);
            if (width(cell, font, size) > width) {
                cell = cut(cell, font, size, width - width("...", font, size)) + "...";
            }
            show(cell, font, size, MARGIN + columns[i], y);
        }
    }

    /** An image drawn at {@code width} × {@code height} points, starting a page when it does not fit. */
    void image(BufferedImage image, float width, float height) throws IOException {
        need(height + 6);
        y -= height + 6;
        PDImageXObject embedded = LosslessFactory.createFromImage(doc, image);
        content.drawImage(embedded, MARGIN, y, width, height);
    }

    /**
     * The footer on every page, once all are written: {@code footer} on the left, "Page n of m" on the right, and
     * {@code poweredBy} small and grey beneath when given.
     */
    void finishPages(String footer, String poweredBy) throws IOException {
        content.close();
        content = null;
        int count = doc.getNumberOfPages();
        String left = safe(regular, footer);
        for (int i = 0; i < count; i++) {
            try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String number = "Page " + (i + 1) + " of " + count;
                writeAt(foot, cut(left, regular, 8, WIDTH - 80), regular, 8, MARGIN, MARGIN);
                writeAt(foot, number, regular, 8, MARGIN + WIDTH - width(number, regular, 8), MARGIN);
                if (poweredBy != null) {
                    foot.setNonStrokingColor(Color.GRAY);
                    writeAt(foot, poweredBy, regular, 6, MARGIN + (WIDTH - width(poweredBy, regular, 6)) / 2,
                            MARGIN - 12);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    private void show(String text, PDFont font, float size, float x, float atY) throws IOException {
        writeAt(content, text, font, size, x, atY);
    }

    private void writeAt(PDPageContentStream stream, String text, PDFont font, float size, float x, float atY)
            throws IOException {
        if (text.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.newLineAtOffset(x, atY);
        for (Run run : runs(text, font)) {
            stream.setFont(run.font(), size);
            stream.showText(run.text());
        }
        stream.endText();
    }

    /** A stretch of text set in one face. */
    private record Run(PDFont font, String text) {
    }

    /** {@link #safe} text cut into runs by the face that has each character; spaces stay in the run they are in. */
    private List<Run> runs(String text, PDFont font) throws IOException {
        List<Run> runs = new ArrayList<>();
        PDFont current = null;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            PDFont face = cp == ' ' && current != null && canEncode(current, cp) ? current : faceFor(font, cp);
            if (face != current && run.length() > 0) {
                runs.add(new Run(current, run.toString()));
                run.setLength(0);
            }
            current = face;
            run.appendCodePoint(cp);
        }
        if (run.length() > 0) {
            runs.add(new Run(current, run.toString()));
        }
        return runs;
    }

    /** {@code font} if it has the character, else the first fallback face that has it, else null. */
    private PDFont faceFor(PDFont font, int codePoint) throws IOException {
        if (canEncode(font, codePoint)) {
            return font;
        }
        for (int i = 0; i < ReportFonts.fallbackCount(); i++) {
            if (fallbacks.size() == i) {
                fallbacks.add(ReportFonts.loadFallback(doc, i));
            }
            if (canEncode(fallbacks.get(i), codePoint)) {
                return fallbacks.get(i);
            }
        }
        return null;
    }

    /**
     * The text with every character neither the font nor a fallback face has a glyph for replaced by
     * {@link #REPLACEMENT} (or "?" should the font lack that too) and every control character (line breaks included: a
     * paragraph is wrapped here) by a space.
     */
    String safe(PDFont font, String text) throws IOException {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (faceFor(font, cp) != null) {
                out.appendCodePoint(cp);
            } else {
                out.append(canEncode(font, REPLACEMENT.codePointAt(0)) ? REPLACEMENT : "?");
            }
        }
        return out.toString();
    }

    private boolean canEncode(PDFont font, int codePoint) {
        return encodable.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, c -> encodes(font, c));
    }

    private static boolean encodes(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Greedy word wrap to {@code width}; a word longer than a line is cut. Expects {@link #safe} text. */
    List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, font, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (width(word, font, size) > width) {
                String head = cut(word, font, size, width);
                lines.add(head);
                word = word.substring(head.length());
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The longest start of {@code text} that fits {@code width} (at least one character). */
    private String cut(String text, PDFont font, float size, float width) throws IOException {
        int end = text.length();
        while (end > 1 && width(text.substring(0, end), font, size) > width) {
            end = text.offsetByCodePoints(end, -1);
        }
        return text.substring(0, end);
    }

    private float width(String text, PDFont font, float size) throws IOException {
        float width = 0;
        for (Run run : runs(text, font)) {
            width += run.font().getStringWidth(run.text());
        }
        return width / 1000 * size;
    }
}
