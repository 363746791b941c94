package com.zoomfactor.backend.tracking;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is not a person: a User-Agent matching the crawler patterns (a selection of the patterns maintained by
 * github.com/monperrus/crawler-user-agents, whose Maven Central port does not exist; compiled once into one
 * expression), a headless or automation hint, a missing or tiny User-Agent, or a referrer on the spam list. Checked
 * in lower case.
 */
public final class BotFilter {

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

    private static final Pattern CRAWLER = Pattern.compile(String.join("|",
            USER_AGENT_PATTERNS.stream().map(Pattern::quote).toList()));

    private BotFilter() {
    }

    /** True for a User-Agent no person's browser sends. */
    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.length() < 20) {
            return true;
        }
        return CRAWLER.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
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
