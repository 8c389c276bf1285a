package com.chirpchat.application.media;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.user.UserId;

/** A member wants to upload a file of this type to the chat; name and size are what the client declares. */
public record RequestUploadCommand(UserId author,
                                   ChatId chatId,
                                   ResourceType type,
                                   Optional<String> fileName,
                                   OptionalLong bytes,
                                   Optional<ClientMessageId> clientMessageId) {
    public RequestUploadCommand {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
    }
}
