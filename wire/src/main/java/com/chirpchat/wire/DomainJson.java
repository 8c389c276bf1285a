package com.chirpchat.wire;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Domain objects as clients see them (the public contract). Absent values are written as JSON {@code null}
 * so every documented field is always present.
 */
public final class DomainJson {
    private DomainJson() {
    }

    public static ObjectNode user(User user) {
        ObjectNode node = object();
        node.put("id", user.id().toString());
        node.put("username", user.username().value());
        node.put("displayName", user.displayName().value());
        return node;
    }

    public static ObjectNode membership(Membership membership) {
        ObjectNode node = object();
        node.put("userId", membership.userId().toString());
        node.put("role", membership.role().wireName());
        return node;
    }

    public static ObjectNode chat(Chat chat) {
        ObjectNode node = object();
        node.put("id", chat.id().toString());
        node.put("title", chat.title().value());
        node.put("createdAt", Times.format(chat.createdAt()));
        ArrayNode members = node.putArray("members");
        chat.members().forEach(m -> members.add(membership(m)));
        node.put("lastSeq", chat.lastSeq());
        return node;
    }

    public static ObjectNode message(Message message) {
        return message(message, false);
    }

    static ObjectNode message(Message message, boolean internal) {
        ObjectNode node = object();
        node.put("id", message.id().toString());
        node.put("chatId", message.chatId().toString());
        node.put("seq", message.seq());
        node.put("authorId", message.authorId().toString());
        node.put("kind", message.kind().wireName());
        node.put("text", message.text().map(t -> t.value()).orElse(null));
        node.put("createdAt", Times.format(message.createdAt()));
        node.put("deleted", message.deleted());
        if (message.media().isPresent()) {
            node.set("media", media(message.media().get(), internal));
        } else {
            node.putNull("media");
        }
        return node;
    }

    public static ObjectNode media(MediaAsset media) {
        return media(media, false);
    }

    private static ObjectNode media(MediaAsset media, boolean internal) {
        ObjectNode node = object();
        MediaFacts facts = media.measured();
        node.put("status", media.status().wireName());
        node.put("resourceType", media.resourceType().wireName());
        node.put("format", facts.format().orElse(null));
        if (facts.bytes().isPresent()) {
            node.put("bytes", facts.bytes().getAsLong());
        } else {
            node.putNull("bytes");
        }
        if (facts.width().isPresent()) {
            node.put("width", facts.width().getAsInt());
        } else {
            node.putNull("width");
        }
        if (facts.height().isPresent()) {
            node.put("height", facts.height().getAsInt());
        } else {
            node.putNull("height");
        }
        if (facts.durationSeconds().isPresent()) {
            node.put("durationSeconds", facts.durationSeconds().getAsDouble());
        } else {
            node.putNull("durationSeconds");
        }
        ArrayNode variants = node.putArray("variants");
        media.madeVariants().forEach(variants::add);
        node.put("failureReason", media.failureReason().orElse(null));
        if (internal) {
            // what only servers need to rebuild the asset exactly: its storage key and what has been reported
            node.put("assetKey", media.assetKey());
            node.put("uploadReported", media.facts().isPresent());
            node.put("processingReported", media.variants().isPresent());
        }
        return node;
    }

    /** {@code {"type","chatId","seq","at","data"}}. */
    public static ObjectNode event(ChatEvent event) {
        return event(event, false);
    }

    static ObjectNode event(ChatEvent event, boolean internal) {
        ObjectNode node = object();
        node.put("type", event.type().wireName());
        node.put("chatId", event.chatId().toString());
        node.put("seq", event.seq());
        node.put("at", Times.format(event.at()));
        node.set("data", switch (event.data()) {
            case EventData.MessageCreated c -> message(c.message(), internal);
            case EventData.MediaProcessed p -> message(p.message(), internal);
            case EventData.MediaFailed f -> message(f.message(), internal);
            case EventData.MessageDeleted d -> object().put("messageId", d.messageId().toString());
            case EventData.MemberAdded a -> membership(new Membership(a.userId(), a.role()));
            case EventData.MemberRemoved r -> membership(new Membership(r.userId(), r.role()));
            case EventData.MemberRoleChanged c -> membership(new Membership(c.userId(), c.role()));
        });
        return node;
    }

    /** The event as the text of one WebSocket frame. */
    public static String eventText(ChatEvent event) {
        return write(event(event));
    }

    /** The event as the UTF-8 bytes of one WebSocket frame's text (the same as {@link #eventText}, encoded). */
    public static byte[] eventBytes(ChatEvent event) {
        return writeBytes(event(event));
    }

    /** {@link #write} as UTF-8, without the string in between. */
    public static byte[] writeBytes(Object node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static String write(Object node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }
}
