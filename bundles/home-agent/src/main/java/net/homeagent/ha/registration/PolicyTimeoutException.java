package net.homeagent.ha.registration;

import java.time.Duration;

/** The policy stage did not answer within {@code policyTimeout}: the request is refused with 130. */
final class PolicyTimeoutException extends RuntimeException {

    PolicyTimeoutException(String waitingOn, Duration timeout) {
        super("no verdict from " + waitingOn + " within " + timeout.toMillis() + " ms", null, false, false);
    }
}
