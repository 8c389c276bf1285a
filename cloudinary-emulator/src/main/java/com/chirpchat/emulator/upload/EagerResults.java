package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.derive.Derivation;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.view.AssetViews;
import com.chirpchat.emulator.web.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code eager} array of an upload answer: items still processing ({@code eager_async}), or made right away. */
final class EagerResults {

    private final AssetStore store;
    private final DerivationService derivations;
    private final AssetViews views;

    EagerResults(AssetStore store, DerivationService derivations, AssetViews views) {
        this.store = store;
        this.derivations = derivations;
        this.views = views;
    }

    List<Map<String, Object>> processing(Asset asset, List<Transformation> eager, List<String> formats, String batchId) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < eager.size(); i++) {
            Transformation t = eager.get(i);
            items.add(views.eagerProcessing(asset, t.requested(), t.canonical(), formats.get(i), batchId));
        }
        return items;
    }

    /** Makes every item now, in parallel; any failure fails the whole upload and removes the asset, as on Cloudinary. */
    List<Map<String, Object>> synchronous(Asset asset, List<Transformation> eager, List<String> formats) {
        for (int i = 0; i < eager.size(); i++) {
            derivations.derive(asset, eager.get(i), formats.get(i)); // start them all before waiting for any
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < eager.size(); i++) {
            Derivation d = derivations.deriveAndWait(asset, eager.get(i), formats.get(i));
            if (!d.ok()) {
                store.delete(asset.key());
                throw ApiException.badRequest("Eager transformation " + eager.get(i).requested() + " failed: " + d.error());
            }
            items.add(views.eagerDone(asset, eager.get(i).requested(), d.derived().get()));
        }
        return items;
    }
}
