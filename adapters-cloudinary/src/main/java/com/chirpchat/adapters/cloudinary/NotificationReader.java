package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a verified notification body. {@code upload}: the file arrived (with its measurements), and processing
 * settled too when no eager item is still {@code processing}. {@code eager}: processing settled; items marked
 * {@code failed} were not made. Eager items are matched to variants by their echoed transformation string.
 */
final class NotificationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    MediaNotification read(byte[] body) {
        String id = NotificationVerifier.idOf(body);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw UseCaseException.invalid("the notification is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UseCaseException.invalid("the notification cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw UseCaseException.invalid("the notification is not a JSON object");
        }
        String type = Json.text(root, "notification_type").orElse("");
        Optional<String> publicId = Json.text(root, "public_id");
        if (!type.equals("upload") && !type.equals("eager")) {
            return new MediaNotification.Irrelevant(id, "notification_type '" + type + "'");
        }
        if (publicId.isEmpty()) {
            return new MediaNotification.Irrelevant(id, type + " notification without public_id");
        }
        JsonNode eager = root.path("eager");
        if (type.equals("eager")) {
            if (!EagerItems.mentionsOurVariants(eager)) {
                // e.g. an explicit eager request made by someone else: says nothing about our processing
                return new MediaNotification.Irrelevant(id, "eager notification for " + publicId.get() + " about no variant we request");
            }
            List<EagerItem> items = EagerItems.read(eager, publicId.get());
            return new MediaNotification.Processed(id, publicId.get(), made(items), measured(items));
        }
        Optional<List<String>> settled = settled(eager, publicId.get());
        Map<String, MediaFacts> measured = settled.isPresent() ? measured(EagerItems.read(eager, publicId.get())) : Map.of();
        return new MediaNotification.Uploaded(id, publicId.get(), facts(root), settled, storedAs(root), measured);
    }

    /** What the store measured of each variant it made. */
    private static Map<String, MediaFacts> measured(List<EagerItem> items) {
        Map<String, MediaFacts> measured = new LinkedHashMap<>();
        for (EagerItem item : items) {
            if (item.made()) {
                measured.put(item.variant(), new MediaFacts(item.format(), item.bytes(), item.width(), item.height(), item.duration()));
            }
        }
        return measured;
    }

    /** The type the file is kept as: audio is a {@code video} resource that says {@code is_audio}. */
    private static Optional<ResourceType> storedAs(JsonNode root) {
        return switch (Json.text(root, "resource_type").orElse("")) {
            case "image" -> Optional.of(ResourceType.IMAGE);
            case "video" -> Optional.of(root.path("is_audio").asBoolean(false) ? ResourceType.AUDIO : ResourceType.VIDEO);
            case "raw" -> Optional.of(ResourceType.RAW);
            default -> Optional.empty();
        };
    }

    /** The variants made, when every eager item in the upload notification is settled (none still processing). */
    private static Optional<List<String>> settled(JsonNode eager, String publicId) {
        if (!EagerItems.mentionsOurVariants(eager)) {
            return Optional.empty(); // nothing said about our processing: an eager notification (or nothing) follows
        }
        for (JsonNode item : eager) {
            if ("processing".equals(item.path("status").asText(""))) {
                return Optional.empty();
            }
        }
        return Optional.of(made(EagerItems.read(eager, publicId)));
    }

    /** The names of the variants made. */
    private static List<String> made(List<EagerItem> items) {
        return items.stream().filter(EagerItem::made).map(EagerItem::variant).toList();
    }

    private static MediaFacts facts(JsonNode root) {
        OptionalLong bytes = Json.number(root, "bytes").map(n -> OptionalLong.of(n.longValue())).orElse(OptionalLong.empty());
        OptionalInt width = Json.number(root, "width").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        OptionalInt height = Json.number(root, "height").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        OptionalDouble duration = Json.number(root, "duration").map(n -> OptionalDouble.of(n.doubleValue())).orElse(OptionalDouble.empty());
        return new MediaFacts(Json.lowerText(root, "format"), bytes, width, height, duration);
    }
}
