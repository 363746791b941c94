package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.imports.files.Upload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each social sample is claimed by its own format and by no other; the product's own CSV by none of them. */
class SocialRecognitionTest {

    private static final List<ExportFormat> SOCIAL = List.of(new XTweetActivity(), new XTweetActivityDaily(),
            new XAccountOverview(), new XContent(), new MetaSeries(), new MetaPosts());

    @ParameterizedTest
    @CsvSource({
            "x-tweet-activity.csv, x-tweet-activity",
            "x-tweet-activity-favorites.csv, x-tweet-activity",
            "x-tweet-activity-bad.csv, x-tweet-activity",
            "x-tweet-activity-daily.csv, x-tweet-activity-daily",
            "x-account-overview.csv, x-account-overview",
            "x-account-overview-bad.csv, x-account-overview",
            "x-content.csv, x-content",
            "x-content-link-share.csv, x-content",
            "meta-facebook-reach.csv, meta-series",
            "meta-content-interactions.csv, meta-series",
            "meta-views.csv, meta-series",
            "meta-facebook-follows-bad.csv, meta-series",
            "meta-posts.csv, meta-posts",
            "meta-posts-impressions.csv, meta-posts",
            "meta-posts-bad.csv, meta-posts",
    })
    void eachSampleIsItsFormatsOnly(String file, String key) {
        try (Upload upload = CollectedImport.upload("social/" + file)) {
            assertThat(SOCIAL).filteredOn(format -> format.recognises(upload)).extracting(ExportFormat::key)
                    .containsExactly(key);
            assertThat(Formats.recognise(upload)).map(ExportFormat::key).contains(key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "date,metric,value\n2025-02-18,twitter.impressions,120\n",
            "date,metric,value,dimension\n2025-02-18,twitter.retweets,3,@someone\n",
            "date,twitter.impressions,twitter.unfollows,twitter.posts\n2025-02-18,120,1,2\n",
            "sep=,\nDate,Primary\n2024-03-01,3\n",
            "Post ID,Text,Likes\n1,hello,3\n",
    })
    void theProductsOwnCsvAndLookAlikesAreNotSocialExports(String text, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upload.bin"), text, StandardCharsets.UTF_8);
        try (Upload upload = Upload.open(file)) {
            assertThat(SOCIAL).noneMatch(format -> format.recognises(upload));
        }
    }
}
