package net.homeagent.mimm.network.kamailio;

/**
 * kamailio did not give a usable {@code dlg.list} answer: {@link #problem()} is a fixed key for the
 * counters and the rate-limited log, the message says what was wrong.
 */
final class BadAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;

    BadAnswer(String problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    BadAnswer(String problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = problem;
    }

    String problem() {
        return problem;
    }
}
