/**
 * A local, Cloudinary-compatible media service: upload API (signed, chunked, CORS), real eager processing
 * (ImageIO/WebP for images, ffmpeg for video and audio), signed webhook notifications, delivery URLs with
 * signatures and {@code __cld_token__} tokens, download API, destroy and admin delete, and a fault switch.
 * Only {@code com.chirpchat.emulator} is API; every other package is an implementation detail.
 */
module com.chirpchat.emulator {
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.config;
    requires transitive io.helidon.common.config; // MediaEmulator.create(Config) takes a config node
    requires com.fasterxml.jackson.databind;
    requires java.desktop;
    requires java.net.http;
    requires java.logging;
    // The WebP encoder is an ImageIO plug-in; ImageIO finds it through its service registry. It is written in
    // Kotlin, and as an automatic module it cannot make the module system resolve the Kotlin runtime itself.
    requires webp.imageio;
    requires kotlin.stdlib;
    // ffmpeg and ffprobe come inside these platform jars (GPL builds with libx264 and LAME) and are extracted once
    // into a cache folder; nothing of them is loaded into this JVM. Both are required so that the module path of
    // one package works on either CPU; each is only resources.
    requires org.bytedeco.ffmpeg.linux.x86_64.gpl;
    requires org.bytedeco.ffmpeg.linux.arm64.gpl;

    exports com.chirpchat.emulator;

    // Jackson reads and writes the persisted metadata records reflectively.
    opens com.chirpchat.emulator.store to com.fasterxml.jackson.databind;
    opens com.chirpchat.emulator.notify to com.fasterxml.jackson.databind;
}
