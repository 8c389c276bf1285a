package com.chirpchat.application.event;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/**
 * Carries committed chat events to every server instance that has members of the chat connected, this one
 * included. Delivery may be at-most-once, duplicated or reordered: the receiving side restores order and fills
 * gaps from storage, so adapters stay simple. Membership events also travel to the instances following the
 * user concerned, so a user added to a chat hears of it wherever they are connected.
 */
public interface ChatEventFanout {
    /** Sets the single receiver of events arriving from the fanout; called once, before any follow or publish. */
    void listen(ChatEventListener listener);

    /** Sends a committed event on its way; returns quickly and may be called from many threads. */
    void publish(ChatEvent event);

    /**
     * Asks for the chat's events. Reference-counted: each {@code follow} is matched by one {@link #unfollow},
     * and the chat is followed while the count is positive, whatever order the calls arrive in. Returns once
     * following has begun; when the fanout is cut off it returns at once instead, and the listener's
     * {@link ChatEventListener#onReconnected()} follows when following has begun after all.
     */
    void follow(ChatId chatId);

    void unfollow(ChatId chatId);

    /** Asks for membership events concerning the user; reference-counted like {@link #follow}. */
    void followUser(UserId userId);

    void unfollowUser(UserId userId);
}
