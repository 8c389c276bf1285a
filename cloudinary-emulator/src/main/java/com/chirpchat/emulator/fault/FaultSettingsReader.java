package com.chirpchat.emulator.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the JSON shape of {@code POST /_emulator/faults} (also used for the {@code faults} config node):
 * <pre>
 * {"upload_failures":2, "destroy_failures":-1, "processing_failures":1,
 *  "stall_ms":{"upload":1500,"delivery":0}, "notifications":"withhold", "reset":true}
 * </pre>
 * Absent fields are left as they are; {@code "reset":true} first switches everything off.
 */
public final class FaultSettingsReader {

    private FaultSettingsReader() {
    }

    public static void apply(FaultSwitch faults, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("faults must be a JSON object");
        }
        if (json.path("reset").asBoolean(false)) {
            faults.reset();
        }
        if (json.has("upload_failures")) {
            faults.failUploads(intValue(json, "upload_failures"));
        }
        if (json.has("destroy_failures")) {
            faults.failDestroy(intValue(json, "destroy_failures"));
        }
        if (json.has("processing_failures")) {
            faults.failProcessing(intValue(json, "processing_failures"));
        }
        JsonNode stalls = json.path("stall_ms");
        if (stalls.isObject()) {
            for (Map.Entry<String, JsonNode> e : stalls.properties()) {
                if (!e.getValue().canConvertToLong()) {
                    throw new IllegalArgumentException("stall_ms." + e.getKey() + " must be a number of milliseconds");
                }
                faults.stall(scope(e.getKey()), Duration.ofMillis(e.getValue().asLong()));
            }
        } else if (!stalls.isMissingNode()) {
            throw new IllegalArgumentException("stall_ms must be an object like {\"upload\":1000}");
        }
        if (json.has("notifications")) {
            faults.notifications(mode(json.get("notifications").asText()));
        }
    }

    public static FaultSwitch.Scope scope(String name) {
        try {
            return FaultSwitch.Scope.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown stall scope '" + name + "' (upload, destroy, delivery, download, admin)");
        }
    }

    public static FaultSwitch.NotificationMode mode(String name) {
        try {
            return FaultSwitch.NotificationMode.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown notifications mode '" + name + "' (deliver, withhold, drop, bad_signature)");
        }
    }

    private static int intValue(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (!v.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be an integer (-1 = until reset)");
        }
        return v.asInt();
    }
}
