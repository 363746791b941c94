package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every export format the product reads, in the order they are tried: the most specific first. */
public final class Formats {

    /** The formats, most specific first (a format that would also accept another's files comes after it). */
    public static final List<ExportFormat> ALL = List.of(
            // Google family
            new UniversalAnalyticsReport(), new Ga4Report(), new SearchConsolePerformance(),
            // social family: the per-post formats first (their headers are the most specific)
            new XTweetActivity(), new XContent(), new MetaPosts(), new XTweetActivityDaily(), new XAccountOverview(),
            new MetaSeries(),
            // LinkedIn (workbooks only) and Mailchimp
            new LinkedInContent(), new LinkedInFollowers(), new LinkedInVisitors(),
            new MailchimpAudience(), new MailchimpCampaigns(),
            // the product's own CSV: last, so that no export is mistaken for it
            new ZoomFactorCsv());

    private Formats() {
    }

    /** The first format that recognises the upload. */
    public static Optional<ExportFormat> recognise(Upload upload) {
        return ALL.stream().filter(format -> format.recognises(upload)).findFirst();
    }

    /** What an unrecognised upload looked like, for the 422 that says so. */
    public static String describe(Upload upload) {
        String sheets = upload.sheets().stream().limit(10).map(Formats::describe).collect(Collectors.joining("; "));
        return "a " + upload.kind().key() + " file (" + sheets + ")";
    }

    /** The formats this product reads, for the 422 that lists them. */
    public static String expected() {
        return ALL.stream().map(ExportFormat::label).collect(Collectors.joining(", "));
    }

    private static String describe(Sheet sheet) {
        var head = sheet.head(12);
        String header = head.stream().filter(row -> row.filled() > 1).findFirst()
                .map(row -> String.join(", ", row.cells().subList(0, Math.min(8, row.cells().size()))))
                .orElse("no table");
        return sheet.name() + ": " + header;
    }
}
