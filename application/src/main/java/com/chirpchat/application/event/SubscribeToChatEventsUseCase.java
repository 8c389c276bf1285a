package com.chirpchat.application.event;

/**
 * Delivers to a live connection every event of every chat its user belongs to, from now on, in sequence order
 * per chat without gaps. A user added to a chat starts receiving its events with the {@code member_added}
 * event; a removed user receives their {@code member_removed} event and nothing after it.
 */
public interface SubscribeToChatEventsUseCase {
    Subscription subscribe(EventSink sink);
}
