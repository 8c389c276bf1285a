package com.chirpchat.adapters.http.ws;

/** The close codes clients see (RFC 6455 section 7.4 plus our application codes). */
final class CloseCodes {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;
    static final int UNEXPECTED_CONDITION = 1011;
    /** The connection did not read its frames fast enough and was dropped. */
    static final int SLOW_CONSUMER = 4008;
    /**
     * No valid authentication: first frame missing, wrong, or late; an invalid token; the token expired without
     * an in-band re-authentication; or its session was logged out.
     */
    static final int UNAUTHENTICATED = 4401;

    private CloseCodes() {
    }
}
