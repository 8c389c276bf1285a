package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.domain.media.MediaFacts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a verified notification body. {@code upload}: the file arrived (with its measurements), and processing
 * settled too when no eager item is still {@code processing}. {@code eager}: processing settled; items marked
 * {@code failed} were not made. Eager items are matched to variants by their echoed transformation string.
 */
final class NotificationReader {
    private static final System.Logger LOG = System.getLogger(NotificationReader.class.getName());
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
        String type = text(root, "notification_type").orElse("");
        Optional<String> publicId = text(root, "public_id").filter(s -> !s.isBlank());
        if (!type.equals("upload") && !type.equals("eager")) {
            return new MediaNotification.Irrelevant(id, "notification_type '" + type + "'");
        }
        if (publicId.isEmpty()) {
            return new MediaNotification.Irrelevant(id, type + " notification without public_id");
        }
        JsonNode eager = root.path("eager");
        if (type.equals("eager")) {
            if (!mentionsOurVariants(eager)) {
                // e.g. an explicit eager request made by someone else: says nothing about our processing
                return new MediaNotification.Irrelevant(id, "eager notification for " + publicId.get() + " about no variant we request");
            }
            return new MediaNotification.Processed(id, publicId.get(), made(eager, publicId.get()));
        }
        return new MediaNotification.Uploaded(id, publicId.get(), facts(root), settled(eager, publicId.get()));
    }

    /** The variants made, when every eager item in the upload notification is settled (none still processing). */
    private static Optional<List<String>> settled(JsonNode eager, String publicId) {
        if (!mentionsOurVariants(eager)) {
            return Optional.empty(); // nothing said about our processing: an eager notification (or nothing) follows
        }
        for (JsonNode item : eager) {
            if ("processing".equals(item.path("status").asText(""))) {
                return Optional.empty();
            }
        }
        return Optional.of(made(eager, publicId));
    }

    private static boolean mentionsOurVariants(JsonNode eager) {
        if (eager.isArray()) {
            for (JsonNode item : eager) {
                if (Variants.byTransformation(item.path("transformation").asText("")).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> made(JsonNode eager, String publicId) {
        List<String> names = new ArrayList<>();
        if (!eager.isArray()) {
            return names;
        }
        for (JsonNode item : eager) {
            String transformation = item.path("transformation").asText("");
            Optional<Variants.Variant> variant = Variants.byTransformation(transformation);
            if (variant.isEmpty()) {
                LOG.log(Level.WARNING, "ignoring eager item '" + transformation + "' of " + publicId + ": not a variant we request");
                continue;
            }
            if ("failed".equals(item.path("status").asText(""))) {
                LOG.log(Level.WARNING, "variant " + variant.get().name() + " of " + publicId + " failed: "
                        + item.path("reason").asText("no reason given"));
                continue;
            }
            if (!names.contains(variant.get().name())) {
                names.add(variant.get().name());
            }
        }
        return names;
    }

    private static MediaFacts facts(JsonNode root) {
        Optional<String> format = text(root, "format").filter(s -> !s.isBlank()).map(s -> s.toLowerCase(Locale.ROOT));
        OptionalLong bytes = number(root, "bytes").map(n -> OptionalLong.of(n.longValue())).orElse(OptionalLong.empty());
        OptionalInt width = number(root, "width").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        OptionalInt height = number(root, "height").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        OptionalDouble duration = number(root, "duration").map(n -> OptionalDouble.of(n.doubleValue())).orElse(OptionalDouble.empty());
        return new MediaFacts(format, bytes, width, height, duration);
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A number, also when sent as a string; absent when missing, negative or unreadable. */
    private static Optional<Number> number(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Number n = null;
        if (node.isNumber()) {
            n = node.numberValue();
        } else if (node.isTextual()) {
            try {
                n = Double.valueOf(node.asText().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return n == null || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue()) ? Optional.empty() : Optional.of(n);
    }
}
