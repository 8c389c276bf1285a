package com.chirpchat.emulator.transform;

import com.cloudinary.EagerTransformation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformationParserTest {

    @Test
    void parsesTheEagerStringsOfTheBackend() throws Exception {
        List<Transformation> image = TransformationParser.parseEager("c_fill,g_auto,h_250,w_250/jpg|c_limit,q_auto,w_800/webp");
        assertThat(image).hasSize(2);
        assertThat(image.get(0).format()).isEqualTo("jpg");
        assertThat(image.get(0).canonical()).isEqualTo("c_fill,g_auto,h_250,w_250");
        assertThat(image.get(1).param("c")).contains("limit");
        assertThat(image.get(1).requested()).isEqualTo("c_limit,q_auto,w_800/webp");

        List<Transformation> video = TransformationParser.parseEager(
                "q_auto,vc_h264/mp4|sp_auto/m3u8|sp_full_hd/m3u8|sp_hd/m3u8|sp_full_hd/mpd|so_0/jpg|c_scale,du_3,fps_10,so_0,w_320/gif|c_scale,e_loop,w_320/gif");
        assertThat(video).extracting(Transformation::format).containsExactly("mp4", "m3u8", "m3u8", "m3u8", "mpd", "jpg", "gif", "gif");
        assertThat(video.get(6).param("du")).contains("3");

        List<Transformation> audio = TransformationParser.parseEager("/mp3|mp3|fl_waveform/png");
        assertThat(audio.get(0).isEmpty()).isTrue();
        assertThat(audio.get(0).format()).isEqualTo("mp3");
        assertThat(audio.get(1).format()).isEqualTo("mp3");
        assertThat(audio.get(2).hasFlag("waveform")).isTrue();
    }

    @Test
    void acceptsWhatTheSdkBuilds() throws Exception {
        List<EagerTransformation> sdk = List.of(
                new EagerTransformation().crop("fill").gravity("auto").height(250).width(250).format("jpg"),
                new EagerTransformation().crop("limit").quality("auto").width(800).format("webp"),
                new EagerTransformation().quality("auto").videoCodec("h264").format("mp4"),
                new EagerTransformation().streamingProfile("auto").format("m3u8"),
                new EagerTransformation().streamingProfile("full_hd").format("mpd"),
                new EagerTransformation().startOffset("0").format("jpg"),
                new EagerTransformation().crop("scale").duration(3).fps(10).startOffset(0).width(320).format("gif"),
                new EagerTransformation().format("mp3"),
                new EagerTransformation().flags("waveform").format("png"));
        for (EagerTransformation e : sdk) {
            Transformation t = TransformationParser.parse(e.generate());
            assertThat(t.format()).as(e.generate()).isNotEmpty();
        }
        // the SDK writes numbers as 3.0 / 0.0: the same derived file as du_3 / so_0
        String sdkGif = new EagerTransformation().crop("scale").duration(3).fps(10).startOffset(0).width(320).format("gif").generate();
        assertThat(sdkGif).contains("du_3.0");
        assertThat(TransformationParser.parse(sdkGif).derivedKey("gif"))
                .isEqualTo(TransformationParser.parse("c_scale,du_3,fps_10,so_0,w_320/gif").derivedKey("gif"));
    }

    @Test
    void canonicalFormIgnoresParameterOrder() throws Exception {
        assertThat(TransformationParser.parse("w_250,h_250,g_auto,c_fill/jpg").canonical())
                .isEqualTo(TransformationParser.parse("c_fill,g_auto,h_250,w_250/jpeg").canonical());
        assertThat(TransformationParser.parseDelivery(List.of("c_fill,g_auto,h_250,w_250"), "jpg").derivedKey("jpg"))
                .isEqualTo(TransformationParser.parse("c_fill,g_auto,h_250,w_250/jpg").derivedKey("jpg"));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThatThrownBy(() -> TransformationParser.parse("c_fill,w_250,z_9/jpg")).hasMessageContaining("Invalid transformation component - z_9");
        assertThatThrownBy(() -> TransformationParser.parse("c_wobble/jpg")).hasMessageContaining("c_wobble");
        assertThatThrownBy(() -> TransformationParser.parse("w_-3/jpg")).isInstanceOf(TransformationException.class);
        assertThatThrownBy(() -> TransformationParser.parse("sp_ultra/m3u8")).isInstanceOf(TransformationException.class);
        assertThatThrownBy(() -> TransformationParser.parse("t_thumb/jpg")).hasMessageContaining("Named transformations");
        assertThatThrownBy(() -> TransformationParser.parse("e_sepia/jpg")).hasMessageContaining("Unsupported effect");
        assertThatThrownBy(() -> TransformationParser.parse("w_10/exe")).isInstanceOf(TransformationException.class);
        assertThatThrownBy(() -> TransformationParser.parse("w_10,w_20")).hasMessageContaining("Duplicate");
    }

    @Test
    void checksTransformationsAgainstTheSource() throws Exception {
        assertThat(Transformations.check(TransformationParser.parse("so_0/jpg"), SourceKind.VIDEO, "mp4")).isEqualTo("jpg");
        assertThat(Transformations.check(TransformationParser.parse("fl_waveform/png"), SourceKind.AUDIO, "mp3")).isEqualTo("png");
        assertThat(Transformations.check(TransformationParser.parse("mp3"), SourceKind.AUDIO, "wav")).isEqualTo("mp3");
        assertThatThrownBy(() -> Transformations.check(TransformationParser.parse("sp_auto/m3u8"), SourceKind.IMAGE, "png"))
                .isInstanceOf(TransformationException.class);
        assertThatThrownBy(() -> Transformations.check(TransformationParser.parse("sp_auto/mp4"), SourceKind.VIDEO, "mp4"))
                .hasMessageContaining("Streaming profiles");
        assertThatThrownBy(() -> Transformations.check(TransformationParser.parse("so_0/jpg"), SourceKind.AUDIO, "mp3"))
                .isInstanceOf(TransformationException.class);
        assertThatThrownBy(() -> Transformations.check(TransformationParser.parse("w_10/png"), SourceKind.RAW, ""))
                .hasMessageContaining("raw");
    }

    @Test
    void geometryFollowsTheCropModes() {
        Geometry.Plan fill = Geometry.plan(640, 480, "fill", Optional.of("250"), Optional.of("250"));
        assertThat(fill.outW()).isEqualTo(250);
        assertThat(fill.outH()).isEqualTo(250);
        assertThat(fill.scaleH()).isEqualTo(250);
        assertThat(fill.scaleW()).isGreaterThanOrEqualTo(333);

        Geometry.Plan limitSmall = Geometry.plan(300, 200, "limit", Optional.of("800"), Optional.empty());
        assertThat(limitSmall.outW()).isEqualTo(300);
        Geometry.Plan limitBig = Geometry.plan(2000, 1000, "limit", Optional.of("800"), Optional.empty());
        assertThat(limitBig.outW()).isEqualTo(800);
        assertThat(limitBig.outH()).isEqualTo(400);

        Geometry.Plan pad = Geometry.plan(400, 200, "pad", Optional.of("300"), Optional.of("300"));
        assertThat(pad.kind()).isEqualTo(Geometry.Plan.Kind.PAD);
        assertThat(pad.scaleW()).isEqualTo(300);
        assertThat(pad.scaleH()).isEqualTo(150);
        assertThat(pad.outH()).isEqualTo(300);

        Geometry.Plan crop = Geometry.plan(400, 200, "crop", Optional.of("100"), Optional.of("500"));
        assertThat(crop.outW()).isEqualTo(100);
        assertThat(crop.outH()).isEqualTo(200);

        Geometry.Plan scale = Geometry.plan(400, 200, "scale", Optional.of("0.5"), Optional.empty());
        assertThat(scale.outW()).isEqualTo(200);
        assertThat(scale.outH()).isEqualTo(100);
    }
}
