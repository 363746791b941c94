-- wrk script for TrackerBench: POST /api/events, one pageview per request, a unique props.n each, four browsers.
-- The site key comes from ZF_SITE_KEY; the trivial endpoint gets the same requests.
local key = os.getenv("ZF_SITE_KEY")
local agents = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
}
local start = tonumber(os.getenv("ZF_FIRST_N") or "0")
local n = start

request = function()
  n = n + 1
  local body = string.format('{"site":"%s","name":"pageview","url":"https://bench.example/page/%d?utm_source=news",'
    .. '"referrer":"https://www.google.com/search","width":1280,"props":{"n":%d}}', key, n % 200, n)
  return wrk.format("POST", "/api/events", {["Content-Type"] = "text/plain", ["User-Agent"] = agents[n % 4 + 1]}, body)
end
