package com.chirpchat.adapters.inprocess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessFanoutTest {
    @Test
    void anEventReachesTheListenerOnThePublishingThreadBeforePublishReturns() {
        InProcessFanout fanout = new InProcessFanout();
        List<Thread> threads = new ArrayList<>();
        fanout.listen(new ChatEventListener() {
            @Override
            public void onEvent(ChatEvent event) {
                threads.add(Thread.currentThread());
            }

            @Override
            public void onReconnected() {
            }
        });

        fanout.publish(new ChatEvent(new ChatId(UUID.randomUUID()), 1, Instant.parse("2026-11-23T10:00:00Z"),
                                     new EventData.MessageDeleted(new MessageId(UUID.randomUUID()))));

        assertThat(threads).containsExactly(Thread.currentThread());
    }
}
