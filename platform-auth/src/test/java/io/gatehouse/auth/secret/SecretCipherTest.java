package io.gatehouse.auth.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String SECRET = "sk-live-SECRET-123";

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretCipher cipher = new SecretCipher(randomKey());

    @Test
    void decryptingAnEncryptedValueGivesItBack() {
        assertThat(cipher.decrypt(cipher.encrypt(SECRET))).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
        assertThat(cipher.decrypt(cipher.encrypt("ünïcødé ✓ 密钥"))).isEqualTo("ünïcødé ✓ 密钥");
    }

    @Test
    void theCiphertextIsVersionedAndDoesNotContainThePlaintext() {
        String sealed = cipher.encrypt(SECRET);

        assertThat(sealed).startsWith("v1:").doesNotContain(SECRET);
        assertThat(new String(Base64.getDecoder().decode(sealed.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(SECRET);
    }

    @Test
    void twoEncryptionsOfTheSamePlaintextDiffer() {
        assertThat(cipher.encrypt(SECRET)).isNotEqualTo(cipher.encrypt(SECRET));
    }

    @Test
    void aTamperedCiphertextIsRejectedWithoutRevealingThePlaintext() {
        String sealed = cipher.encrypt(SECRET);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(tampered))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void aCiphertextFlippedInTheIvIsRejected() {
        String sealed = cipher.encrypt(SECRET);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[0] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDifferentKeyCannotDecrypt() {
        String sealed = cipher.encrypt(SECRET);
        SecretCipher other = new SecretCipher(randomKey());

        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void malformedStoredValuesAreRejectedClearly() {
        assertThatThrownBy(() -> cipher.decrypt(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(SECRET)).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> cipher.decrypt("v1:not base64!")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringRedactsTheKey() {
        byte[] key = new byte[32];
        SecretCipher zeroKey = new SecretCipher(key);

        assertThat(zeroKey.toString()).contains("redacted").doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void theCallersKeyArrayIsCopied() {
        byte[] key = randomKey();
        SecretCipher keyed = new SecretCipher(key);
        String sealed = keyed.encrypt(SECRET);
        java.util.Arrays.fill(key, (byte) 0);

        assertThat(keyed.decrypt(sealed)).isEqualTo(SECRET);
    }
}
