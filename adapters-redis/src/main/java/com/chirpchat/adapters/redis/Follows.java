package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The waiting part of {@code follow}: counts the follow and returns once Redis has confirmed the channel, or after
 * the command timeout, or at once when Redis is unreachable (the channel stays wanted and is subscribed when it is
 * back). A subscription that failed on an open connection is left to {@link Recovery} to retry.
 */
final class Follows {
    private static final System.Logger LOG = System.getLogger(Follows.class.getName());

    private final Subscriptions subscriptions;
    private final Duration timeout;
    private final BooleanSupplier subscriberOpen;
    private final Runnable subscriptionFailed;

    Follows(Subscriptions subscriptions, Duration timeout, BooleanSupplier subscriberOpen, Runnable subscriptionFailed) {
        this.subscriptions = subscriptions;
        this.timeout = timeout;
        this.subscriberOpen = subscriberOpen;
        this.subscriptionFailed = subscriptionFailed;
    }

    void follow(String channel) {
        CompletableFuture<Void> active = subscriptions.acquire(channel);
        try {
            active.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Redis did not confirm the subscription to " + channel + " in time; going on");
            failed();
        } catch (ExecutionException e) {
            LOG.log(Level.DEBUG, () -> "not subscribed to " + channel + " for now: " + e.getCause());
            failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void unfollow(String channel) {
        subscriptions.release(channel);
    }

    private void failed() {
        if (subscriberOpen.getAsBoolean()) {
            subscriptionFailed.run();
        }
    }
}
