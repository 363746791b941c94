package com.zoomfactor.backend.tracking;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The classes stored instead of a User-Agent: browser, operating system and device (from the screen width). */
public final class UserAgents {

    /** Browser, OS and device class of one visit. */
    public record Classes(String browser, String os, String device) {
    }

    /**
     * What one User-Agent says, worked out once: whether it is a bot ({@link BotFilter#isBot}), its browser and OS,
     * and its device class when the script sent no width. Browsers send a few thousand distinct User-Agents, and the
     * crawler expression is the costliest check of an event.
     */
    public record Known(boolean bot, String browser, String os, String deviceWithoutWidth) {

        public Classes classes(Integer width) {
            return new Classes(browser, os, width != null && width > 0 ? device("", width) : deviceWithoutWidth);
        }
    }

    /** Up to this many User-Agents are remembered (then forgotten all at once); longer ones are never kept. */
    private static final int KNOWN_MAX = 10_000;
    private static final int KNOWN_LONGEST = 512;
    private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

    private UserAgents() {
    }

    public static Known known(String userAgent) {
        if (userAgent == null || userAgent.length() > KNOWN_LONGEST) {
            return examine(userAgent);
        }
        Known known = KNOWN.get(userAgent);
        if (known == null) {
            known = examine(userAgent);
            if (KNOWN.size() >= KNOWN_MAX) {
                KNOWN.clear();
            }
            KNOWN.put(userAgent, known);
        }
        return known;
    }

    private static Known examine(String userAgent) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        return new Known(BotFilter.isBot(userAgent), browser(ua), os(ua), device(ua, null));
    }

    public static Classes classify(String userAgent, Integer width) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        return new Classes(browser(ua), os(ua), device(ua, width));
    }

    static String browser(String ua) {
        if (ua.contains("edg/") || ua.contains("edge/") || ua.contains("edga/") || ua.contains("edgios/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("samsungbrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
            return "Chrome";
        }
        if (ua.contains("safari/") && (ua.contains("version/") || ua.contains("mobile/"))) {
            return "Safari";
        }
        return "Other";
    }

    static String os(String ua) {
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
            return "iOS";
        }
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("cros")) {
            return "ChromeOS";
        }
        if (ua.contains("mac os x") || ua.contains("macintosh")) {
            return "macOS";
        }
        if (ua.contains("linux") || ua.contains("x11")) {
            return "Linux";
        }
        return "Other";
    }

    /** By the window's width when the script sent it (Plausible's classes), else by the User-Agent's hints. */
    static String device(String ua, Integer width) {
        if (width != null && width > 0) {
            return width < 576 ? "Mobile" : width < 992 ? "Tablet" : width < 1440 ? "Laptop" : "Desktop";
        }
        if (ua.contains("ipad") || ua.contains("tablet")) {
            return "Tablet";
        }
        return ua.contains("mobi") ? "Mobile" : "Desktop";
    }
}
