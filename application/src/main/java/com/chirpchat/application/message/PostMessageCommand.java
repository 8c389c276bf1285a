package com.chirpchat.application.message;

import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;

/** A text message to post; {@code clientMessageId} makes retries safe. */
public record PostMessageCommand(UserId author, ChatId chatId, MessageText text, Optional<ClientMessageId> clientMessageId) {
    public PostMessageCommand {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
    }

    /** Validates raw input; {@code clientMessageId} may be null. */
    public static PostMessageCommand of(UserId author, ChatId chatId, String text, String clientMessageId) {
        return new PostMessageCommand(author, chatId, new MessageText(text),
                                      Optional.ofNullable(clientMessageId).map(ClientMessageId::new));
    }
}
