package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;

import com.chirpchat.application.event.Subscription;

/** A connection's subscription to its user's chats, from subscribing to its release (once, from any thread). */
final class HeldSubscription {
    private static final System.Logger LOG = System.getLogger(HeldSubscription.class.getName());

    private Subscription held; // guarded by this

    synchronized void hold(Subscription subscription) {
        held = subscription;
    }

    /** Closes the subscription if one is held; a failure is logged (the connection goes away regardless). */
    void release() {
        Subscription subscription;
        synchronized (this) {
            subscription = held;
            held = null;
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not unsubscribe a WebSocket", e);
            }
        }
    }
}
