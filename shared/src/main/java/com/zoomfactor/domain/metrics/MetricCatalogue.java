package com.zoomfactor.domain.metrics;

import static com.zoomfactor.domain.metrics.Aggregation.LAST;
import static com.zoomfactor.domain.metrics.Aggregation.MEAN;
import static com.zoomfactor.domain.metrics.Aggregation.SUM;
import static com.zoomfactor.domain.metrics.Polarity.HIGHER_IS_BETTER;
import static com.zoomfactor.domain.metrics.Polarity.LOWER_IS_BETTER;

import com.zoomfactor.domain.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric the product knows, taken from the question list that defines the product (PRODUCT.md, "The metric
 * catalogue"). Observations name a metric by its key, so keys never change once published.
 */
public final class MetricCatalogue {

    private static final String BOUNCING = "How quickly are they bouncing out of your blog or website?";
    private static final String STAYING = "How long are they staying on a web page?";
    private static final String PAGES_BEFORE_LEAVING = "How many pages do they visit before they leave?";
    private static final String CONTENT_READ = "What content are they reading?";
    private static final String UNIQUE_VISITORS = "Are the unique visitors going up or down?";
    private static final String RETURN_VISITORS = "Do you have return visitors?";
    private static final String LISTS = "What lists are you added to, and who adds you?";
    private static final String RETWEETED = "How often are you retweeted, and by whom? Is it your content?";
    private static final String ENGAGEMENT = "Are you receiving engagement at all?";
    private static final String NOT_LIKED = "What share of visitors have not clicked like?";
    private static final String IMPRESSIONS = "How many impressions do your posts get?";
    private static final String COMMENTS_AND_LIKES = "Are people commenting on your posts? Do they like them?";
    private static final String LINKEDIN_SEARCH = "Are you coming up in LinkedIn search results?";
    private static final String ANSWERS = "Do they answer your questions?";
    private static final String SEARCH = "How does your site perform in search, compared with competitors?";
    private static final String SUBSCRIBE = "Do they subscribe and opt in?";
    private static final String POLLS = "Do they answer your polls?";

    /** In {@link Channel} order, so that lists of metrics come out grouped by channel. */
    private static final List<Metric> ALL = List.of(
            count("web.pageviews", "Page views", SUM, Channel.WEBSITE, Dimension.PAGE, CONTENT_READ),
            count("web.unique_visitors", "Unique visitors", SUM, Channel.WEBSITE, null, UNIQUE_VISITORS),
            count("web.returning_visitors", "Returning visitors", SUM, Channel.WEBSITE, null, RETURN_VISITORS),
            new Metric("web.returning_visitor_share", "Returning visitor share", Unit.RATIO, HIGHER_IS_BETTER, MEAN,
                    Channel.WEBSITE, null, RETURN_VISITORS),
            new Metric("web.bounce_rate", "Bounce rate", Unit.RATIO, LOWER_IS_BETTER, MEAN,
                    Channel.WEBSITE, null, BOUNCING),
            new Metric("web.time_on_page", "Average time on page", Unit.SECONDS, HIGHER_IS_BETTER, MEAN,
                    Channel.WEBSITE, null, STAYING),
            count("web.pages_per_visit", "Pages per visit", MEAN, Channel.WEBSITE, null, PAGES_BEFORE_LEAVING),
            count("web.sessions", "Sessions", SUM, Channel.WEBSITE, null, UNIQUE_VISITORS),
            new Metric("web.engagement_rate", "Engaged session share", Unit.RATIO, HIGHER_IS_BETTER, MEAN,
                    Channel.WEBSITE, null, BOUNCING),
            count("web.key_events", "Key events (conversions)", SUM, Channel.WEBSITE, null, SUBSCRIBE),

            // Posts are there to make "per post" figures: retweets per post, the quality-over-volume measure.
            count("twitter.posts", "Posts", SUM, Channel.TWITTER, null, RETWEETED),
            count("twitter.retweets", "Retweets", SUM, Channel.TWITTER, Dimension.ACCOUNT, RETWEETED),
            count("twitter.mentions", "Mentions", SUM, Channel.TWITTER, Dimension.ACCOUNT, ENGAGEMENT),
            count("twitter.replies", "Replies", SUM, Channel.TWITTER, Dimension.ACCOUNT, ENGAGEMENT),
            count("twitter.followers", "Followers", LAST, Channel.TWITTER, null, ENGAGEMENT),
            count("twitter.list_additions", "List additions", SUM, Channel.TWITTER, Dimension.LIST, LISTS),
            count("twitter.impressions", "Impressions", SUM, Channel.TWITTER, null, IMPRESSIONS),
            count("twitter.likes", "Likes", SUM, Channel.TWITTER, null, ENGAGEMENT),
            count("twitter.engagements", "Engagements", SUM, Channel.TWITTER, null, ENGAGEMENT),
            count("twitter.link_clicks", "Link clicks", SUM, Channel.TWITTER, null, ENGAGEMENT),
            count("twitter.profile_visits", "Profile visits", SUM, Channel.TWITTER, null, ENGAGEMENT),
            count("twitter.new_follows", "New follows", SUM, Channel.TWITTER, null, ENGAGEMENT),
            new Metric("twitter.unfollows", "Unfollows", Unit.COUNT, LOWER_IS_BETTER, SUM, Channel.TWITTER, null,
                    ENGAGEMENT),

            count("facebook.page_visitors", "Page visitors", SUM, Channel.FACEBOOK, null, NOT_LIKED),
            new Metric("facebook.non_fan_visitor_share", "Visitors who have not liked the page", Unit.RATIO,
                    LOWER_IS_BETTER, MEAN, Channel.FACEBOOK, null, NOT_LIKED),
            count("facebook.posts", "Posts", SUM, Channel.FACEBOOK, null, COMMENTS_AND_LIKES),
            count("facebook.post_impressions", "Post impressions", SUM, Channel.FACEBOOK, null, IMPRESSIONS),
            count("facebook.post_comments", "Post comments", SUM, Channel.FACEBOOK, Dimension.ACCOUNT,
                    COMMENTS_AND_LIKES),
            count("facebook.post_likes", "Post likes", SUM, Channel.FACEBOOK, null, COMMENTS_AND_LIKES),
            count("facebook.post_shares", "Post shares", SUM, Channel.FACEBOOK, null, COMMENTS_AND_LIKES),
            count("facebook.reach", "Reach", SUM, Channel.FACEBOOK, null, IMPRESSIONS),
            count("facebook.interactions", "Content interactions", SUM, Channel.FACEBOOK, null, COMMENTS_AND_LIKES),
            count("facebook.link_clicks", "Link clicks", SUM, Channel.FACEBOOK, null, COMMENTS_AND_LIKES),
            count("facebook.new_follows", "New follows", SUM, Channel.FACEBOOK, null, NOT_LIKED),

            count("linkedin.search_appearances", "Search appearances", SUM, Channel.LINKEDIN, null, LINKEDIN_SEARCH),
            count("linkedin.answers", "Q&A answers", SUM, Channel.LINKEDIN, null, ANSWERS),
            count("linkedin.post_comments", "Post comments", SUM, Channel.LINKEDIN, null, ANSWERS),
            count("linkedin.followers", "Followers", LAST, Channel.LINKEDIN, null, LINKEDIN_SEARCH),
            count("linkedin.new_followers", "New followers", SUM, Channel.LINKEDIN, null, LINKEDIN_SEARCH),
            count("linkedin.impressions", "Post impressions", SUM, Channel.LINKEDIN, null, LINKEDIN_SEARCH),
            count("linkedin.clicks", "Post clicks", SUM, Channel.LINKEDIN, null, ANSWERS),
            count("linkedin.reactions", "Post reactions", SUM, Channel.LINKEDIN, null, ANSWERS),
            count("linkedin.shares", "Post shares", SUM, Channel.LINKEDIN, null, ANSWERS),
            count("linkedin.page_views", "Page views", SUM, Channel.LINKEDIN, null, LINKEDIN_SEARCH),
            count("linkedin.unique_visitors", "Unique page visitors", SUM, Channel.LINKEDIN, null, LINKEDIN_SEARCH),

            count("newsletter.subscribers", "Subscribers", LAST, Channel.NEWSLETTER, null, SUBSCRIBE),
            count("newsletter.new_subscribers", "New subscribers", SUM, Channel.NEWSLETTER, null, SUBSCRIBE),
            new Metric("newsletter.unsubscribes", "Unsubscribes", Unit.COUNT, LOWER_IS_BETTER, SUM,
                    Channel.NEWSLETTER, null, SUBSCRIBE),
            count("newsletter.emails_sent", "Emails delivered", SUM, Channel.NEWSLETTER, null, SUBSCRIBE),
            new Metric("newsletter.open_rate", "Open rate", Unit.RATIO, HIGHER_IS_BETTER, MEAN, Channel.NEWSLETTER,
                    null, SUBSCRIBE),
            new Metric("newsletter.click_rate", "Click rate", Unit.RATIO, HIGHER_IS_BETTER, MEAN, Channel.NEWSLETTER,
                    null, SUBSCRIBE),

            new Metric("search.avg_position", "Average search position", Unit.POSITION, LOWER_IS_BETTER, MEAN,
                    Channel.SEARCH, Dimension.QUERY, SEARCH),
            count("search.clicks", "Search clicks", SUM, Channel.SEARCH, Dimension.QUERY, SEARCH),
            count("search.impressions", "Search impressions", SUM, Channel.SEARCH, Dimension.QUERY, SEARCH),
            new Metric("search.ctr", "Search click-through rate", Unit.RATIO, HIGHER_IS_BETTER, MEAN, Channel.SEARCH,
                    Dimension.QUERY, SEARCH),

            count("leads.optins", "Opt-ins", SUM, Channel.LEADS, null, SUBSCRIBE),

            count("polls.responses", "Poll responses", SUM, Channel.POLLS, null, POLLS));

    private static final Map<String, Metric> BY_KEY = indexByKey(ALL);

    private MetricCatalogue() {
    }

    /** Every metric, grouped by channel in {@link Channel} order; the order is stable between releases. */
    public static List<Metric> all() {
        return ALL;
    }

    public static Optional<Metric> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(key.trim().toLowerCase(Locale.ROOT)));
    }

    /** Most metrics count things and are better when there are more of them. */
    private static Metric count(String key, String label, Aggregation aggregation, Channel channel,
            Dimension dimension, String question) {
        return new Metric(key, label, Unit.COUNT, HIGHER_IS_BETTER, aggregation, channel, dimension, question);
    }

    private static Map<String, Metric> indexByKey(List<Metric> metrics) {
        Map<String, Metric> byKey = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            if (byKey.putIfAbsent(metric.key(), metric) != null) {
                throw new IllegalStateException("two metrics share the key " + metric.key());
            }
        }
        return Map.copyOf(byKey);
    }
}
