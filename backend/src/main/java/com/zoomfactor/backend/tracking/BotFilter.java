package com.zoomfactor.backend.tracking;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is not a person: a User-Agent matching the crawler patterns — isbot's maintained list (npm, put into the
 * frontend jar by its build) and a built-in selection from github.com/monperrus/crawler-user-agents, compiled once
 * into one case-insensitive expression — a headless or automation hint, a missing or tiny User-Agent, or a referrer
 * on the spam list. A User-Agent's answer is remembered ({@link UserAgents#known}).
 */
public final class BotFilter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BotFilter.class);

    /** Substrings of crawler, monitor, preview, library and headless User-Agents (lower case). */
    static final List<String> USER_AGENT_PATTERNS = List.of(
            "bot", "crawl", "spider", "slurp", "archiver", "scrap", "fetch", "monitor", "uptime", "pingdom",
            "headlesschrome", "headless", "phantomjs", "slimerjs", "electron", "puppeteer", "playwright", "selenium",
            "webdriver", "cypress", "lighthouse", "chrome-lighthouse", "pagespeed", "gtmetrix", "google-inspectiontool",
            "googleother", "mediapartners-google", "adsbot", "apis-google", "feedfetcher", "bingpreview",
            "facebookexternalhit", "facebookcatalog", "meta-externalagent", "whatsapp", "telegram", "skypeuripreview",
            "embedly", "quora link preview", "outbrain", "pinterest", "vkshare", "w3c_validator", "validator",
            "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client", "java/",
            "okhttp", "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "undici", "postmanruntime",
            "insomnia", "httpie", "scrapy", "nutch", "heritrix", "ia_archiver", "wayback", "semrush", "ahrefs",
            "mj12", "dotbot", "petalbot", "yandex", "baiduspider", "sogou", "exabot", "seznam", "duckduckgo",
            "applebot", "amazonbot", "bytespider", "gptbot", "chatgpt-user", "oai-searchbot", "claudebot",
            "claude-web", "anthropic-ai", "perplexity", "ccbot", "cohere-ai", "diffbot", "dataforseo", "screaming frog",
            "sitebulb", "siteimprove", "statuscake", "site24x7", "newrelicpinger", "datadog", "zgrab", "masscan",
            "nmap", "nikto", "sqlmap", "censys", "netcraft", "httrack", "cloudflare-", "prerender", "rendertron");

    /** Referrer spam domains (and their subdomains): a short list, extend it as spam is seen. */
    static final Set<String> SPAM_REFERRERS = Set.of(
            "semalt.com", "buttons-for-website.com", "buttons-for-your-website.com", "darodar.com", "ilovevitaly.com",
            "priceg.com", "blackhatworth.com", "hulfingtonpost.com", "bestwebsitesawards.com", "o-o-6-o-o.com",
            "best-seo-offer.com", "free-social-buttons.com", "get-free-traffic-now.com", "trafficmonetize.com",
            "4webmasters.org", "event-tracking.com", "free-share-buttons.com", "social-buttons.com", "simple-share-buttons.com",
            "success-seo.com", "videos-for-your-business.com", "floating-share-buttons.com", "traffic2money.com",
            "website-analyzer.info", "rank-checker.online", "seo-platform.com", "webmonetizer.net", "site-auditor.online");

    /** Where the frontend's build puts isbot's maintained pattern list (frontend/scripts/bot-patterns.mjs). */
    static final String MAINTAINED_LIST = "tracker/bot-patterns.json";

    /** isbot's patterns that Java's regular expressions accept (case-insensitive, as isbot applies them). */
    static final List<String> MAINTAINED_PATTERNS = maintainedPatterns();

    private static final Pattern CRAWLER = Pattern.compile(String.join("|", java.util.stream.Stream.concat(
            USER_AGENT_PATTERNS.stream().map(Pattern::quote), MAINTAINED_PATTERNS.stream().map(p -> "(?:" + p + ")"))
            .toList()), Pattern.CASE_INSENSITIVE);

    private static List<String> maintainedPatterns() {
        try (java.io.InputStream in = BotFilter.class.getClassLoader().getResourceAsStream(MAINTAINED_LIST)) {
            if (in == null) {
                LOG.warn("{} is not on the class path (the frontend jar): bots are told by the built-in list only",
                        MAINTAINED_LIST);
                return List.of();
            }
            io.vertx.core.json.JsonArray listed = new io.vertx.core.json.JsonObject(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).getJsonArray("patterns");
            List<String> usable = new java.util.ArrayList<>();
            for (Object pattern : listed) {
                try {
                    Pattern.compile((String) pattern, Pattern.CASE_INSENSITIVE);
                    usable.add((String) pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    LOG.warn("A bot pattern of {} is not a Java expression, left out: {}", MAINTAINED_LIST, pattern);
                }
            }
            return List.copyOf(usable);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("{} could not be read ({}): bots are told by the built-in list only", MAINTAINED_LIST,
                    e.getMessage());
            return List.of();
        }
    }

    private BotFilter() {
    }

    /** True for a User-Agent no person's browser sends. */
    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.length() < 20) {
            return true;
        }
        return CRAWLER.matcher(userAgent).find();
    }

    /** True when the referrer's host is a known spammer's (or a subdomain of one). */
    public static boolean isSpam(String referrerHost) {
        if (referrerHost == null) {
            return false;
        }
        String host = referrerHost;
        while (true) {
            if (SPAM_REFERRERS.contains(host)) {
                return true;
            }
            int dot = host.indexOf('.');
            if (dot < 0 || host.indexOf('.', dot + 1) < 0) {
                return false;
            }
            host = host.substring(dot + 1);
        }
    }
}
