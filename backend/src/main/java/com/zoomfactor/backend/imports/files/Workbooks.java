package com.zoomfactor.backend.imports.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.NumberToTextConverter;

/**
 * The worksheets of an {@code .xls} or {@code .xlsx} (LinkedIn's page analytics), read with Apache POI into text rows:
 * numbers as plain decimals (no grouping, no rounding), dates as ISO dates (or date-times), text as it is.
 */
final class Workbooks {

    static final Closeable NOTHING_TO_CLOSE = () -> { };

    private Workbooks() {
    }

    /** The workbook's sheets, read once into memory (a workbook is bounded by {@link Upload#MAX_WORKBOOK_BYTES}). */
    static List<Sheet> sheets(Path file) {
        try {
            if (Files.size(file) > Upload.MAX_WORKBOOK_BYTES) {
                throw new UnreadableFile("A workbook may be at most " + Upload.MAX_WORKBOOK_BYTES / (1024 * 1024)
                        + " MB; save it as CSV to import a larger one");
            }
        } catch (IOException e) {
            throw new UnreadableFile("The workbook cannot be read: " + e.getMessage());
        }
        try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
            List<Sheet> sheets = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Sheet sheet : workbook) {
                List<Row> rows = new ArrayList<>();
                for (org.apache.poi.ss.usermodel.Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c)));
                    }
                    Row read = new Row(sheet.getSheetName(), row.getRowNum() + 1L, cells);
                    if (!read.isBlank()) {
                        rows.add(read);
                    }
                }
                sheets.add(new Loaded(sheet.getSheetName(), List.copyOf(rows)));
            }
            return sheets;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFile unreadable) {
                throw unreadable;
            }
            throw new UnreadableFile("The workbook cannot be opened (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? date(cell) : NumberToTextConverter.toText(cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    private static String date(Cell cell) {
        java.time.LocalDateTime at = cell.getLocalDateTimeCellValue();
        return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString()
                : at.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
    }

    /** A worksheet already read. */
    private record Loaded(String name, List<Row> all) implements Sheet {

        @Override
        public String describe() {
            return "spreadsheet";
        }

        @Override
        public boolean decimalComma() {
            return false;
        }

        @Override
        public Rows rows() {
            var iterator = all.iterator();
            return new Rows() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public Row next() {
                    if (!iterator.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return iterator.next();
                }

                @Override
                public void close() {
                    // in memory
                }
            };
        }
    }
}
