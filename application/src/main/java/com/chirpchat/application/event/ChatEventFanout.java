package com.chirpchat.application.event;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/**
 * Carries committed chat events to every server instance that has members of the chat connected, this one
 * included. Delivery may be at-most-once, duplicated or reordered: the receiving side restores order and fills
 * gaps from storage, so adapters stay simple. Membership events also travel to the instances following the
 * user concerned, so a user added to a chat hears of it wherever they are connected.
 * <p>
 * What every implementation does all the same (the fanout contract suite in the application's tests checks it):
 * <ul>
 * <li>an instance hears each event it publishes itself, once, whether or not it follows the chat;</li>
 * <li>events of one chat that one instance publishes one after another reach every instance following the chat
 *     in that order (an event lost aside): only different publishers' events interleave;</li>
 * <li>a listener that throws does not stop the fanout, nor fail {@link #publish}.</li>
 * </ul>
 * Delivery to the listener may happen on the publishing thread or later on another one.
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

    /**
     * Takes back one {@link #follow}; returns at once. The last one stops the chat's events arriving, at the latest
     * by the time a later {@code follow} (of any chat or user) of this instance has returned.
     */
    void unfollow(ChatId chatId);

    /** Asks for membership events concerning the user; reference-counted like {@link #follow}. */
    void followUser(UserId userId);

    void unfollowUser(UserId userId);
}
