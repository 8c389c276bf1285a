package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.EagerTransformation;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Video and audio through ffmpeg: every output checked with ffprobe or a decoder. Needs ffmpeg installed. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class VideoAudioTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Map<?, ?> video;

    @BeforeAll
    static void start() throws Exception {
        Fixtures.requireFfmpeg();
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
        Path clip = Fixtures.video(dir, "clip.mp4", 2, 320, 240);
        video = sdk.uploader().upload(clip.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "chats/c1/clip",
                "eager", Fixtures.eager("q_auto,vc_h264/mp4", "sp_auto/m3u8", "sp_full_hd/mpd", "so_0/jpg",
                        "c_scale,du_3,fps_10,so_0,w_320/gif")));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Test
    void uploadReportsRealVideoMetadata() {
        assertThat(video.get("resource_type")).isEqualTo("video");
        assertThat(video.get("format")).isEqualTo("mp4");
        assertThat(video.get("width")).isEqualTo(320);
        assertThat(video.get("height")).isEqualTo(240);
        assertThat(video.get("is_audio")).isEqualTo(false);
        assertThat(((Number) video.get("duration")).doubleValue()).isCloseTo(2.0, within(0.2));
        assertThat(((Map<?, ?>) video.get("video")).get("codec")).isEqualTo("h264");
        assertThat(((Map<?, ?>) video.get("audio")).get("codec")).isEqualTo("aac");
        assertThat(eager(0)).containsEntry("transformation", "q_auto,vc_h264/mp4").containsEntry("format", "mp4");
        assertThat(eager(1)).containsEntry("format", "m3u8");
    }

    @Test
    void mp4IsWebOptimisedH264Aac() throws Exception {
        Path mp4 = download((String) eager(0).get("url"), "video/mp4", "out.mp4");
        String streams = Fixtures.ffprobe(mp4, "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0");
        assertThat(streams).contains("h264,video").contains("aac,audio");
        byte[] bytes = Files.readAllBytes(mp4);
        String ascii = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(ascii.indexOf("moov")).as("faststart: moov before mdat").isLessThan(ascii.indexOf("mdat"));
        // Range requests work for players that seek.
        HttpResponse<byte[]> range = Fixtures.get((String) eager(0).get("url"), "Range", "bytes=0-99");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 0-99/" + bytes.length);
    }

    @Test
    void hlsManifestSegmentsMatchTheFilesAndAllLoad() throws Exception {
        String masterUrl = (String) eager(1).get("url");
        HttpResponse<byte[]> master = Fixtures.get(masterUrl);
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type")).contains("application/x-mpegURL");
        String masterText = new String(master.body(), StandardCharsets.UTF_8);
        assertThat(masterText).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF");
        List<String> variants = uris(masterText);
        assertThat(variants).isNotEmpty();
        int segments = 0;
        for (String variant : variants) {
            URI variantUri = URI.create(masterUrl).resolve(variant);
            HttpResponse<byte[]> playlist = Fixtures.get(variantUri.toString());
            assertThat(playlist.statusCode()).isEqualTo(200);
            String text = new String(playlist.body(), StandardCharsets.UTF_8);
            List<String> parts = uris(text);
            assertThat(parts).hasSize((int) text.lines().filter(l -> l.startsWith("#EXTINF")).count());
            for (String part : parts) {
                HttpResponse<byte[]> segment = Fixtures.get(variantUri.resolve(part).toString());
                assertThat(segment.statusCode()).isEqualTo(200);
                assertThat(segment.headers().firstValue("Content-Type")).contains("video/mp2t");
                assertThat(segment.body()[0]).isEqualTo((byte) 0x47); // MPEG-TS sync byte
                segments++;
            }
        }
        assertThat(segments).isEqualTo(filesEndingWith(".ts"));
    }

    @Test
    void dashManifestParsesAndItsSegmentsLoad() throws Exception {
        String mpdUrl = (String) eager(2).get("url");
        HttpResponse<byte[]> mpd = Fixtures.get(mpdUrl);
        assertThat(mpd.statusCode()).isEqualTo(200);
        assertThat(mpd.headers().firstValue("Content-Type")).contains("application/dash+xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(mpd.body()));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("MPD");
        NodeList representations = doc.getElementsByTagNameNS("*", "Representation");
        assertThat(representations.getLength()).isGreaterThanOrEqualTo(2); // video + audio
        int fetched = 0;
        for (int i = 0; i < representations.getLength(); i++) {
            Element rep = (Element) representations.item(i);
            Element template = (Element) rep.getElementsByTagNameNS("*", "SegmentTemplate").item(0);
            String id = rep.getAttribute("id");
            String init = template.getAttribute("initialization").replace("$RepresentationID$", id);
            assertThat(Fixtures.get(URI.create(mpdUrl).resolve(init).toString()).statusCode()).isEqualTo(200);
            int count = 0;
            NodeList s = template.getElementsByTagNameNS("*", "S");
            for (int j = 0; j < s.getLength(); j++) {
                String r = ((Element) s.item(j)).getAttribute("r");
                count += 1 + (r.isEmpty() ? 0 : Integer.parseInt(r));
            }
            int start = Integer.parseInt(template.getAttribute("startNumber"));
            for (int n = start; n < start + count; n++) {
                String media = template.getAttribute("media").replace("$RepresentationID$", id)
                        .replace("$Number%05d$", String.format("%05d", n));
                HttpResponse<byte[]> seg = Fixtures.get(URI.create(mpdUrl).resolve(media).toString());
                assertThat(seg.statusCode()).as(media).isEqualTo(200);
                fetched++;
            }
        }
        assertThat(fetched).isEqualTo(filesEndingWith(".m4s") - representations.getLength());
    }

    @Test
    void posterIsAJpegFrame() {
        HttpResponse<byte[]> res = Fixtures.get((String) eager(3).get("url"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage poster = Fixtures.decode(res.body());
        assertThat(poster.getWidth()).isEqualTo(320);
        assertThat(poster.getHeight()).isEqualTo(240);
    }

    @Test
    void animatedPreviewIsALoopingGif() throws Exception {
        HttpResponse<byte[]> res = Fixtures.get((String) eager(4).get("url"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("image/gif");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(res.body()))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isBetween(15, 25); // ~2 s at 10 fps
            assertThat(reader.read(0).getWidth()).isEqualTo(320);
        }
        assertThat(new String(res.body(), StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0"); // loop extension
    }

    @Test
    void audioIsAVideoResourceWithMp3AndWaveform() throws Exception {
        Path wav = Fixtures.audio(dir, "tone.wav", 1.5);
        Map<?, ?> r = sdk.uploader().upload(wav.toFile(), ObjectUtils.asMap("resource_type", "auto", "public_id", "voice",
                "eager", List.of(new EagerTransformation().format("mp3"), new EagerTransformation().flags("waveform").format("png"))));
        assertThat(r.get("resource_type")).isEqualTo("video");
        assertThat(r.get("is_audio")).isEqualTo(true);
        assertThat(r.get("format")).isEqualTo("wav");
        assertThat(r.get("width")).isNull();
        assertThat(((Number) r.get("duration")).doubleValue()).isCloseTo(1.5, within(0.1));
        List<?> eager = (List<?>) r.get("eager");
        Map<?, ?> mp3 = (Map<?, ?>) eager.get(0);
        assertThat(mp3.get("transformation")).isEqualTo("mp3");
        assertThat(mp3.get("url")).isEqualTo(emulator.baseUri() + "/chirpchat/video/upload/v" + r.get("version") + "/voice.mp3");
        Path mp3File = download((String) mp3.get("url"), "audio/mpeg", "voice.mp3");
        assertThat(Fixtures.ffprobe(mp3File, "-show_entries", "stream=codec_name", "-of", "csv=p=0").trim()).isEqualTo("mp3");
        HttpResponse<byte[]> wave = Fixtures.get((String) ((Map<?, ?>) eager.get(1)).get("url"));
        assertThat(wave.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage waveform = Fixtures.decode(wave.body());
        assertThat(waveform.getWidth()).isGreaterThan(waveform.getHeight());

        Map<?, ?> mp3Upload = sdk.uploader().upload(mp3File.toFile(), ObjectUtils.asMap("resource_type", "auto"));
        assertThat(mp3Upload.get("format")).isEqualTo("mp3");
        assertThat(mp3Upload.get("is_audio")).isEqualTo(true);
        Path m4a = Fixtures.audio(dir, "tone.m4a", 1);
        assertThat(sdk.uploader().upload(m4a.toFile(), ObjectUtils.asMap("resource_type", "video")).get("format")).isEqualTo("m4a");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> eager(int i) {
        return (Map<String, Object>) ((List<?>) video.get("eager")).get(i);
    }

    private static Path download(String url, String contentType, String name) throws Exception {
        HttpResponse<byte[]> res = Fixtures.get(url);
        assertThat(res.statusCode()).as(url).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains(contentType);
        Path file = dir.resolve(name);
        Files.write(file, res.body());
        return file;
    }

    private static List<String> uris(String playlist) {
        List<String> out = new ArrayList<>();
        playlist.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(out::add);
        return out;
    }

    private static long filesEndingWith(String suffix) throws Exception {
        try (Stream<Path> files = Files.walk(emulator.dataDir().resolve("assets"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
