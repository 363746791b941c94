package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BotFilterTest {

    @Test
    void crawlersHeadlessBrowsersAndLibrariesAreBots() {
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36")).isTrue();
        assertThat(BotFilter.isBot("python-requests/2.32.3")).isTrue();
        assertThat(BotFilter.isBot(null)).isTrue();
        assertThat(BotFilter.isBot("short")).isTrue();
        assertThat(BotFilter.isBot(TrackingTest.FIREFOX)).isFalse();
        assertThat(BotFilter.isBot(TrackingTest.SAFARI)).isFalse();
        assertThat(BotFilter.isBot(TrackingTest.CHROME)).isFalse();
    }

    @Test
    void spamReferrersAndTheirSubdomainsAreSpam() {
        assertThat(BotFilter.isSpam("semalt.com")).isTrue();
        assertThat(BotFilter.isSpam("x.semalt.com")).isTrue();
        assertThat(BotFilter.isSpam("notsemalt.com")).isFalse();
        assertThat(BotFilter.isSpam("www.google.com")).isFalse();
        assertThat(BotFilter.isSpam(null)).isFalse();
    }

    @Test
    void userAgentsAreClassified() {
        assertThat(UserAgents.classify(TrackingTest.SAFARI, 390)).isEqualTo(new UserAgents.Classes("Safari", "iOS", "Mobile"));
        assertThat(UserAgents.classify(TrackingTest.CHROME, null)).isEqualTo(new UserAgents.Classes("Chrome", "macOS", "Desktop"));
        assertThat(UserAgents.classify("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 800).browser()).isEqualTo("Edge");
    }

    @Test
    void aRememberedUserAgentAnswersAsAFreshLookWould() {
        String ipad = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4"
                + " Mobile/15E148 Safari/604.1";
        String crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        for (String agent : java.util.Arrays.asList(TrackingTest.SAFARI, TrackingTest.CHROME, ipad, crawler, "x", null,
                "Mozilla/5.0 " + "a".repeat(600))) {
            for (Integer width : java.util.Arrays.asList(null, 0, 390, 800, 1300, 2000)) {
                for (int look = 0; look < 2; look++) {
                    UserAgents.Known known = UserAgents.known(agent);
                    assertThat(known.bot()).as(agent).isEqualTo(BotFilter.isBot(agent));
                    assertThat(known.classes(width)).as(agent + " at " + width)
                            .isEqualTo(UserAgents.classify(agent, width));
                }
            }
        }
    }

    @Test
    void isbotsMaintainedListIsInTheJarAndCatchesWhatTheBuiltInOneMisses() {
        assertThat(BotFilter.MAINTAINED_PATTERNS).as("isbot's patterns, from the frontend jar").hasSizeGreaterThan(150);
        String qwant = "Mozilla/5.0 (compatible; Qwantify/2.4w; +https://www.qwant.com/)/2.4w";
        assertThat(BotFilter.USER_AGENT_PATTERNS.stream().noneMatch(qwant.toLowerCase(java.util.Locale.ROOT)::contains))
                .as("a crawler the built-in list misses").isTrue();
        assertThat(BotFilter.isBot(qwant)).isTrue();
        for (String person : List.of(TrackingTest.FIREFOX, TrackingTest.SAFARI, TrackingTest.CHROME,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36 Edg/131.0.0.0",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Mobile Safari/537.36",
                "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4"
                        + " Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36")) {
            assertThat(BotFilter.isBot(person)).as(person).isFalse();
        }
    }
}
