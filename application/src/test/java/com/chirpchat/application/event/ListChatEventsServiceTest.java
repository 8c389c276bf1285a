package com.chirpchat.application.event;

import java.util.OptionalInt;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListChatEventsServiceTest {
    private final TestApp app = new TestApp();
    private final User ada = app.user("ada");
    private final User eve = app.user("eve");
    private final Chat chat = app.chat(ada);

    @Test
    void aClientThatMissedEventsGetsExactlyThose() {
        for (int i = 0; i < 6; i++) {
            app.postMessage.post(PostMessageCommand.of(ada.id(), chat.id(), "m" + i, null));
        }
        EventPage page = app.listEvents.eventsAfter(ada.id(), chat.id(), 3, OptionalInt.of(2));
        assertThat(page.items()).extracting(ChatEvent::seq).containsExactly(4L, 5L);
        assertThat(page.hasMore()).isTrue();
        EventPage rest = app.listEvents.eventsAfter(ada.id(), chat.id(), 5, OptionalInt.empty());
        assertThat(rest.items()).extracting(ChatEvent::seq).containsExactly(6L, 7L);
        assertThat(rest.hasMore()).isFalse();
    }

    @Test
    void outsidersAndBadArgumentsAreRefused() {
        assertThatThrownBy(() -> app.listEvents.eventsAfter(eve.id(), chat.id(), 0, OptionalInt.empty()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        assertThatThrownBy(() -> app.listEvents.eventsAfter(ada.id(), chat.id(), -1, OptionalInt.empty()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> app.listEvents.eventsAfter(ada.id(), chat.id(), 0, OptionalInt.of(1001)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
