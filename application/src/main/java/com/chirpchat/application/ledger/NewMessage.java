package com.chirpchat.application.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;

/** A message before it has a sequence number. */
public record NewMessage(MessageId id,
                         UserId authorId,
                         MessageKind kind,
                         Optional<MessageText> text,
                         Optional<MediaAsset> media,
                         Optional<ClientMessageId> clientMessageId,
                         Instant createdAt) {
    public NewMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((kind == MessageKind.TEXT) != text.isPresent() || (kind == MessageKind.MEDIA) != media.isPresent()) {
            throw new IllegalArgumentException("text messages carry text, media messages carry media");
        }
    }

    public static NewMessage text(MessageId id, UserId author, MessageText text, Optional<ClientMessageId> clientId, Instant at) {
        return new NewMessage(id, author, MessageKind.TEXT, Optional.of(text), Optional.empty(), clientId, at);
    }

    public static NewMessage media(MessageId id, UserId author, MediaAsset media, Optional<ClientMessageId> clientId, Instant at) {
        return new NewMessage(id, author, MessageKind.MEDIA, Optional.empty(), Optional.of(media), clientId, at);
    }
}
