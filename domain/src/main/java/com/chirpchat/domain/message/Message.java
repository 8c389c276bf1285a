package com.chirpchat.domain.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.user.UserId;

/**
 * A message in a chat. {@code seq} is the sequence number of the event that created it. A deleted message is
 * a tombstone: it keeps its identity, position and author, and loses its text and media.
 */
public record Message(MessageId id,
                      ChatId chatId,
                      long seq,
                      UserId authorId,
                      MessageKind kind,
                      Optional<MessageText> text,
                      Instant createdAt,
                      boolean deleted,
                      Optional<MediaAsset> media) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(media, "media");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        if (!deleted) {
            if (kind == MessageKind.TEXT && (text.isEmpty() || media.isPresent())) {
                throw new IllegalArgumentException("a text message has text and no media");
            }
            if (kind == MessageKind.MEDIA && media.isEmpty()) {
                throw new IllegalArgumentException("a media message has media");
            }
        } else if (text.isPresent() || media.isPresent()) {
            throw new IllegalArgumentException("a deleted message keeps neither text nor media");
        }
    }

    public static Message text(MessageId id, ChatId chatId, long seq, UserId author, MessageText text, Instant at) {
        return new Message(id, chatId, seq, author, MessageKind.TEXT, Optional.of(text), at, false, Optional.empty());
    }

    public static Message media(MessageId id, ChatId chatId, long seq, UserId author, MediaAsset media, Instant at) {
        return new Message(id, chatId, seq, author, MessageKind.MEDIA, Optional.empty(), at, false, Optional.of(media));
    }

    /** The same message after deletion. */
    public Message tombstone() {
        return new Message(id, chatId, seq, authorId, kind, Optional.empty(), createdAt, true, Optional.empty());
    }

    /** The same message with its media in a new state. */
    public Message withMedia(MediaAsset asset) {
        if (deleted || kind != MessageKind.MEDIA) {
            throw new IllegalStateException("only a live media message has media to change");
        }
        return new Message(id, chatId, seq, authorId, kind, text, createdAt, false, Optional.of(asset));
    }
}
