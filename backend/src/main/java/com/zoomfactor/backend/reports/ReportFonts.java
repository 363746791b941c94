package com.zoomfactor.backend.reports;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's typefaces: DejaVu Sans and DejaVu Sans Bold (Latin, Greek, Cyrillic and more), read from the font
 * jar once, and the <em>fallback</em> faces for the scripts DejaVu lacks (CJK, Hangul …): TrueType files (TTF, or
 * the first face of a TTC) from {@code ZF_PDF_FONTS} (directories or files, separated by the path separator), else
 * from the directories of Debian's {@code fonts-wqy-zenhei} (Chinese, Japanese and Korean) and
 * {@code fonts-droid-fallback} when installed. Each face is embedded
 * in a document as a subset of the glyphs it uses, and a fallback only when some character needs it.
 */
final class ReportFonts {

    /** Where the fallback faces are. */
    static final String FONTS_VARIABLE = "ZF_PDF_FONTS";
    /** Debian's CJK faces with TrueType outlines (Noto CJK is CFF-based OpenType, which PDFBox cannot embed). */
    private static final List<Path> DEFAULT_PLACES = List.of(Path.of("/usr/share/fonts/truetype/wqy"),
            Path.of("/usr/share/fonts/truetype/droid"));

    private static final Logger LOG = LoggerFactory.getLogger(ReportFonts.class);
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

    /** How many fallback faces there are, in the order they are tried. */
    static int fallbackCount() {
        return Fallbacks.FILES.size();
    }

    /** The fallback face {@code index} loaded into {@code doc}. */
    static PDFont loadFallback(PDDocument doc, int index) throws IOException {
        FallbackFile file = Fallbacks.FILES.get(index);
        if (!file.collection()) {
            return PDType0Font.load(doc, new TTFParser().parse(new RandomAccessReadBuffer(file.bytes())), true);
        }
        // the collection is not closed here: the document reads the face's tables when it subsets it on save
        TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(file.bytes()));
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(font -> {
            if (first[0] == null) {
                first[0] = font;
            }
        });
        if (first[0] == null) {
            throw new IOException(file.path() + " holds no font");
        }
        return PDType0Font.load(doc, first[0], true);
    }

    private static PDFont load(PDDocument doc, byte[] file) throws IOException {
        // parsed per document: a parsed font is not shared between render threads
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(file));
        return PDType0Font.load(doc, font, true);
    }

    /** A fallback face's file, read once. */
    private record FallbackFile(Path path, byte[] bytes, boolean collection) {
    }

    /** The fallback files, found and read on first use. */
    private static final class Fallbacks {
        static final List<FallbackFile> FILES = find(System.getenv(FONTS_VARIABLE));
    }

    /** The TTF and TTC files in {@code setting}'s places (or the default ones), by name within each place. */
    private static List<FallbackFile> find(String setting) {
        List<Path> places = setting == null || setting.isBlank() ? DEFAULT_PLACES
                : Arrays.stream(setting.split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        List<FallbackFile> files = new ArrayList<>();
        for (Path place : places) {
            for (Path path : fontFiles(place)) {
                try {
                    files.add(new FallbackFile(path, Files.readAllBytes(path),
                            path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")));
                } catch (IOException e) {
                    LOG.warn("Cannot read the PDF font {}: {}", path, e.toString());
                }
            }
        }
        if (setting != null && !setting.isBlank() && files.isEmpty()) {
            LOG.warn("{} names no TTF or TTC file: names in scripts DejaVu Sans lacks render as \uFFFD", FONTS_VARIABLE);
        }
        return List.copyOf(files);
    }

    private static List<Path> fontFiles(Path place) {
        if (Files.isRegularFile(place)) {
            return isFont(place) ? List.of(place) : List.of();
        }
        if (!Files.isDirectory(place)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(place)) {
            return entries.filter(Files::isRegularFile).filter(ReportFonts::isFont).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the PDF fonts in {}: {}", place, e.toString());
            return List.of();
        }
    }

    private static boolean isFont(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ttf") || name.endsWith(".ttc");
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
