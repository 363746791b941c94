package com.zoomfactor.backend.imports.files;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A delimited text file (or a zip's entry) as a sheet: its encoding and delimiter sniffed from its start, then read
 * record by record with Apache Commons CSV (quoted fields may hold delimiters and line breaks). Preamble lines
 * (comments, titles, {@code sep=}) come out as rows like any other: each format knows which of them matter.
 */
final class TextSheet implements Sheet {

    /** A line longer than this is not an export's: the reading stops rather than hold it in memory. */
    static final int MAX_LINE_CHARS = 1024 * 1024;
    /** Lines looked at to find the delimiter. */
    private static final int SNIFF_LINES = 30;

    /** Opens the file's bytes afresh. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Source source;
    private volatile Sniffed sniffed;
    /** Where reading is counted, once the upload is watched (null before: recognition does not count). */
    private volatile ReadProgress progress;

    private record Sniffed(TextDecoding.Encoding encoding, char delimiter) {
    }

    TextSheet(String name, Source source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public String name() {
        return name;
    }

    void watch(ReadProgress progress) {
        this.progress = progress;
    }

    @Override
    public String describe() {
        Sniffed s = sniffed();
        return s.encoding().describe() + ", '" + (s.delimiter() == '\t' ? "\\t" : String.valueOf(s.delimiter())) + "'";
    }

    @Override
    public boolean decimalComma() {
        return sniffed().delimiter() == ';';
    }

    @Override
    public Rows rows() {
        Sniffed s = sniffed();
        InputStream in = null;
        try {
            in = source.open();
            ReadProgress watching = progress;
            if (watching != null) {
                in = new Counting(in, watching);
            }
            Reader reader = reader(in, s.encoding());
            CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(s.delimiter()).setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(true).get().parse(new LineLimit(reader));
            return new CsvRows(parser);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UnreadableFile(name + ": " + e.getMessage());
        }
    }

    private Sniffed sniffed() {
        if (sniffed == null) {
            try (InputStream in = new BufferedInputStream(source.open(), TextDecoding.SAMPLE_BYTES)) {
                byte[] head = in.readNBytes(TextDecoding.SAMPLE_BYTES);
                TextDecoding.Encoding encoding = TextDecoding.sniff(head, head.length);
                String text = new String(head, encoding.markLength(), head.length - encoding.markLength(),
                        encoding.charset());
                List<String> lines = new ArrayList<>();
                for (String line : text.split("\r\n|\n|\r", SNIFF_LINES + 1)) {
                    if (lines.size() < SNIFF_LINES) {
                        lines.add(line);
                    }
                }
                sniffed = new Sniffed(encoding, Delimiters.sniff(lines));
            } catch (IOException e) {
                throw new UnreadableFile(name + ": " + e.getMessage());
            }
        }
        return sniffed;
    }

    private static Reader reader(InputStream in, TextDecoding.Encoding encoding) throws IOException {
        in.skipNBytes(encoding.markLength());
        // a character the encoding cannot have becomes U+FFFD rather than failing a 100 MB import at its end
        return new BufferedReader(new InputStreamReader(in, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 64 * 1024);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was read
            }
        }
    }

    private final class CsvRows implements Rows {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        CsvRows(CSVParser parser) {
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw unreadable(e);
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                CSVRecord record = records.next();
                ReadProgress watching = progress;
                if (watching != null) {
                    watching.row();
                }
                return new Row(name, parser.getCurrentLineNumber(), record.toList());
            } catch (UncheckedIOException | IllegalStateException e) {
                throw unreadable(e);
            }
        }

        private UnreadableFile unreadable(RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new UnreadableFile(name + ", line " + parser.getCurrentLineNumber() + ": "
                    + (cause.getMessage() == null ? "cannot be read" : cause.getMessage()));
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }

    /** Counts the bytes read into the progress. */
    private static final class Counting extends java.io.FilterInputStream {
        private final ReadProgress progress;

        Counting(InputStream in, ReadProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.bytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                progress.bytes(n);
            }
            return n;
        }
    }

    /** Fails a line (outside or inside quotes) longer than {@link #MAX_LINE_CHARS}. */
    private static final class LineLimit extends FilterReader {
        private int sinceBreak;

        LineLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            for (int i = 0; i < read; i++) {
                count(buffer[offset + i]);
            }
            return read;
        }

        private void count(int c) throws IOException {
            if (c == '\n' || c == '\r') {
                sinceBreak = 0;
            } else if (c >= 0 && ++sinceBreak > MAX_LINE_CHARS) {
                throw new IOException("a line longer than " + MAX_LINE_CHARS + " characters: not an export file");
            }
        }
    }
}
