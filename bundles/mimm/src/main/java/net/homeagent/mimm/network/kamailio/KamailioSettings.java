package net.homeagent.mimm.network.kamailio;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how often the advisor asks kamailio (net.homeagent.mimm: kamailioUrl,
 * kamailioRefreshSeconds, kamailioTimeoutMillis, kamailioStaleSeconds, sessionKbps).
 *
 * @param url         the JSON-RPC endpoint of kamailio's xhttp + jsonrpcs modules, e.g.
 *                    {@code http://192.0.2.5:5071/RPC}
 * @param refresh     the pause between two {@code dlg.list} requests
 * @param timeout     connecting and answering, each at most
 * @param staleAfter  how long the last good figures are kept while kamailio fails; after that the
 *                    sessions are unknown
 * @param sessionKbps the kbit/s one session leg uses (the operator's codec mix)
 */
public record KamailioSettings(URI url, Duration refresh, Duration timeout, Duration staleAfter, long sessionKbps) {

    public KamailioSettings {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("kamailioUrl is an http(s) URL with a host: " + url);
        }
        if (refresh.isNegative() || refresh.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("kamailio refresh and timeout are positive: " + refresh + ", " + timeout);
        }
        if (staleAfter.compareTo(refresh) < 0) {
            throw new IllegalArgumentException("kamailioStaleSeconds is at least the refresh interval, or every"
                    + " answer would be stale before the next: " + staleAfter + " < " + refresh);
        }
        if (sessionKbps < 0) {
            throw new IllegalArgumentException("sessionKbps is not negative: " + sessionKbps);
        }
    }
}
