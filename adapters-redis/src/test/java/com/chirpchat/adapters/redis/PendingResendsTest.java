package com.chirpchat.adapters.redis;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.chirpchat.adapters.redis.PendingResends.Pending;
import com.chirpchat.domain.chat.ChatId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingResendsTest {
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final ChatId other = new ChatId(UUID.randomUUID());

    @Test
    void keepsTheNewestEventPerChannelAndChat() {
        PendingResends resends = new PendingResends(10);
        resends.remember(pending("p:chat:{1}", chat, 5, "five"));
        resends.remember(pending("p:chat:{1}", chat, 7, "seven"));
        resends.remember(pending("p:chat:{1}", chat, 6, "six"));
        resends.remember(pending("p:user:{u}", chat, 6, "six for the user"));
        resends.remember(pending("p:user:{u}", other, 2, "other chat for the user"));

        assertThat(resends.drain()).extracting(p -> new String(p.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("seven", "six for the user", "other chat for the user");
        assertThat(resends.isEmpty()).isTrue();
    }

    private static Pending pending(String channel, ChatId chat, long seq, String payload) {
        return new Pending(channel, chat, seq, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void staysWithinItsLimit() {
        PendingResends resends = new PendingResends(1);
        assertThat(resends.remember(pending("a", chat, 1, "1"))).isTrue();
        assertThat(resends.remember(pending("b", chat, 1, "1"))).isFalse();
        assertThat(resends.remember(pending("a", chat, 2, "2"))).as("replacing is fine").isTrue();
        assertThat(resends.size()).isEqualTo(1);
    }
}
