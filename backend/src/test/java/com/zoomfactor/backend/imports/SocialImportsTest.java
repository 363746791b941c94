package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.imports.ImportCalls.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * X and Meta exports through {@code POST /api/clients/{id}/imports}, each on a fresh client: X's classic tweet
 * activity (posts with decoded text and whole counters, its old {@code favorites} variant), its by-day variant, the
 * 2024+ account overview and content exports; Meta's UTF-16 per-metric series and its post export. Each proves: the
 * dry run recognises the format and writes nothing; the import stores exact values (read back through GET
 * observations) and posts (read back through GET posts) with the format key as source; the same file again inserts
 * and updates nothing; a newer export of the same posts updates their counters.
 */
class SocialImportsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private ImportCalls imports;

    @BeforeEach
    void setUp() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Social Imports");
        imports = new ImportCalls(live, owner, accounts.createClient(owner, "Social Client"));
    }

    @Test
    void tweetActivityGivesPostsAndTheirDailyCount() {
        JsonObject done = imports.roundTrip(resource("social/x-tweet-activity.csv"), "x-tweet-activity");
        assertThat(done.getLong("postsInserted")).isEqualTo(3);
        JsonObject first = imports.post("1465720000000000001");
        assertThat(first.getString("channel")).isEqualTo("twitter");
        assertThat(first.getString("text")).isEqualTo("Rates & ranks: what's new <today>");
        assertThat(first.getString("url")).isEqualTo("https://twitter.com/zoomfactor/status/1465720000000000001");
        assertThat(first.getString("publishedAt")).startsWith("2021-11-30T16:00");
        assertThat(first.getJsonObject("metrics")).isEqualTo(new JsonObject().put("impressions", 1777)
                .put("retweets", 3).put("replies", 2).put("likes", 17).put("clicks", 9));
        assertThat(imports.day("twitter.posts", "2021-11-30")).isEqualTo(2);
        assertThat(imports.day("twitter.posts", "2021-12-02")).isEqualTo(1);
    }

    @Test
    void oldTweetActivityWithFavorites() {
        JsonObject done = imports.roundTrip(resource("social/x-tweet-activity-favorites.csv"), "x-tweet-activity");
        assertThat(done.getLong("posts")).isPositive();
        assertThat(imports.posts()).anySatisfy(post -> assertThat(((JsonObject) post).getString("text"))
                .isEqualTo("Old tweet with a quoted, multi-line\ntext"));
    }

    @Test
    void tweetActivityByDay() {
        JsonObject done = imports.roundTrip(resource("social/x-tweet-activity-daily.csv"), "x-tweet-activity-daily");
        assertThat(done.getLong("points")).isEqualTo(19);
        assertThat(imports.day("twitter.impressions", "2021-11-30")).isEqualTo(2077);
        assertThat(imports.day("twitter.new_follows", "2021-11-30")).isEqualTo(1);
        assertThat(imports.day("twitter.posts", "2021-11-29")).isEqualTo(0);
        assertThat(imports.day("twitter.impressions", "2021-12-01")).as("'-' is no value").isNull();
    }

    @Test
    void accountOverviewNewestFirst() {
        JsonObject done = imports.roundTrip(resource("social/x-account-overview.csv"), "x-account-overview");
        assertThat(done.getLong("points")).isEqualTo(27);
        assertThat(imports.day("twitter.impressions", "2025-02-18")).isEqualTo(2871);
        assertThat(imports.day("twitter.impressions", "2025-02-17")).as("\"1,204\"").isEqualTo(1204);
        assertThat(imports.day("twitter.unfollows", "2025-02-18")).isEqualTo(2);
    }

    @Test
    void contentExportThenANewerVersionOfTheSamePost() {
        JsonObject done = imports.roundTrip(resource("social/x-content.csv"), "x-content");
        assertThat(done.getLong("postsInserted")).isEqualTo(3);
        JsonObject launch = imports.post("1891883669318426778");
        assertThat(launch.getString("text")).isEqualTo("Launch day & a thread 🧵");
        assertThat(launch.getString("publishedAt")).startsWith("2025-02-18T16:13:10");
        assertThat(launch.getJsonObject("metrics").getInteger("impressions")).isEqualTo(1500);
        assertThat(imports.day("twitter.posts", "2025-02-18")).isEqualTo(2);

        // the same post in a newer export (Link/Share header aliases), its lifetime counters grown
        JsonObject newer = imports.upload(resource("social/x-content-link-share.csv"), false).bodyAsJsonObject();
        assertThat(newer.getJsonObject("format").getString("key")).isEqualTo("x-content");
        assertThat(newer.getLong("postsInserted")).isZero();
        assertThat(newer.getLong("postsUpdated")).isEqualTo(1);
        assertThat(imports.posts()).hasSize(3);
        JsonObject updated = imports.post("1891883669318426778");
        assertThat(updated.getJsonObject("metrics").getInteger("impressions")).isEqualTo(1600);
        assertThat(updated.getJsonObject("metrics").getInteger("shares")).isEqualTo(3);
        assertThat(imports.post("1891800000000000000").getString("text")).as("untouched")
                .isEqualTo("A reply, with \"quotes\"");
    }

    @Test
    void metaSeriesInUtf16WithBom() {
        JsonObject done = imports.roundTrip(resource("social/meta-facebook-reach.csv"), "meta-series");
        assertThat(done.getString("readAs")).containsIgnoringCase("UTF-16");
        assertThat(imports.day("facebook.reach", "2024-03-01")).isEqualTo(1234);
        assertThat(imports.day("facebook.reach", "2024-03-02")).isEqualTo(987);
        assertThat(imports.day("facebook.reach", "2024-03-03")).as("an empty value is none").isNull();
    }

    @Test
    void metaSeriesOfInteractions() {
        imports.roundTrip(resource("social/meta-content-interactions.csv"), "meta-series");
        assertThat(imports.sources()).containsExactly("meta-series");
    }

    @Test
    void metaPostsWithBomAndLifetimeCounters() {
        JsonObject done = imports.roundTrip(resource("social/meta-posts.csv"), "meta-posts");
        assertThat(done.getLong("postsInserted")).isEqualTo(3);
        JsonObject spring = imports.post("1827720132094663");
        assertThat(spring.getString("channel")).isEqualTo("facebook");
        assertThat(spring.getString("text")).isEqualTo("Spring is here 🌷\nNew rates, \"really\" new.");
        assertThat(spring.getString("publishedAt")).startsWith("2024-03-14T09:30");
        assertThat(spring.getJsonObject("metrics").getInteger("impressions")).isEqualTo(1250);
        assertThat(imports.day("facebook.posts", "2024-03-14")).isEqualTo(2);
        assertThat(imports.day("facebook.post_impressions", "2024-03-14")).isEqualTo(1550);
        assertThat(imports.day("facebook.post_comments", "2024-03-16")).isEqualTo(4);
    }
}
