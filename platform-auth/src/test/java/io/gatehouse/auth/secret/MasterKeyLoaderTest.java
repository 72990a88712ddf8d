package io.gatehouse.auth.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartGeneratesA32ByteKeyFileReadableOnlyByTheOwner() throws Exception {
        byte[] key = MasterKeyLoader.load(null, dataDir);

        Path file = dataDir.resolve(MasterKeyLoader.FILE_NAME);
        assertThat(key).hasSize(32);
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip())).isEqualTo(key);
        Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file modes here");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aLaterStartReloadsTheSameKey() {
        byte[] first = MasterKeyLoader.load("", dataDir);
        byte[] second = MasterKeyLoader.load("  ", dataDir);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aMissingDataDirectoryIsCreated() {
        Path nested = dataDir.resolve("a/b/c");

        byte[] key = MasterKeyLoader.load(null, nested);

        assertThat(key).hasSize(32);
        assertThat(nested.resolve(MasterKeyLoader.FILE_NAME)).exists();
    }

    @Test
    void twoDataDirectoriesGetDifferentKeys() {
        assertThat(MasterKeyLoader.load(null, dataDir.resolve("one")))
                .isNotEqualTo(MasterKeyLoader.load(null, dataDir.resolve("two")));
    }

    @Test
    void aConfiguredKeyWinsOverTheFileAndCreatesNoFile() {
        byte[] configured = new byte[32];
        configured[0] = 42;

        byte[] key = MasterKeyLoader.load(Base64.getEncoder().encodeToString(configured), dataDir);

        assertThat(key).isEqualTo(configured);
        assertThat(dataDir.resolve(MasterKeyLoader.FILE_NAME)).doesNotExist();
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsAClearError() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKeyLoader.load(sixteenBytes, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PLATFORM_SECRET_KEY")
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("16");
    }

    @Test
    void aConfiguredKeyThatIsNotBase64IsAClearErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> MasterKeyLoader.load("this is not base64 at all!", dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PLATFORM_SECRET_KEY")
                .hasMessageContaining("base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("this is not base64"));
    }

    @Test
    void aCorruptKeyFileIsAClearErrorNamingTheFile() throws Exception {
        Path file = dataDir.resolve(MasterKeyLoader.FILE_NAME);
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[8]));

        assertThatThrownBy(() -> MasterKeyLoader.load(null, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("32 bytes");
    }

    @Test
    void theSpringConstructorUsesTheDataDirectoryKey() {
        SecretCipher first = new SecretCipher("", dataDir.toString());
        SecretCipher second = new SecretCipher("", dataDir.toString());

        assertThat(second.decrypt(first.encrypt("value"))).isEqualTo("value");
    }
}
