package com.chirpchat.adapters.cloudinary;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One of our variants as a notification reports it: made (with what Cloudinary measured of it) or failed. The
 * measurements of the variants made reach the application as media facts per variant ({@code GET /media}).
 *
 * @param variant   the contract's variant name ({@code thumbnail_250}, {@code hls}...)
 * @param made      false when the item has {@code status: "failed"}
 * @param format    output format
 * @param bytes     size of the file (of the manifest for HLS/DASH)
 * @param width     pixels (absent for sound)
 * @param height    pixels (absent for sound)
 * @param duration  seconds, for timed outputs (video, streams, GIF previews, audio)
 * @param reason    why it failed, when it did
 */
record EagerItem(String variant, boolean made, Optional<String> format, OptionalLong bytes, OptionalInt width,
                 OptionalInt height, OptionalDouble duration, Optional<String> reason) {
}
