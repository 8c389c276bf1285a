package com.chirpchat.domain.ledger;

import java.util.Optional;

import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;

/** What every new message takes: its row, its {@code message_created} event, its place in the state. */
final class Messages {
    private Messages() {
    }

    /** {@code message} is numbered with the chat's next seq, which its event takes. */
    static void insert(Recorder recorder, Message message, Optional<ClientKey> key) {
        recorder.write(new ChatWrite.InsertMessage(message, key.map(ClientKey::clientMessageId)));
        recorder.emit(message.createdAt(), new EventData.MessageCreated(message));
        recorder.update(state -> {
            ChatState with = state.withMessage(message);
            return key.map(k -> with.withClientKey(k, message.id())).orElse(with);
        });
    }
}
