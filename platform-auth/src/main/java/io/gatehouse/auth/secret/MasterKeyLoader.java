package io.gatehouse.auth.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the 32-byte master key: configured value first, else the key file, else a new key file (mode 0600). */
final class MasterKeyLoader {
    static final String FILE_NAME = "master.key";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyLoader.class);

    private MasterKeyLoader() {
    }

    static byte[] load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "PLATFORM_SECRET_KEY");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
            return generate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file
                    + " - check that the data directory is writable, or set PLATFORM_SECRET_KEY", e);
        }
    }

    /** Writes the key to a 0600 temp file first and moves it into place, so a crash never leaves a partial key. */
    private static byte[] generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path temp = supportsPosix(file)
                ? Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)))
                : Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.write(temp, Base64.getEncoder().encode(key));
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.info("Generated a new master key in {} (mode 0600). Back it up: without it, stored secrets cannot be read.", file);
        return key;
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key from " + source + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("master key from " + source + " must be 32 bytes (base64 of 32 random bytes,"
                    + " e.g. `openssl rand -base64 32`), got " + key.length);
        }
        return key;
    }
}
