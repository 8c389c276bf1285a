package com.chirpchat.emulator.derive;

import com.chirpchat.emulator.store.Derived;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of producing one derived file: the file, or why it failed.
 *
 * @param derived  the derived file when it was produced
 * @param error    failure reason when it was not ("" on success)
 */
public record Derivation(Optional<Derived> derived, String error) {

    public Derivation {
        Objects.requireNonNull(derived, "derived");
        Objects.requireNonNull(error, "error");
    }

    public static Derivation of(Derived d) {
        return new Derivation(Optional.of(d), "");
    }

    public static Derivation failed(String error) {
        return new Derivation(Optional.empty(), error);
    }

    public boolean ok() {
        return derived.isPresent();
    }
}
