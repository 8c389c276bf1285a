package com.chirpchat.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Chat events between server instances: the public event JSON plus what only servers need (the media's
 * asset key), read back into domain events on the other side.
 */
public final class EventCodec {
    private EventCodec() {
    }

    public static String encode(ChatEvent event) {
        return DomainJson.write(DomainJson.event(event, true));
    }

    /** {@link #encode} as UTF-8, without the string in between. */
    public static byte[] encodeBytes(ChatEvent event) {
        return DomainJson.writeBytes(DomainJson.event(event, true));
    }

    /** @throws IllegalArgumentException when the text is not an encoded event */
    public static ChatEvent decode(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an encoded chat event: " + e.getMessage(), e);
        }
        return decode(node);
    }

    /**
     * {@link #decode(String)} of the UTF-8 text at {@code bytes[offset, offset + length)}.
     *
     * @throws IllegalArgumentException when those bytes are not an encoded event
     */
    public static ChatEvent decode(byte[] bytes, int offset, int length) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes, offset, length);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an encoded chat event: " + e.getMessage(), e);
        }
        return decode(node);
    }

    private static ChatEvent decode(JsonNode node) {
        try {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            ChatEventType type = ChatEventType.parse(node.required("type").asText());
            JsonNode data = node.required("data");
            EventData eventData = switch (type) {
                case MESSAGE_CREATED -> new EventData.MessageCreated(message(data));
                case MEDIA_PROCESSED -> new EventData.MediaProcessed(message(data));
                case MEDIA_FAILED -> new EventData.MediaFailed(message(data));
                case MESSAGE_DELETED -> new EventData.MessageDeleted(MessageId.parse(data.required("messageId").asText()));
                case MEMBER_ADDED -> new EventData.MemberAdded(UserId.parse(data.required("userId").asText()),
                                                               Role.parse(data.required("role").asText()));
                case MEMBER_REMOVED -> new EventData.MemberRemoved(UserId.parse(data.required("userId").asText()),
                                                                   Role.parse(data.required("role").asText()));
                case MEMBER_ROLE_CHANGED -> new EventData.MemberRoleChanged(UserId.parse(data.required("userId").asText()),
                                                                            Role.parse(data.required("role").asText()));
            };
            return new ChatEvent(ChatId.parse(node.required("chatId").asText()), node.required("seq").asLong(),
                                 Times.parse(node.required("at").asText()), eventData);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an encoded chat event: " + e.getMessage(), e);
        }
    }

    private static Message message(JsonNode node) {
        Optional<MediaAsset> media = node.hasNonNull("media") ? Optional.of(media(node.get("media"))) : Optional.empty();
        return new Message(MessageId.parse(node.required("id").asText()),
                           ChatId.parse(node.required("chatId").asText()),
                           node.required("seq").asLong(),
                           UserId.parse(node.required("authorId").asText()),
                           MessageKind.parse(node.required("kind").asText()),
                           node.hasNonNull("text") ? Optional.of(new MessageText(node.get("text").asText())) : Optional.empty(),
                           Times.parse(node.required("createdAt").asText()),
                           node.required("deleted").asBoolean(),
                           media);
    }

    private static MediaAsset media(JsonNode node) {
        MediaFacts facts = new MediaFacts(
                node.hasNonNull("format") ? Optional.of(node.get("format").asText()) : Optional.empty(),
                node.hasNonNull("bytes") ? OptionalLong.of(node.get("bytes").asLong()) : OptionalLong.empty(),
                node.hasNonNull("width") ? OptionalInt.of(node.get("width").asInt()) : OptionalInt.empty(),
                node.hasNonNull("height") ? OptionalInt.of(node.get("height").asInt()) : OptionalInt.empty(),
                node.hasNonNull("durationSeconds") ? OptionalDouble.of(node.get("durationSeconds").asDouble()) : OptionalDouble.empty());
        List<String> variants = new ArrayList<>();
        node.path("variants").forEach(v -> variants.add(v.asText()));
        return new MediaAsset(ResourceType.parse(node.required("resourceType").asText()),
                              node.required("assetKey").asText(),
                              node.required("uploadReported").asBoolean() ? Optional.of(facts) : Optional.empty(),
                              node.required("processingReported").asBoolean() ? Optional.of(variants) : Optional.empty(),
                              node.hasNonNull("failureReason") ? Optional.of(node.get("failureReason").asText()) : Optional.empty());
    }
}
