package net.homeagent.routes;

import java.net.InetSocketAddress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route of the HTTP alert endpoint (route id {@value #ROUTE_ID}): from the configured
 * {@code alertEndpoint} URI (e.g. {@code netty-http:http://127.0.0.1:10180/alerts}, Camel's
 * netty-http component, feature camel-netty-http) to the {@link AlertIntake}, whose status and line
 * become the HTTP answer. Only Camel's own HTTP headers are read, so another HTTP consumer component
 * (jetty, servlet) works with the same route. The request's headers are removed before the answer:
 * an HTTP consumer sends the message's headers back, and the token must not be echoed.
 */
final class AlertEndpointRoute extends RouteBuilder {

    static final String ROUTE_ID = "alerts-in";
    /** netty-http's header of the sender's address (NettyConstants.NETTY_REMOTE_ADDRESS). */
    static final String REMOTE_ADDRESS = "CamelNettyRemoteAddress";

    private final String uri;
    private final AlertIntake intake;

    AlertEndpointRoute(String uri, AlertIntake intake) {
        this.uri = uri;
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(uri).routeId(ROUTE_ID).process(this::answer);
    }

    /** As the advisor shows an alert's source ({@code mimm:alerts}): "http 192.0.2.7:41000". */
    private static String sender(Object remote) {
        if (remote instanceof InetSocketAddress a) {
            return "http " + a.getHostString() + ":" + a.getPort();
        }
        return "http " + (remote == null ? "unknown" : remote);
    }

    private void answer(Exchange exchange) {
        Message in = exchange.getIn();
        AlertIntake.Answer answer = intake.take(in.getHeader(Exchange.HTTP_METHOD, String.class),
                in.getHeader("Authorization", String.class), in.getBody(byte[].class), sender(in.getHeader(REMOTE_ADDRESS)));
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (answer.status() == 405) {
            out.setHeader("Allow", "POST, GET");
        } else if (answer.status() == 401) {
            out.setHeader("WWW-Authenticate", "Bearer");
        }
        out.setBody(answer.text() + "\n");
    }
}
