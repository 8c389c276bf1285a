package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every video variant the backend asks for, from sources shaped like what phones and cameras record: 16:9, 4:3,
 * native 9:16, landscape frames with a display rotation of 90° either way (portrait phone video), and anamorphic
 * pixels. Each output is decoded: its size must be the displayed picture scaled (never squashed, even dimensions,
 * square pixels) and its content the right way up.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class VideoShapesTest {

    private static final List<String> VIDEO_EAGER = List.of("q_auto,vc_h264/mp4", "sp_auto/m3u8", "sp_full_hd/mpd",
            "so_0/jpg", "c_scale,du_3,fps_10,so_0,w_320/gif");

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    /**
     * @param width     stored frame width
     * @param height    stored frame height
     * @param rotation  display rotation, degrees counter-clockwise
     * @param sar       sample aspect ratio of the stored frame
     * @param shownW    displayed width
     * @param shownH    displayed height
     * @param upright   quadrant colours of the displayed picture
     */
    record Shape(String name, int width, int height, int rotation, String sar, int shownW, int shownH, String upright) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("16x9", 640, 360, 0, "1:1", 640, 360, Media.STORED),
                new Shape("4x3", 320, 240, 0, "1:1", 320, 240, Media.STORED),
                new Shape("9x16", 360, 640, 0, "1:1", 360, 640, Media.STORED),
                new Shape("phone-portrait-rotate90", 640, 360, 90, "1:1", 360, 640, "GWRB"),
                new Shape("phone-portrait-rotate-90", 640, 360, -90, "1:1", 360, 640, "BRWG"),
                new Shape("anamorphic-16x9", 480, 360, 0, "4:3", 640, 360, Media.STORED));
    }

    @BeforeAll
    static void start() {
        Fixtures.requireFfmpeg();
        emulator = Fixtures.emulator(dir.resolve("data")).processingWorkers(2, 64)
                .processingTimeout(Duration.ofMinutes(2)).build().start();
        sdk = Fixtures.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyVariantShowsTheDisplayedPictureUpright(Shape shape) throws Exception {
        Path clip = Media.quadrantVideo(dir, shape.name() + ".mp4", 1, shape.width(), shape.height(), shape.rotation(), shape.sar());
        Map<?, ?> r = sdk.uploader().upload(clip.toFile(), ObjectUtils.asMap("resource_type", "video",
                "public_id", "shapes/" + shape.name(), "eager", Fixtures.eager(VIDEO_EAGER.toArray(String[]::new))));
        assertThat(r.get("width")).as("reported width is the displayed one").isEqualTo(shape.shownW());
        assertThat(r.get("height")).as("reported height is the displayed one").isEqualTo(shape.shownH());
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        assertThat(eager).extracting(e -> e.get("status")).containsOnlyNulls();

        Path mp4 = download(eager.get(0), shape.name() + ".out.mp4");
        Media.assertUprightSquarePixels(mp4);
        assertThat(new int[] {Media.width(mp4), Media.height(mp4)}).containsExactly(shape.shownW(), shape.shownH());
        assertThat(Media.quadrants(Media.firstFrame(mp4))).as("mp4 content").isEqualTo(shape.upright());
        assertThat(eager.get(0)).containsEntry("width", shape.shownW()).containsEntry("height", shape.shownH());

        checkHls((String) eager.get(1).get("url"), shape);
        checkDash((String) eager.get(2).get("url"), shape);

        Path poster = download(eager.get(3), shape.name() + ".poster.jpg");
        assertThat(Media.quadrants(Media.read(poster))).as("poster content").isEqualTo(shape.upright());
        assertThat(new int[] {Media.width(poster), Media.height(poster)}).containsExactly(shape.shownW(), shape.shownH());

        Path gif = download(eager.get(4), shape.name() + ".gif");
        assertThat(Media.width(gif)).isEqualTo(320);
        assertThat(Media.height(gif)).as("GIF keeps the displayed aspect")
                .isCloseTo((int) Math.round(320.0 * shape.shownH() / shape.shownW()), within(1));
        assertThat(Media.quadrants(Media.firstFrame(gif))).as("GIF content").isEqualTo(shape.upright());
    }

    @Test
    void eagerNotificationReportsSizeAndDurationOfEveryVariant() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Path clip = Media.quadrantVideo(dir, "notified.mp4", 1, 640, 360, 90, "1:1");
            sdk.uploader().upload(clip.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "shapes/notified",
                    "eager", Fixtures.eager(VIDEO_EAGER.toArray(String[]::new)), "eager_async", true,
                    "notification_url", receiver.url()));
            JsonNode eager = null;
            while (eager == null) {
                JsonNode body = Fixtures.json(receiver.next(Duration.ofMinutes(2)).body());
                if ("eager".equals(body.path("notification_type").asText())) {
                    eager = body.path("eager");
                }
            }
            assertThat(eager.size()).isEqualTo(VIDEO_EAGER.size());
            for (JsonNode item : eager) {
                String t = item.path("transformation").asText();
                assertThat(item.has("status")).as(t + " made").isFalse();
                assertThat(item.path("width").asInt()).as(t + " width").isPositive();
                assertThat(item.path("height").asInt()).as(t + " height").isGreaterThan(item.path("width").asInt());
                assertThat(Fixtures.get(item.path("url").asText()).statusCode()).as(t + " delivered").isEqualTo(200);
                if (!t.startsWith("so_0")) {
                    assertThat(item.path("duration").asDouble()).as(t + " duration").isCloseTo(1.0, within(0.3));
                }
            }
        }
    }

    private static void checkHls(String masterUrl, Shape shape) throws Exception {
        HttpResponse<byte[]> master = Fixtures.get(masterUrl);
        assertThat(master.statusCode()).isEqualTo(200);
        String text = new String(master.body(), StandardCharsets.UTF_8);
        List<int[]> advertised = Media.resolutions(text);
        List<String> variants = Media.uris(text);
        assertThat(advertised).hasSameSizeAs(variants).isNotEmpty();
        for (int i = 0; i < variants.size(); i++) {
            int[] wh = advertised.get(i);
            assertExactAspect("HLS rendition " + wh[0] + "x" + wh[1], wh[0], wh[1], shape);
            URI playlist = URI.create(masterUrl).resolve(variants.get(i));
            String media = new String(Fixtures.get(playlist.toString()).body(), StandardCharsets.UTF_8);
            Path segment = Media.write(dir, shape.name() + "-hls" + i + ".ts",
                    Fixtures.get(playlist.resolve(Media.uris(media).get(0)).toString()).body());
            Media.assertUprightSquarePixels(segment);
            assertThat(new int[] {Media.width(segment), Media.height(segment)}).as("segment size = advertised").containsExactly(wh);
            assertThat(Media.quadrants(Media.firstFrame(segment))).as("HLS content " + i).isEqualTo(shape.upright());
        }
    }

    private static void checkDash(String mpdUrl, Shape shape) throws Exception {
        HttpResponse<byte[]> mpd = Fixtures.get(mpdUrl);
        assertThat(mpd.statusCode()).as("DASH exists").isEqualTo(200);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(mpd.body()));
        NodeList reps = doc.getElementsByTagNameNS("*", "Representation");
        List<Element> video = new ArrayList<>();
        for (int i = 0; i < reps.getLength(); i++) {
            Element rep = (Element) reps.item(i);
            if (!rep.getAttribute("width").isEmpty()) {
                video.add(rep);
            }
        }
        assertThat(video).isNotEmpty();
        for (Element rep : video) {
            int w = Integer.parseInt(rep.getAttribute("width"));
            int h = Integer.parseInt(rep.getAttribute("height"));
            assertExactAspect("DASH representation " + w + "x" + h, w, h, shape);
            assertThat(rep.getAttribute("sar")).isIn("1:1", "");
            Element template = (Element) rep.getElementsByTagNameNS("*", "SegmentTemplate").item(0);
            if (template == null) {
                template = (Element) ((Element) rep.getParentNode()).getElementsByTagNameNS("*", "SegmentTemplate").item(0);
            }
            String id = rep.getAttribute("id");
            int start = Integer.parseInt(template.getAttribute("startNumber"));
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.write(Fixtures.get(URI.create(mpdUrl).resolve(template.getAttribute("initialization")
                    .replace("$RepresentationID$", id)).toString()).body());
            joined.write(Fixtures.get(URI.create(mpdUrl).resolve(template.getAttribute("media").replace("$RepresentationID$", id)
                    .replace("$Number%05d$", String.format("%05d", start))).toString()).body());
            Path segment = Media.write(dir, shape.name() + "-dash" + id + ".mp4", joined.toByteArray());
            assertThat(new int[] {Media.width(segment), Media.height(segment)}).containsExactly(w, h);
            assertThat(Media.quadrants(Media.firstFrame(segment))).as("DASH content " + id).isEqualTo(shape.upright());
        }
    }

    /** Even dimensions with exactly the displayed picture's aspect ratio (players refuse mixed ratios in one set). */
    private static void assertExactAspect(String what, int w, int h, Shape shape) {
        assertThat(w % 2).as(what + " even width").isZero();
        assertThat(h % 2).as(what + " even height").isZero();
        assertThat((long) w * shape.shownH()).as(what + " keeps " + shape.shownW() + ":" + shape.shownH())
                .isEqualTo((long) h * shape.shownW());
    }

    private static Path download(Map<String, Object> item, String name) {
        HttpResponse<byte[]> res = Fixtures.get((String) item.get("url"));
        assertThat(res.statusCode()).as((String) item.get("url")).isEqualTo(200);
        return Media.write(dir, name, res.body());
    }
}
