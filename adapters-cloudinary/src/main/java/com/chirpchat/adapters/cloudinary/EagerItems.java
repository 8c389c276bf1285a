package com.chirpchat.adapters.cloudinary;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a notification's {@code eager[]}: each item is matched to a variant by its echoed transformation string,
 * and its {@code width}, {@code height}, {@code duration}, {@code bytes} and {@code format} are read (numbers may
 * come as strings; negative or unreadable ones are absent). Items we never request are skipped and logged.
 */
final class EagerItems {
    private static final System.Logger LOG = System.getLogger(EagerItems.class.getName());

    private EagerItems() {
    }

    static List<EagerItem> read(JsonNode eager, String publicId) {
        List<EagerItem> items = new ArrayList<>();
        if (!eager.isArray()) {
            return items;
        }
        for (JsonNode item : eager) {
            String transformation = item.path("transformation").asText("");
            Optional<Variants.Variant> variant = Variants.byTransformation(transformation);
            if (variant.isEmpty()) {
                LOG.log(Level.WARNING, "ignoring eager item '" + transformation + "' of " + publicId + ": not a variant we request");
                continue;
            }
            if (items.stream().anyMatch(i -> i.variant().equals(variant.get().name()))) {
                continue;
            }
            boolean failed = "failed".equals(item.path("status").asText(""));
            Optional<String> reason = failed ? Optional.of(item.path("reason").asText("no reason given")) : Optional.empty();
            if (failed) {
                // a contract variant that could not be made is something to look into, not a detail
                LOG.log(Level.WARNING, "variant " + variant.get().name() + " of " + publicId + " failed: " + reason.get());
            }
            items.add(new EagerItem(variant.get().name(), !failed, Json.text(item, "format"),
                    Json.number(item, "bytes").map(n -> OptionalLong.of(n.longValue())).orElse(OptionalLong.empty()),
                    Json.number(item, "width").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty()),
                    Json.number(item, "height").map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty()),
                    Json.number(item, "duration").map(n -> OptionalDouble.of(n.doubleValue())).orElse(OptionalDouble.empty()),
                    reason));
        }
        return items;
    }

    /** @return whether any item is one of our variants (otherwise the notification says nothing of our processing) */
    static boolean mentionsOurVariants(JsonNode eager) {
        if (eager.isArray()) {
            for (JsonNode item : eager) {
                if (Variants.byTransformation(item.path("transformation").asText("")).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
