package com.chirpchat.application.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.chirpchat.application.event.EventSink;
import com.chirpchat.application.event.OutboundEvent;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/** A connection that keeps what it receives. */
public final class RecordingSink implements EventSink {
    private final UserId userId;
    public final List<ChatEvent> received = new CopyOnWriteArrayList<>();

    public RecordingSink(UserId userId) {
        this.userId = userId;
    }

    @Override
    public UserId userId() {
        return userId;
    }

    @Override
    public void deliver(OutboundEvent event) {
        received.add(event.event());
    }

    public List<Long> seqs(ChatId chatId) {
        return received.stream().filter(e -> e.chatId().equals(chatId)).map(ChatEvent::seq).toList();
    }
}
