package com.zoomfactor.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.domain.Channel;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricCatalogueTest {

    /** The keys other code is written against; "-" means the metric takes no dimension. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "web.bounce_rate,              website,    RATIO,    LOWER_IS_BETTER,  MEAN, -",
        "web.time_on_page,             website,    SECONDS,  HIGHER_IS_BETTER, MEAN, -",
        "web.pages_per_visit,          website,    COUNT,    HIGHER_IS_BETTER, MEAN, -",
        "web.pageviews,                website,    COUNT,    HIGHER_IS_BETTER, SUM,  PAGE",
        "web.unique_visitors,          website,    COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "web.returning_visitors,       website,    COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "web.returning_visitor_share,  website,    RATIO,    HIGHER_IS_BETTER, MEAN, -",
        "twitter.posts,                twitter,    COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "twitter.followers,            twitter,    COUNT,    HIGHER_IS_BETTER, LAST, -",
        "twitter.list_additions,       twitter,    COUNT,    HIGHER_IS_BETTER, SUM,  LIST",
        "twitter.retweets,             twitter,    COUNT,    HIGHER_IS_BETTER, SUM,  ACCOUNT",
        "twitter.mentions,             twitter,    COUNT,    HIGHER_IS_BETTER, SUM,  ACCOUNT",
        "twitter.replies,              twitter,    COUNT,    HIGHER_IS_BETTER, SUM,  ACCOUNT",
        "facebook.page_visitors,       facebook,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "facebook.non_fan_visitor_share, facebook, RATIO,    LOWER_IS_BETTER,  MEAN, -",
        "facebook.post_impressions,    facebook,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "facebook.post_comments,       facebook,   COUNT,    HIGHER_IS_BETTER, SUM,  ACCOUNT",
        "facebook.post_likes,          facebook,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "facebook.posts,               facebook,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "linkedin.search_appearances,  linkedin,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "linkedin.answers,             linkedin,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "linkedin.post_comments,       linkedin,   COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "search.avg_position,          search,     POSITION, LOWER_IS_BETTER,  MEAN, QUERY",
        "newsletter.subscribers,       newsletter, COUNT,    HIGHER_IS_BETTER, LAST, -",
        "leads.optins,                 leads,      COUNT,    HIGHER_IS_BETTER, SUM,  -",
        "polls.responses,              polls,      COUNT,    HIGHER_IS_BETTER, SUM,  -"})
    void everyPromisedMetricIsThereAsDescribed(String key, String channel, Unit unit, Polarity polarity,
            Aggregation aggregation, String dimension) {
        assertThat(MetricCatalogue.find(key)).hasValueSatisfying(metric -> {
            assertThat(metric.key()).isEqualTo(key);
            assertThat(metric.channel()).isEqualTo(Channel.of(channel));
            assertThat(metric.unit()).isEqualTo(unit);
            assertThat(metric.polarity()).isEqualTo(polarity);
            assertThat(metric.aggregation()).isEqualTo(aggregation);
            if (dimension.equals("-")) {
                assertThat(metric.dimension()).isNull();
                assertThat(metric.takesDimension()).isFalse();
            } else {
                assertThat(metric.dimension()).isEqualTo(Dimension.valueOf(dimension));
                assertThat(metric.takesDimension()).isTrue();
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "web.bounce_rate        | Bounce rate    | How quickly are they bouncing out of your blog or website?",
        "web.pageviews          | Page views     | What content are they reading?",
        "twitter.list_additions | List additions | What lists are you added to, and who adds you?",
        "search.avg_position    | Average search position"
                + " | How does your site perform in search, compared with competitors?",
        "polls.responses        | Poll responses | Do they answer your polls?"})
    void metricsCarryTheirLabelAndTheQuestionTheyAnswer(String key, String label, String question) {
        Metric metric = MetricCatalogue.find(key).orElseThrow();
        assertThat(metric.label()).isEqualTo(label);
        assertThat(metric.question()).isEqualTo(question);
    }

    @Test
    void keysAreUniqueLowerCaseAndFoundAgain() {
        List<String> keys = MetricCatalogue.all().stream().map(Metric::key).collect(Collectors.toList());
        assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.matches("[a-z]+\\.[a-z_]+"));
        for (Metric metric : MetricCatalogue.all()) {
            assertThat(MetricCatalogue.find(metric.key())).containsSame(metric);
        }
    }

    @Test
    void everyMetricHasALabelAndAQuestionAndAKnownChannel() {
        assertThat(MetricCatalogue.all()).allSatisfy(metric -> {
            assertThat(metric.label()).isNotBlank();
            assertThat(metric.question()).isNotBlank().endsWith("?");
            assertThat(Channel.find(metric.channel().key())).contains(metric.channel());
        });
    }

    @Test
    void labelsDoNotRepeatWithinAChannel() {
        assertThat(MetricCatalogue.all().stream().map(m -> m.channel().key() + "/" + m.label()))
                .doesNotHaveDuplicates();
    }

    @Test
    void theListIsGroupedByChannelInChannelOrderAndEveryChannelHasMetrics() {
        List<Channel> channels = MetricCatalogue.all().stream().map(Metric::channel).collect(Collectors.toList());
        assertThat(channels).isSortedAccordingTo(Enum::compareTo);
        assertThat(channels.stream().distinct()).containsExactly(Channel.values());
    }

    @Test
    void theListCannotBeChangedFromOutside() {
        Metric any = MetricCatalogue.all().get(0);
        assertThatThrownBy(() -> MetricCatalogue.all().add(any))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web", "web.bounce", "website.bounce_rate", "twitter.favourites"})
    void unknownKeysAreNotMetrics(String key) {
        assertThat(MetricCatalogue.find(key)).isEmpty();
    }

    @Test
    void nullIsNotAMetric() {
        assertThat(MetricCatalogue.find(null)).isEmpty();
    }
}
