package com.chirpchat.emulator.transform;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image transformations with the JDK's imaging and real encoders (JPEG, PNG, GIF, BMP from ImageIO; WebP from
 * the webp-imageio plug-in, i.e. libwebp).
 */
public final class ImageProcessor {

    private static final long MAX_PIXELS = 100_000_000L;

    /** Decodes the whole image; throws when the data is corrupt. */
    public static BufferedImage decode(Path source) throws ProcessingException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ProcessingException("Invalid image file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new ProcessingException("Image is too large to process");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new ProcessingException("Invalid image file");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ProcessingException("Invalid image file: " + e.getMessage(), e);
        }
    }

    /** Applies every step of {@code t} to a decoded picture (used for images and for frames of videos). */
    public static BufferedImage apply(BufferedImage source, Transformation t) {
        BufferedImage img = source;
        for (Step step : t.steps()) {
            img = resize(img, step);
            if (step.get("e").filter(e -> e.equals("grayscale")).isPresent()) {
                img = grayscale(img);
            }
        }
        return img;
    }

    /** Transforms {@code source} into {@code outDir/derived.<format>}. */
    public Output process(Path source, Transformation t, String format, Path outDir) throws ProcessingException {
        BufferedImage img = apply(decode(source), t);
        String file = "derived." + format;
        Path target = outDir.resolve(file);
        write(img, format, quality(t), target);
        try {
            return new Output(file, format, img.getWidth(), img.getHeight(), Files.size(target), 0);
        } catch (IOException e) {
            throw new ProcessingException("Could not write output", e);
        }
    }

    /** @return encoder quality 0..1 for {@code q_}: {@code auto} ≈ 80 */
    static float quality(Transformation t) {
        Optional<String> q = t.param("q");
        if (q.isEmpty() || q.get().startsWith("auto")) {
            String level = q.map(v -> v.contains(":") ? v.substring(v.indexOf(':') + 1) : "good").orElse("good");
            return switch (level) {
                case "best" -> 0.92f;
                case "eco" -> 0.7f;
                case "low" -> 0.6f;
                default -> 0.8f;
            };
        }
        return Integer.parseInt(q.get()) / 100f;
    }

    static BufferedImage resize(BufferedImage img, Step step) {
        String crop = step.get("c").orElse("scale");
        Geometry.Plan plan = Geometry.plan(img.getWidth(), img.getHeight(), crop, step.get("w"), step.get("h"));
        String gravity = step.get("g").orElse("center");
        if (plan.kind() == Geometry.Plan.Kind.CROP && crop.equals("crop")) {
            int x = step.get("x").map(Integer::parseInt)
                    .orElse(Geometry.offset(img.getWidth(), plan.outW(), gravity, true));
            int y = step.get("y").map(Integer::parseInt)
                    .orElse(Geometry.offset(img.getHeight(), plan.outH(), gravity, false));
            x = clamp(x, 0, img.getWidth() - plan.outW());
            y = clamp(y, 0, img.getHeight() - plan.outH());
            return copy(img.getSubimage(x, y, plan.outW(), plan.outH()));
        }
        BufferedImage scaled = (plan.scaleW() == img.getWidth() && plan.scaleH() == img.getHeight())
                ? img : scale(img, plan.scaleW(), plan.scaleH());
        return switch (plan.kind()) {
            case SCALE -> scaled;
            case CROP -> {
                int[] xy = gravity.startsWith("auto") || gravity.startsWith("face")
                        ? Saliency.bestWindow(scaled, plan.outW(), plan.outH())
                        : new int[] {Geometry.offset(scaled.getWidth(), plan.outW(), gravity, true),
                                Geometry.offset(scaled.getHeight(), plan.outH(), gravity, false)};
                yield copy(scaled.getSubimage(xy[0], xy[1], plan.outW(), plan.outH()));
            }
            case PAD -> pad(scaled, plan.outW(), plan.outH(), step.get("b").orElse("white"), gravity);
        };
    }

    static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage src = img;
        // Halve repeatedly first: one big bilinear step aliases badly when shrinking a lot.
        while (src.getWidth() / 2 >= w && src.getHeight() / 2 >= h && src.getWidth() > 2 && src.getHeight() > 2) {
            src = draw(src, src.getWidth() / 2, src.getHeight() / 2);
        }
        return draw(src, w, h);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setComposite(AlphaComposite.Src);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage pad(BufferedImage img, int w, int h, String background, String gravity) {
        boolean transparent = background.equals("transparent");
        BufferedImage out = new BufferedImage(w, h, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            if (!transparent) {
                g.setColor(Colors.parse(background));
                g.fillRect(0, 0, w, h);
            }
            int x = Geometry.offset(w, img.getWidth(), gravity, true);
            int y = Geometry.offset(h, img.getHeight(), gravity, false);
            g.drawImage(img, x, y, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage grayscale(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage sub) {
        BufferedImage out = new BufferedImage(sub.getWidth(), sub.getHeight(),
                sub.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(sub, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Encodes {@code img} as {@code format}; JPEG and BMP get a white background instead of transparency. */
    public static void write(BufferedImage img, String format, float quality, Path target) throws ProcessingException {
        BufferedImage toWrite = switch (format) {
            case "jpg", "bmp" -> flatten(img);
            default -> img;
        };
        String writerFormat = format.equals("jpg") ? "jpeg" : format;
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(writerFormat);
        if (!writers.hasNext()) {
            throw new ProcessingException("No encoder for " + format + " (is the WebP plug-in on the module path?)");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(target))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpg") || format.equals("webp")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                String[] types = param.getCompressionTypes();
                if (types != null && types.length > 0) {
                    param.setCompressionType(lossyType(types));
                }
                param.setCompressionQuality(quality);
            }
            if (format.equals("jpg") && param.canWriteProgressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(toWrite, null, null), param);
        } catch (IOException | RuntimeException e) {
            throw new ProcessingException("Could not encode " + format + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    private static String lossyType(String[] types) {
        for (String t : types) {
            String l = t.toLowerCase(Locale.ROOT);
            if (l.contains("lossy")) {
                return t;
            }
        }
        return types[0];
    }

    private static BufferedImage flatten(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
