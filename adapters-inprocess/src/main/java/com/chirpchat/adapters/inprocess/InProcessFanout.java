package com.chirpchat.adapters.inprocess;

import java.lang.System.Logger.Level;
import java.util.Objects;

import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/**
 * The fanout of a single server instance: a published event goes straight to this instance's listener on the
 * publishing thread, so nothing is lost or reordered, and following is implied and costs nothing.
 */
public final class InProcessFanout implements ChatEventFanout {
    private static final System.Logger LOG = System.getLogger(InProcessFanout.class.getName());

    private volatile ChatEventListener listener;

    @Override
    public void listen(ChatEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void publish(ChatEvent event) {
        ChatEventListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.onEvent(event);
        } catch (RuntimeException e) {
            // the change is committed: the poster must not see a failure, and connections recover through seq gaps
            LOG.log(Level.WARNING, "the listener failed to take event " + event.chatId() + "#" + event.seq(), e);
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
