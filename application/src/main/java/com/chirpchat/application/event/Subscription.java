package com.chirpchat.application.event;

/** A connection's interest in its user's chats; closing it stops delivery and frees what it held. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
