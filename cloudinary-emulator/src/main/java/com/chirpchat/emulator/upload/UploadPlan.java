package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.transform.Transformation;

import java.util.List;
import java.util.Optional;

/**
 * Everything decided about an upload before anything is stored: what the file is, where it goes, what to make of it
 * and whom to tell.
 *
 * @param resourceType          {@code image}, {@code video} or {@code raw}, as detected
 * @param type                  {@code upload}, {@code private} or {@code authenticated}
 * @param publicId              full public id
 * @param declaredName          the file's name as declared ({@code filename_override}, else the name sent)
 * @param probed                what decoding found (empty for raw files)
 * @param format                the format: detected, or for raw files their name's extension ("" when none)
 * @param eager                 eager transformations, in the order requested
 * @param eagerFormats          the output format of each
 * @param notificationUrl       where the upload notification goes
 * @param eagerNotificationUrl  where the eager notification goes
 * @param overwrite             whether an existing asset is replaced
 * @param async                 {@code eager_async}
 * @param tokenOnly             {@code access_control} allows token access only
 */
record UploadPlan(String resourceType, String type, String publicId, String declaredName, Optional<Probe> probed, String format,
                  List<Transformation> eager, List<String> eagerFormats, Optional<String> notificationUrl,
                  Optional<String> eagerNotificationUrl, boolean overwrite, boolean async, boolean tokenOnly) {

    boolean eagerInBackground() {
        return async && !eager.isEmpty();
    }
}
