/*
 * Zoom Factor's tracking script, readable source. The served file is tracker/zf.js, minified by hand from this one
 * (keep them in step; TrackerScriptTest checks the served file's gzipped size stays under 1.5 KB).
 *
 * <script defer data-site="SITE_KEY" src="https://HOST/zf.js"></script>
 *
 * No cookies; nothing stored unless the snippet carries data-returning="1" (the site recognises returning visitors):
 * then localStorage keeps the day of the first visit, "zf_first" (see docs/web-analytics.md on consent).
 */
(function (w, d) {
  var s = d.currentScript;
  if (!s) return;
  var site = s.getAttribute('data-site');
  var api = new URL(s.src).origin + '/api/events';
  var l = w.location, n = w.navigator;
  var ret, last, href, shown = 0, engaged = 0;

  // not counted: local pages, automated browsers
  if (/^(localhost|127\.|\[::1\]$)/.test(l.hostname) || l.protocol == 'file:' || n.webdriver) {
    w.zf = function () {};
    return;
  }

  if (s.getAttribute('data-returning')) {
    try {
      var today = Math.floor(Date.now() / 864e5), first = +localStorage.zf_first;
      if (!first) localStorage.zf_first = first = today;
      ret = first < today;
    } catch (e) {}
  }

  function send(name, props, engagedMs, beacon, url) {
    var body = JSON.stringify({
      site: site, name: name, url: url || l.href, referrer: d.referrer || null, width: w.innerWidth,
      engagedMs: engagedMs, props: props, returning: ret
    });
    // a string body is text/plain: no CORS preflight
    if (beacon && n.sendBeacon) n.sendBeacon(api, body);
    else fetch(api, { method: 'POST', body: body, keepalive: true }).catch(function () {});
  }

  // visible time on the current page, sent (for that page's URL) when it is hidden or left
  function flush() {
    if (shown) engaged += Date.now() - shown;
    shown = 0;
    if (engaged > 0) send('engagement', null, engaged, 1, href);
    engaged = 0;
  }

  function pageview() {
    if (last == l.pathname + l.search) return;
    if (last) flush();
    last = l.pathname + l.search;
    href = l.href;
    shown = d.visibilityState == 'visible' ? Date.now() : 0;
    send('pageview');
  }

  function start() {
    // SPA navigation through the History API
    ['pushState', 'replaceState'].forEach(function (m) {
      var orig = history[m];
      history[m] = function () {
        var r = orig.apply(this, arguments);
        pageview();
        return r;
      };
    });
    w.addEventListener('popstate', pageview);
    d.addEventListener('visibilitychange', function () {
      if (d.visibilityState == 'hidden') flush();
      else shown = Date.now();
    });
    w.addEventListener('pagehide', flush);
    // outbound links
    d.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[href]');
      if (a && /^https?:/.test(a.protocol) && a.host != l.host) send('outbound', { url: a.href }, null, 1);
    }, true);
    pageview();
  }

  // custom events: zf('signup', {plan: 'pro'}); calls queued before the script loaded run now
  var queued = (w.zf && w.zf.q) || [];
  w.zf = function (name, props) { send(name, props); };
  // a page being prerendered counts once it is shown
  if (d.prerendering) d.addEventListener('prerenderingchange', start, { once: true });
  else start();
  queued.forEach(function (c) { w.zf.apply(null, c); });
})(window, document);
