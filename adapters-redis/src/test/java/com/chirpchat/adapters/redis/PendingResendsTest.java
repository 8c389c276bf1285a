package com.chirpchat.adapters.redis;

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
        resends.remember(new Pending("p:chat:{1}", chat, 5, "five"));
        resends.remember(new Pending("p:chat:{1}", chat, 7, "seven"));
        resends.remember(new Pending("p:chat:{1}", chat, 6, "six"));
        resends.remember(new Pending("p:user:{u}", chat, 6, "six for the user"));
        resends.remember(new Pending("p:user:{u}", other, 2, "other chat for the user"));

        assertThat(resends.drain()).extracting(Pending::payload)
                .containsExactlyInAnyOrder("seven", "six for the user", "other chat for the user");
        assertThat(resends.isEmpty()).isTrue();
    }

    @Test
    void staysWithinItsLimit() {
        PendingResends resends = new PendingResends(1);
        assertThat(resends.remember(new Pending("a", chat, 1, "1"))).isTrue();
        assertThat(resends.remember(new Pending("b", chat, 1, "1"))).isFalse();
        assertThat(resends.remember(new Pending("a", chat, 2, "2"))).as("replacing is fine").isTrue();
        assertThat(resends.size()).isEqualTo(1);
    }
}
