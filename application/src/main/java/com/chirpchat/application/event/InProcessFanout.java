package com.chirpchat.application.event;

import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/**
 * The fanout of a single server instance: a published event goes straight to this instance's listener on the
 * publishing thread, so following is implied and costs nothing.
 */
public final class InProcessFanout implements ChatEventFanout {
    private volatile ChatEventListener listener;

    @Override
    public void listen(ChatEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void publish(ChatEvent event) {
        ChatEventListener current = listener;
        if (current != null) {
            current.onEvent(event);
        }
    }

    @Override
    public void follow(ChatId chatId) {
    }

    @Override
    public void unfollow(ChatId chatId) {
    }

    @Override
    public void followUser(UserId userId) {
    }

    @Override
    public void unfollowUser(UserId userId) {
    }
}
