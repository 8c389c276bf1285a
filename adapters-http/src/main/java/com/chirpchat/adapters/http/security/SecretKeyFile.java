package com.chirpchat.adapters.http.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * A signing secret kept in a file readable by its owner only: generated once (32 random bytes, base64) when
 * missing, reused on every later start so issued tokens stay valid across restarts.
 */
final class SecretKeyFile {
    private static final System.Logger LOG = System.getLogger(SecretKeyFile.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SecretKeyFile() {
    }

    /** The secret in {@code file}, created first when missing. */
    public static byte[] loadOrCreate(Path file, int minBytes) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[Math.max(32, minBytes)];
                new SecureRandom().nextBytes(secret);
                if (create(file, secret)) {
                    LOG.log(Level.INFO, "generated a new token signing secret in " + file);
                    return secret;
                }
                // somebody else created it meanwhile: use theirs
            }
            warnIfReadableByOthers(file);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), minBytes, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing secret " + file, e);
        }
    }

    /** Decodes a base64 (standard or URL alphabet) secret of at least {@code minBytes} bytes. */
    public static byte[] decode(String base64, int minBytes, String where) {
        byte[] secret;
        try {
            secret = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(base64)
                    : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not valid base64");
        }
        if (secret.length < minBytes) {
            throw new IllegalStateException(where + " must hold at least " + minBytes + " bytes, it has " + secret.length);
        }
        return secret;
    }

    private static boolean create(Path file, byte[] secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        // CREATE_NEW: the file is made with its permissions in one step, and never overwritten
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
                                                                             StandardOpenOption.WRITE), attributes)) {
            channel.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(secret) + "\n")
                                                  .getBytes(StandardCharsets.US_ASCII)));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        if (!posix) {
            var f = file.toFile();
            boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true);
            if (!ok) {
                LOG.log(Level.WARNING, "could not restrict the permissions of " + file);
            }
        }
        return true;
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    LOG.log(Level.WARNING, file + " is readable or writable by others than its owner ("
                            + PosixFilePermissions.toString(permissions) + "); make it rw-------");
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot check the permissions of " + file, e);
        }
    }
}
