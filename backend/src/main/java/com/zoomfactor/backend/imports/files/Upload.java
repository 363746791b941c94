package com.zoomfactor.backend.imports.files;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An uploaded file on disk, as the sheets it holds, told apart by its first bytes (never by its name): a zip (Search
 * Console's and Mailchimp's exports; an {@code .xlsx} is a zip too), an OLE2 {@code .xls}, or delimited text.
 */
public final class Upload implements Closeable {

    /** A workbook is read whole by POI: larger ones are refused rather than risk the heap. */
    public static final long MAX_WORKBOOK_BYTES = 50L * 1024 * 1024;
    /** More entries than any export has: a zip of thousands of files is not one. */
    static final int MAX_ZIP_ENTRIES = 1_000;
    /** An entry may unpack to at most this much: a zip bomb stops here. */
    static final long MAX_ENTRY_BYTES = 2L * 1024 * 1024 * 1024;
    /**
     * An entry may unpack to at most this many times its packed size (past {@link #RATIO_FLOOR_BYTES}): text exports
     * pack 5 to 30 times; a zip bomb's zeros or line breaks pack a thousand times, and are stopped here long before
     * {@link #MAX_ENTRY_BYTES} (which would keep the import runner busy for minutes).
     */
    static final long MAX_RATIO = 100;
    static final long RATIO_FLOOR_BYTES = 16L * 1024 * 1024;

    /** What kind of file it is. */
    public enum Kind {
        TEXT, ZIP, WORKBOOK;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final List<Sheet> sheets;
    private final Closeable resource;

    private Upload(Kind kind, List<Sheet> sheets, Closeable resource) {
        this.kind = kind;
        this.sheets = List.copyOf(sheets);
        this.resource = resource;
    }

    /** Opens the file: nothing but its first bytes and (for a zip) its directory are read yet. */
    public static Upload open(Path file) {
        byte[] magic = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, magic.length);
        } catch (IOException e) {
            throw new UnreadableFile("The upload cannot be read: " + e.getMessage());
        }
        if (read >= 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 || magic[2] == 5)) {
            return zip(file);
        }
        if (read >= 8 && (magic[0] & 0xFF) == 0xD0 && (magic[1] & 0xFF) == 0xCF && (magic[2] & 0xFF) == 0x11
                && (magic[3] & 0xFF) == 0xE0) {
            return new Upload(Kind.WORKBOOK, Workbooks.sheets(file), Workbooks.NOTHING_TO_CLOSE);
        }
        return new Upload(Kind.TEXT, List.of(new TextSheet("the file", () -> Files.newInputStream(file))),
                Workbooks.NOTHING_TO_CLOSE);
    }

    private static Upload zip(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new UnreadableFile("The zip file is damaged or incomplete (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UnreadableFile("The zip file cannot be read: " + e.getMessage());
        }
        try {
            if (zip.getEntry("xl/workbook.xml") != null || zip.getEntry("[Content_Types].xml") != null) {
                zip.close();
                return new Upload(Kind.WORKBOOK, Workbooks.sheets(file), Workbooks.NOTHING_TO_CLOSE);
            }
            List<Sheet> sheets = new ArrayList<>();
            int entries = 0;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new UnreadableFile("The zip file holds more than " + MAX_ZIP_ENTRIES + " entries");
                }
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || baseName(name).startsWith(".")) {
                    continue;
                }
                if (entry.getSize() > MAX_ENTRY_BYTES) {
                    throw new UnreadableFile(name + " unpacks to " + entry.getSize() / (1024 * 1024) + " MB, more than"
                            + " the " + MAX_ENTRY_BYTES / (1024 * 1024) + " MB an entry may hold");
                }
                long limit = Math.min(MAX_ENTRY_BYTES, Math.max(RATIO_FLOOR_BYTES,
                        MAX_RATIO * Math.max(0, entry.getCompressedSize())));
                sheets.add(new TextSheet(baseName(name), () -> new Bounded(zip.getInputStream(entry), name, limit)));
            }
            if (sheets.isEmpty()) {
                throw new UnreadableFile("The zip file holds no files");
            }
            return new Upload(Kind.ZIP, sheets, zip);
        } catch (IOException | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e instanceof UnreadableFile unreadable ? unreadable
                    : new UnreadableFile("The zip file cannot be read: " + e.getMessage());
        }
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public Kind kind() {
        return kind;
    }

    public List<Sheet> sheets() {
        return sheets;
    }

    /** From now on, rows and bytes read from this upload's text count into {@code progress}. */
    public void watch(ReadProgress progress) {
        for (Sheet sheet : sheets) {
            if (sheet instanceof TextSheet text) {
                text.watch(progress);
            }
        }
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }

    /**
     * An entry's bytes, failing once it unpacks to more than its limit ({@link #MAX_ENTRY_BYTES}, or
     * {@link #MAX_RATIO} times its packed size); damage reads as damage.
     */
    private static final class Bounded extends FilterInputStream {
        private final String name;
        private final long limit;
        private long read;

        Bounded(InputStream in, String name, long limit) {
            super(in);
            this.name = name;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = guard(() -> super.read());
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = guard(() -> super.read(buffer, offset, length));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException(name + " unpacks to more than " + (limit == MAX_ENTRY_BYTES
                        ? MAX_ENTRY_BYTES / (1024 * 1024) + " MB" : MAX_RATIO + " times its packed size (a zip bomb?)"));
            }
        }

        private interface Read {
            int read() throws IOException;
        }

        private int guard(Read read) throws IOException {
            try {
                return read.read();
            } catch (java.io.EOFException | ZipException e) {
                throw new IOException(name + " is damaged or incomplete in the zip", e);
            }
        }
    }
}
