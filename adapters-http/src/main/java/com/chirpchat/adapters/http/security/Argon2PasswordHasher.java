package com.chirpchat.adapters.http.security;

import java.security.SecureRandom;
import java.util.Base64;

import com.chirpchat.application.account.PasswordHasher;
import com.chirpchat.domain.user.Password;
import com.password4j.Argon2Function;
import com.password4j.types.Argon2;

import io.helidon.config.Config;

/**
 * Argon2id password hashing (password4j), stored as the standard {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}
 * string so parameters can change later: verification reads them from each hash.
 * <p>
 * Configuration ({@code chirpchat.auth.argon2}): {@code memory-kib} (19456), {@code iterations} (2),
 * {@code parallelism} (1) - OWASP's recommended minimum for Argon2id.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function function;

    private Argon2PasswordHasher(Argon2Function function) {
        this.function = function;
    }

    /** @param argon2Config the {@code chirpchat.auth.argon2} node */
    public static Argon2PasswordHasher create(Config argon2Config) {
        int memory = argon2Config.get("memory-kib").asInt().orElse(19456);
        int iterations = argon2Config.get("iterations").asInt().orElse(2);
        int parallelism = argon2Config.get("parallelism").asInt().orElse(1);
        if (parallelism < 1 || iterations < 1 || memory < 8 * parallelism) {
            throw new IllegalStateException("chirpchat.auth.argon2 needs parallelism >= 1, iterations >= 1 and "
                                                    + "memory-kib >= 8 * parallelism");
        }
        return new Argon2PasswordHasher(Argon2Function.getInstance(memory, iterations, parallelism, HASH_BYTES, Argon2.ID));
    }

    public int memoryKib() {
        return function.getMemory();
    }

    public int iterations() {
        return function.getIterations();
    }

    public int parallelism() {
        return function.getParallelism();
    }

    @Override
    public String hash(Password password) {
        return com.password4j.Password.hash(password.reveal()).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    @Override
    public boolean verify(Password password, String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        try {
            return com.password4j.Password.check(password.reveal(), hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false; // unreadable hash
        }
    }

    @Override
    public String decoyHash() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return hash(new Password(Base64.getEncoder().encodeToString(random)));
    }

    @Override
    public String toString() {
        return "Argon2PasswordHasher[argon2id, m=" + memoryKib() + ", t=" + iterations() + ", p=" + parallelism() + "]";
    }
}
