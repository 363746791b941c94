package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SocialTablesTest {

    @Test
    void daysAsTheSocialToolsWriteThem() {
        LocalDate feb18 = LocalDate.of(2025, 2, 18);
        assertThat(SocialTables.day("Tue, Feb 18, 2025")).contains(feb18);
        assertThat(SocialTables.day("Feb 18, 2025")).contains(feb18);
        assertThat(SocialTables.day("2025-02-18")).contains(feb18);
        assertThat(SocialTables.day("2025-02-18T00:00:00")).contains(feb18);
        assertThat(SocialTables.day("2025-02-18 00:00 +0000")).contains(feb18);
        assertThat(SocialTables.day("2/18/2025")).contains(feb18);
        assertThat(SocialTables.day("Sat, Feb 31, 2025")).isEmpty();
        assertThat(SocialTables.day("2025-02-30")).isEmpty();
        assertThat(SocialTables.day("yesterday")).isEmpty();
    }

    @Test
    void tweetTimesKeepTheirOffset() {
        assertThat(SocialTables.tweetTime("2021-11-30 16:00 +0000"))
                .contains(OffsetDateTime.of(2021, 11, 30, 16, 0, 0, 0, ZoneOffset.UTC));
        assertThat(SocialTables.tweetTime("2021-11-30 16:00 +0100"))
                .contains(OffsetDateTime.of(2021, 11, 30, 16, 0, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(SocialTables.tweetTime("2021-11-30")).isEmpty();
    }

    @Test
    void htmlEntitiesAreDecoded() {
        assertThat(SocialTables.decodeEntities("a &amp; b &lt;c&gt; it&#39;s &quot;q&quot; &#x1F600; &#8217;"))
                .isEqualTo("a & b <c> it's \"q\" \uD83D\uDE00 \u2019");
        assertThat(SocialTables.decodeEntities("AT&T &unknown; & done")).isEqualTo("AT&T &unknown; & done");
    }
}
