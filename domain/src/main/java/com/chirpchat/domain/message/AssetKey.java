package com.chirpchat.domain.message;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;

/**
 * Where a media message's file lives in the media store: {@code chats/<chatId>/<messageId>}. We choose the key
 * before the upload and sign the upload for exactly that place, so a key names its chat and its message: a report
 * from the store about a key leads straight to the chat to lock and the message to change, without a lookup.
 */
public record AssetKey(ChatId chatId, MessageId messageId) {
    private static final String PREFIX = "chats/";

    public AssetKey {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** The chat's folder in the store; every file of the chat lives there. */
    public static String folderOf(ChatId chatId) {
        return PREFIX + chatId;
    }

    /** The key's chat and message; empty for a key this scheme did not make. */
    public static Optional<AssetKey> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return uuid(rest.substring(0, slash)).flatMap(chat -> uuid(rest.substring(slash + 1))
                .map(message -> new AssetKey(new ChatId(chat), new MessageId(message))));
    }

    public String folder() {
        return folderOf(chatId);
    }

    /** The file's name within the folder. */
    public String name() {
        return messageId.toString();
    }

    public String value() {
        return folder() + "/" + name();
    }

    @Override
    public String toString() {
        return value();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            // UUID.fromString accepts odd spellings; only the canonical form is a key we made
            return uuid.toString().equals(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
