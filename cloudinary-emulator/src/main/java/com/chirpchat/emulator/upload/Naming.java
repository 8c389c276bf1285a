package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.auth.Randoms;
import com.chirpchat.emulator.web.Params;

import java.util.Locale;
import java.util.Optional;

/** How an upload is named: its public id (from {@code public_id}, {@code folder}, {@code use_filename}...) and file names. */
final class Naming {

    private Naming() {
    }

    /**
     * @param resourceType the resource type the id is for: raw files keep their extension in generated ids
     * @param filename     the file name the client gave ("" when none)
     */
    static String publicId(Params params, String resourceType, String filename) {
        Optional<String> folder = params.get("folder").map(f -> UploadParams.path(f, "folder"))
                .or(() -> params.flag("use_asset_folder_as_public_id_prefix", false)
                        ? params.get("asset_folder").map(f -> UploadParams.path(f, "asset_folder")) : Optional.empty());
        String id = params.get("public_id").map(p -> UploadParams.path(p, "public_id")).orElseGet(() -> {
            String base;
            if (params.flag("use_filename", false) && !filename.isEmpty()) {
                base = stripExtension(filename).replaceAll("[^A-Za-z0-9_.-]", "_");
                if (base.isEmpty()) {
                    base = Randoms.publicId();
                } else if (params.flag("unique_filename", true)) {
                    base = base + "_" + Randoms.publicId().substring(0, 6);
                }
            } else {
                base = Randoms.publicId();
            }
            // Raw files keep their extension in the public id, as on Cloudinary.
            return "raw".equals(resourceType) ? base + extension(filename) : base;
        });
        return folder.map(f -> f + "/" + id).orElse(id);
    }

    /** @return the file's name as declared: the signed {@code filename_override}, else the name the client sent */
    static String declaredName(Params params, String filename) {
        return params.get("filename_override").map(String::strip).filter(n -> !n.isEmpty()).orElse(filename);
    }

    /** @return Cloudinary's {@code original_filename}: the declared name without its extension */
    static String originalFilename(String declaredName) {
        String name = declaredName.substring(declaredName.lastIndexOf('/') + 1);
        return stripExtension(name.isEmpty() ? "file" : name);
    }

    /** @return the format a raw file has by its name: the declared name's extension, else the public id's ("" if none) */
    static String rawFormat(String declaredName, String publicId) {
        String ext = extension(declaredName);
        return (ext.isEmpty() ? extension(publicId) : ext).replace(".", "");
    }

    static String stripExtension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }

    /** @return ".ext" of a file name, or "" */
    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        int slash = filename.lastIndexOf('/');
        if (dot <= slash + 1 || dot == filename.length() - 1) {
            return "";
        }
        String ext = filename.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,10}") ? ext : "";
    }
}
