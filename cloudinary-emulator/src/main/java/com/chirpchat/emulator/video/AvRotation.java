package com.chirpchat.emulator.video;

import com.fasterxml.jackson.databind.JsonNode;

/** The display rotation ffprobe reports for a video stream: the display matrix, or the old {@code rotate} tag. */
final class AvRotation {

    private AvRotation() {
    }

    static int of(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return stream.path("tags").path("rotate").asInt(0);
    }
}
