package com.zoomfactor.backend.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SvgSanitiserTest {

    private static String sanitise(String svg) {
        return new String(SvgSanitiser.sanitise(svg.getBytes(StandardCharsets.UTF_8)).bytes(), StandardCharsets.UTF_8);
    }

    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " viewBox=\"0 0 64 32\">";

    @Test
    void whatRunsOrFetchesIsDroppedAndWhatDrawsIsKept() {
        String out = sanitise(OPEN
                + "<g onmouseover=\"x()\" transform=\"translate(1 1)\"><path d=\"M0 0L10 10\" stroke=\"#123456\"/></g>"
                + "<rect width=\"4\" height=\"4\" style=\"fill:red\"/>"
                + "<rect width=\"4\" height=\"4\" style=\"background:url('https://x.example/a')\"/>"
                + "<rect width=\"4\" height=\"4\" style=\"fill:red;\\0075rl(x)\"/>"
                + "<text x=\"1\" y=\"9\">Acme <tspan>Co</tspan></text>"
                + "<use xlink:href=\"data:image/svg+xml;base64,AAAA\"/>"
                + "<!-- a comment --><?pi data?></svg>");
        assertThat(out).contains("<path", "d=\"M0 0L10 10\"", "transform=\"translate(1 1)\"", "style=\"fill:red\"",
                "Acme", "<tspan>Co</tspan>", "viewBox=\"0 0 64 32\"");
        assertThat(out).doesNotContain("onmouseover", "x.example", "\\0075", "<use", "data:", "comment", "<?pi");
    }

    @Test
    void theSizeComesFromWidthAndHeightElseTheViewBox() {
        var sized = SvgSanitiser.sanitise("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120px\" height=\"40\"/>"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(sized.width()).isEqualTo(120);
        assertThat(sized.height()).isEqualTo(40);
        var boxed = SvgSanitiser.sanitise((OPEN + "</svg>").getBytes(StandardCharsets.UTF_8));
        assertThat(boxed.width()).isEqualTo(64);
        assertThat(boxed.height()).isEqualTo(32);
    }

    @Test
    void documentsThatAreNotPlainSvgAreRefused() {
        for (String bad : new String[] {
            "<svg>no namespace</svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">",
            "<!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&a;</text></svg>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><svg xmlns=\"http://www.w3.org/2000/svg\"/></html>",
            "",
        }) {
            assertThatThrownBy(() -> SvgSanitiser.sanitise(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
