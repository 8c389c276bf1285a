package com.chirpchat.emulator.image;

import com.chirpchat.emulator.transform.ProcessingException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes pictures with real encoders: JPEG, PNG, GIF, BMP from ImageIO; WebP from the webp-imageio plug-in (libwebp). */
final class ImageEncoder {

    private ImageEncoder() {
    }

    /** Encodes {@code img} as {@code format}; JPEG and BMP get a white background instead of transparency. */
    static void write(BufferedImage img, String format, float quality, Path target) throws ProcessingException {
        BufferedImage toWrite = switch (format) {
            case "jpg", "bmp" -> opaque(img);
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
            if (t.toLowerCase(Locale.ROOT).contains("lossy")) {
                return t;
            }
        }
        return types[0];
    }

    private static BufferedImage opaque(BufferedImage img) {
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
}
