package com.chirpchat.application.message;

import java.time.Clock;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;

public final class PostMessageService implements PostMessageUseCase {
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;

    public PostMessageService(ChangeChatPort ledger, EventPublisher publisher, IdGenerator ids, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public PostedMessage post(PostMessageCommand command) {
        Outcome outcome = ledger.change(command.chatId(), chat -> {
            MembershipRules.mayPost(chat, command.author()).orThrow();
            // checked under the chat's lock, so two concurrent retries cannot both create
            var earlier = command.clientMessageId().flatMap(id -> chat.messageByClientId(command.author(), id));
            if (earlier.isPresent()) {
                return new Outcome(new PostedMessage(earlier.get(), false), null);
            }
            ChatEvent event = chat.appendMessage(NewMessage.text(new MessageId(ids.next()), command.author(), command.text(),
                                                                 command.clientMessageId(), clock.instant()));
            return new Outcome(new PostedMessage(((EventData.MessageCreated) event.data()).message(), true), event);
        });
        if (outcome.event() != null) {
            publisher.publish(outcome.event());
        }
        return outcome.posted();
    }

    private record Outcome(PostedMessage posted, ChatEvent event) {
    }
}
