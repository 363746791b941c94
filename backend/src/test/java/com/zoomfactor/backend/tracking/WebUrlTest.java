package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link WebUrl}'s hand-read shape must read every URL exactly as {@link URI} does (or leave it to URI). */
class WebUrlTest {

    /** What URI says of a text: host, raw path, raw query of an http(s) URL with a host, or null. */
    private static WebUrl byUri(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return new WebUrl(uri.getHost().toLowerCase(Locale.ROOT), uri.getRawPath(), uri.getRawQuery());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Test
    void readsTheUsualUrlsByHandAsUriDoes() {
        List<String> urls = List.of("https://shop.example/", "https://Shop.Example/a/b?utm_source=news&x=1#top",
                "http://a.example", "http://a.example?q", "http://a.example#f", "HTTPS://a.example:8443/p",
                "https://a-b.c-d.example./x", "https://www.example.com/search?q=a%20b&utm_medium=cpc",
                "https://x.example/p;a=1/(c)!*'~$,+@:=&", "  https://x.example/trimmed  ");
        for (String url : urls) {
            assertThat(WebUrl.plain(url.trim())).as(url).isNotNull().isEqualTo(byUri(url));
            assertThat(WebUrl.parse(url)).as(url).isEqualTo(byUri(url));
        }
    }

    @Test
    void leavesEveryOtherShapeToUri() {
        List<String> urls = List.of("ftp://a.example/", "https://", "https:///p", "https://a.example:/", "https://-a.example/",
                "https://a-.example/", "https://a..example/", "https://1.2.3.4/", "https://[::1]/", "https://u:p@a.example/",
                "https://a_b.example/", "https://a.example/a b", "https://a.example/%zz", "https://a.example/%4",
                "https://a.example/#a#b", "https://a.example/café", "https://a.example:99999999999/", "mailto:a@b.example",
                "https://a.example/\"", "https://a.example/<x>", "https://a.example/{x}", "https://a.example/|", "https:a.example",
                "//a.example/", "https://a.example/`", "https://a.example\\x");
        for (String url : urls) {
            assertThat(WebUrl.parse(url)).as(url).isEqualTo(byUri(url));
        }
    }

    @Test
    void agreesWithUriOnRandomTexts() {
        Random random = new Random(42);
        String alphabet = "aZ09-._~:/?#[]@!$&'()*+,;=% \"<>{}|\\^`é";
        String[] starts = {"http://", "https://", "HTTP://", "ftp://", "http:", ""};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder url = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                url.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = url.toString();
            assertThat(WebUrl.parse(text)).as(text).isEqualTo(byUri(text));
        }
    }
}
