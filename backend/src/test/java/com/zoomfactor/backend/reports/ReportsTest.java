package com.zoomfactor.backend.reports;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReportsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** Not Latin-1 throughout: the PDF's font has no cup and no CJK, and must not fail on them. */
    private static final String NAME = "Café ☕ 東京 & Co";
    private static final int DAYS = 40;

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Reporting Agency");
        client = live.accounts().createClient(owner, NAME);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    private HttpResponse<Buffer> report(UUID of, String kind, String query, Session who) {
        return call(HttpMethod.GET, "/api/clients/" + of + "/report." + kind + query, who, null);
    }

    /** 40 days of visitors (100 + the day's number) and bounce rates, an annotation, a goal; waits for the score. */
    private void fill() throws InterruptedException {
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < DAYS; ago++) {
            String day = TODAY.minusDays(ago).toString();
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", day).put("value", 100 + DAYS - ago));
            points.add(new JsonObject().put("metric", "web.bounce_rate").put("date", day).put("value", 0.4));
        }
        HttpResponse<Buffer> ingested = call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner,
                new JsonObject().put("points", points));
        assertThat(ingested.statusCode()).as(ingested.bodyAsString()).isEqualTo(200);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/annotations", owner, new JsonObject()
                .put("date", TODAY.minusDays(10).toString()).put("text", "Spring campaign launched 🚀 東京")
                .put("metric", "web.unique_visitors").put("visibility", "public")).statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/annotations", owner, new JsonObject()
                .put("date", TODAY.minusDays(5).toString()).put("text", "Team only: invoice is late"))
                .statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/goals", owner, new JsonObject()
                .put("metric", "web.unique_visitors").put("target", 4321).put("deadline", TODAY.plusDays(30).toString())
                .put("windowDays", 30)).statusCode()).isEqualTo(201);
        long deadline = System.currentTimeMillis() + 15_000;
        while (call(HttpMethod.GET, "/api/clients/" + client + "/score/history", owner, null).bodyAsJsonObject()
                .getJsonArray("points").isEmpty()) {
            assertThat(System.currentTimeMillis()).as("no score was recorded").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String text(PDDocument pdf) throws Exception {
        return new PDFTextStripper().getText(pdf);
    }

    @Test
    void thePdfShowsTheScoreAnnotationsGoalsAndChartsAndItsFirstPageRenders() throws Exception {
        fill();
        double score = call(HttpMethod.GET, "/api/clients/" + client + "/score", owner, null).bodyAsJsonObject()
                .getDouble("score");
        LocalDate from = TODAY.minusDays(59);
        HttpResponse<Buffer> response = report(client, "pdf", "?from=" + from + "&to=" + TODAY, owner);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"zoom-factor-cafe-co-" + from + "-to-" + TODAY + ".pdf\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");

        try (PDDocument pdf = Loader.loadPDF(response.body().getBytes())) {
            assertThat(pdf.getNumberOfPages()).isPositive();
            String text = text(pdf);
            assertThat(text).contains("Café", "& Co", "Reporting Agency")
                    .contains(String.format(Locale.ROOT, "%.1f out of 100", score))
                    .contains("Spring campaign launched") // the rocket and the city come out as the replacement
                    .doesNotContain("Team only") // internal unless chosen
                    .contains("4,321", "Unique visitors", "Bounce rate · latest 40 %")
                    .doesNotContain("web.unique_visitors", "web.bounce_rate")
                    .contains("Points contributed", "How the score is made", "/methodology")
                    .doesNotContain("/api/")
                    .contains("Powered by Zoom Factor")
                    .contains("Page 1 of " + pdf.getNumberOfPages());

            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 100);
            Path dir = Files.createDirectories(TestPaths.workDir().resolve("reports"));
            Path png = dir.resolve("report-page1.png");
            assertThat(ImageIO.write(page, "png", png.toFile())).isTrue();
            assertThat(Files.size(png)).isPositive();
            assertThat(inkShare(page)).as("share of the first page that is not white").isGreaterThan(0.01);
        }

        // a long period is charted by week; the CSV keeps every day
        HttpResponse<Buffer> year = report(client, "pdf", "?from=" + TODAY.minusDays(399), owner);
        assertThat(year.statusCode()).as(year.bodyAsString()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(year.body().getBytes())) {
            assertThat(text(pdf)).contains("Unique visitors, by week");
        }
        // internal annotations only when asked for
        HttpResponse<Buffer> all = report(client, "pdf", "?annotations=all", owner);
        try (PDDocument pdf = Loader.loadPDF(all.body().getBytes())) {
            assertThat(text(pdf)).contains("Team only: invoice is late", "Spring campaign launched");
        }
        try (PDDocument pdf = Loader.loadPDF(report(client, "pdf", "?annotations=none", owner).body().getBytes())) {
            assertThat(text(pdf)).doesNotContain("Team only", "Spring campaign launched");
        }
        assertError(report(client, "pdf", "?annotations=secret", owner), 400);
    }

    @Test
    void theClientReadyPdfCarriesTheAgencysBrandReadableUnitsGoalsAsReachedAndAnyScript() throws Exception {
        UUID omega = live.accounts().createClient(owner, "Ωμέγα Клиент 東京カフェ 서울");
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < DAYS; ago++) {
            String day = TODAY.minusDays(ago).toString();
            points.add(new JsonObject().put("metric", "web.time_on_page").put("date", day).put("value", 65));
            points.add(new JsonObject().put("metric", "web.returning_visitor_share").put("date", day).put("value", 0.43));
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", day).put("value", 200 + ago));
        }
        assertThat(call(HttpMethod.POST, "/api/clients/" + omega + "/observations", owner,
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.POST, "/api/clients/" + omega + "/goals", owner, new JsonObject()
                .put("metric", "web.returning_visitor_share").put("target", 0.5)
                .put("deadline", TODAY.plusDays(30).toString())).statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.PUT, "/api/agency/branding", owner, new JsonObject().put("name", "Northwind Studio")
                .put("colour", "#aa3300").put("footer", "Northwind Studio · Confidential for Omega")
                .put("poweredBy", false)).statusCode()).isEqualTo(200);
        assertThat(http.sendBytes(HttpMethod.PUT, "/api/agency/branding/logo", owner.accessToken(), "image/png",
                com.zoomfactor.backend.branding.Logos.png(180, 60, new java.awt.Color(0xaa, 0x33, 0x00)))
                .statusCode()).isEqualTo(200);
        // the backfill scores the past days from the data: the history is filled, not a single point
        long deadline = System.currentTimeMillis() + 30_000;
        while (report(omega, "csv", "?from=" + TODAY.minusDays(29), owner).bodyAsString().lines()
                .filter(line -> line.startsWith("score,")).count() < 20) {
            assertThat(System.currentTimeMillis()).as("the score history was not backfilled").isLessThan(deadline);
            Thread.sleep(200);
        }

        HttpResponse<Buffer> response = report(omega, "pdf", "?from=" + TODAY.minusDays(29), owner);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(response.body().getBytes())) {
            String text = text(pdf);
            // Greek and Cyrillic in DejaVu Sans, the CJK and Hangul in the fallback face, all embedded
            assertThat(text).contains("Ωμέγα Клиент 東京カフェ 서울").doesNotContain("\uFFFD")
                    .contains("Northwind Studio", "Northwind Studio · Confidential for Omega")
                    .contains("Average time on page · latest 1 m 5 s")
                    .contains("Returning visitor share · latest 43 %")
                    .contains("50 %", "86 %")
                    .doesNotContain("web.time_on_page", "0.43", "Zoom Factor", "No score was recorded");
            assertThat(pdf.getDocumentInformation().getAuthor()).isEqualTo("Northwind Studio");
            // the logo is on the first page, as an image of its own size
            List<Integer> widths = new java.util.ArrayList<>();
            var resources = pdf.getPage(0).getResources();
            for (var name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
                    widths.add(image.getWidth());
                }
            }
            assertThat(widths).contains(180);
            // the first page's faces: DejaVu and a fallback, each an embedded subset (its name has a subset tag)
            List<String> faces = new java.util.ArrayList<>();
            for (var name : resources.getFontNames()) {
                var font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                faces.add(font.getName());
            }
            assertThat(faces).anyMatch(face -> face.contains("DejaVuSans"))
                    .anyMatch(face -> !face.contains("DejaVu"))
                    .allMatch(face -> face.matches("[A-Z]{6}\\+.*"));
            assertThat(response.body().length()).as("PDF size").isLessThan(400_000);
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 100);
            Path dir = Files.createDirectories(TestPaths.workDir().resolve("reports"));
            assertThat(ImageIO.write(page, "png", dir.resolve("branded-report-page1.png").toFile())).isTrue();
        }
    }

    @Test
    void anSvgLogoIsDrawnIntoTheReportAndAHostileOneAsSanitised() throws Exception {
        for (String svg : List.of(com.zoomfactor.backend.branding.Logos.CLEAN_SVG,
                com.zoomfactor.backend.branding.Logos.HOSTILE_SVG)) {
            assertThat(http.sendBytes(HttpMethod.PUT, "/api/agency/branding/logo", owner.accessToken(), "image/svg+xml",
                    Buffer.buffer(svg)).statusCode()).isEqualTo(200);
            HttpResponse<Buffer> response = report(client, "pdf", "", owner);
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            try (PDDocument pdf = Loader.loadPDF(response.body().getBytes())) {
                List<Integer> heights = new java.util.ArrayList<>();
                var resources = pdf.getPage(0).getResources();
                for (var name : resources.getXObjectNames()) {
                    if (resources.getXObject(name)
                            instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
                        heights.add(image.getHeight());
                    }
                }
                assertThat(heights).as("the logo, drawn 144 pixels high").contains(144);
            }
        }
    }

    /** The share of pixels that are not (nearly) white. */
    private static double inkShare(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 200 || ((rgb >> 8) & 0xff) < 200 || (rgb & 0xff) < 200) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    @Test
    void theCsvHoldsOneRowPerDayAndMetricAndTheRecordedScores() throws Exception {
        fill();
        HttpResponse<Buffer> response = report(client, "csv", "?from=" + TODAY.minusDays(29) + "&to=" + TODAY, owner);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(response.getHeader("Content-Disposition")).endsWith(".csv\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.bodyAsString())).getRecords();
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly(ReportCsv.HEADER);
        List<CSVRecord> series = rows.stream().filter(r -> r.get("kind").equals("series")).toList();
        assertThat(series).hasSize(2 * 30); // two metrics, the 30 days of the period
        assertThat(series.get(0).get("date")).isEqualTo(TODAY.minusDays(29).toString());
        assertThat(series).anySatisfy(r -> {
            assertThat(r.get("date")).isEqualTo(TODAY.toString());
            assertThat(r.get("metric")).isEqualTo("web.unique_visitors");
            assertThat(Double.parseDouble(r.get("value"))).isEqualTo(100 + DAYS);
        });
        assertThat(series).filteredOn(r -> r.get("metric").equals("web.bounce_rate"))
                .allSatisfy(r -> assertThat(r.get("value")).isEqualTo("0.4"));
        List<CSVRecord> scores = rows.stream().filter(r -> r.get("kind").equals("score")).toList();
        assertThat(scores).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("metric")).isEqualTo("score");
            assertThat(Double.parseDouble(r.get("value"))).isBetween(0.0, 100.0);
            assertThat(r.get("computed_at")).isNotBlank();
            assertThat(r.get("methodology_version")).isNotBlank();
        });
    }

    @Test
    void aClientWithoutDataStillGetsAValidReport() throws Exception {
        UUID empty = live.accounts().createClient(owner, "=Empty+Client");
        HttpResponse<Buffer> pdf = report(empty, "pdf", "", owner);
        assertThat(pdf.statusCode()).as(pdf.bodyAsString()).isEqualTo(200);
        assertThat(pdf.getHeader("Content-Disposition")).contains("zoom-factor-empty-client-" + TODAY.minusDays(89)
                + "-to-" + TODAY + ".pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            assertThat(doc.getNumberOfPages()).isPositive();
            assertThat(text(doc)).contains("=Empty+Client", "Not scored yet", "No score was recorded",
                    "No metric has data").doesNotContain("Notes on the period", "Goals");
        }
        HttpResponse<Buffer> csv = report(empty, "csv", "", owner);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.bodyAsString()).isEqualTo(String.join(",", ReportCsv.HEADER) + "\r\n");
    }

    @Test
    void badPeriodsAreRefusedWithTheProblemNamed() {
        for (String kind : List.of("pdf", "csv")) {
            assertError(report(client, kind, "?from=yesterday", owner), 400);
            assertError(report(client, kind, "?from=2026-02-30", owner), 400);
            assertError(report(client, kind, "?from=" + TODAY + "&to=" + TODAY.minusDays(1), owner), 400);
            assertError(report(client, kind, "?from=" + TODAY.minusYears(4) + "&to=" + TODAY, owner), 400);
        }
        assertThat(report(client, "pdf", "?from=" + TODAY.minusYears(4), owner).bodyAsJsonObject()
                .getString("message")).contains("at most");
    }

    @Test
    void everyoneWhoReadsTheClientMayDownloadAndNobodyElse() {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session ownClientViewer = live.accounts().invite(owner, "viewer", client);
        UUID other = live.accounts().createClient(owner, "Other Client");
        Session otherClientViewer = live.accounts().invite(owner, "viewer", other);
        Session stranger = live.accounts().signUp("Rival Agency");
        for (String kind : List.of("pdf", "csv")) {
            assertThat(report(client, kind, "", viewer).statusCode()).isEqualTo(200);
            assertThat(report(client, kind, "", ownClientViewer).statusCode()).isEqualTo(200);
            assertError(report(client, kind, "", otherClientViewer), 404);
            assertError(report(client, kind, "", stranger), 404);
            assertError(report(UUID.randomUUID(), kind, "", owner), 404);
        }
    }
}
