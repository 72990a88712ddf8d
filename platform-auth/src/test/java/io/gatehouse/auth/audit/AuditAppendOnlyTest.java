package io.gatehouse.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

/** Audit entries can be added and read, never edited or deleted: no method, no SQL and no migration does it. */
class AuditAppendOnlyTest {
    private static final Pattern CHANGES_AUDIT_ROWS = Pattern.compile(
            "(update\\s+audit_event|delete\\s+from\\s+audit_event|truncate\\s+(table\\s+)?audit_event"
                    + "|drop\\s+table\\s+(if\\s+exists\\s+)?audit_event)", Pattern.CASE_INSENSITIVE);

    @Test
    void theRepositoryCanOnlySave() {
        assertThat(AuditEventRepository.class.getInterfaces()).containsExactly(Repository.class);
        assertThat(Repository.class.getMethods()).isEmpty();
        assertThat(AuditEventRepository.class.getMethods()).extracting(Method::getName).containsExactly("save");
    }

    @Test
    void theServicesOfferRecordingAndReadingOnly() {
        assertThat(publicMethods(AuditTrail.class)).containsExactlyInAnyOrder("record", "currentActor");
        assertThat(publicMethods(AuditLog.class)).containsExactlyInAnyOrder("search", "export");
    }

    @Test
    void theEntityHasNoSettersAndNoUpdatableColumn() {
        assertThat(Arrays.stream(AuditEvent.class.getDeclaredMethods()).map(Method::getName))
                .noneMatch(name -> name.startsWith("set"));
        for (Field field : AuditEvent.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(Id.class) || Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertThat(field.getAnnotation(Column.class)).as(field.getName()).isNotNull()
                    .satisfies(column -> assertThat(column.updatable()).as(field.getName()).isFalse());
        }
    }

    @Test
    void noSourceFileOrMigrationChangesOrRemovesAuditRows() {
        List<Path> files = mainSources();
        assertThat(files).as("main sources of every module").anyMatch(p -> p.endsWith("AuditTrail.java"))
                .anyMatch(p -> p.toString().endsWith(".sql"));

        assertThat(files).filteredOn(AuditAppendOnlyTest::changesAuditRows).isEmpty();
    }

    private static List<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName).toList();
    }

    private static boolean changesAuditRows(Path file) {
        try {
            return CHANGES_AUDIT_ROWS.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .java and .sql file under a module's src/main (bench modules too), found from the build root. */
    private static List<Path> mainSources() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !(Files.isDirectory(root.resolve("platform-auth"))
                && Files.isRegularFile(root.resolve("pom.xml")))) {
            root = root.getParent();
        }
        assertThat(root).as("build root").isNotNull();
        List<Path> modules = Stream.concat(children(root), children(root.resolve("bench"))).toList();
        return modules.stream().map(m -> m.resolve("src/main")).filter(Files::isDirectory)
                .flatMap(AuditAppendOnlyTest::files)
                .filter(p -> {
                    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return name.endsWith(".java") || name.endsWith(".sql");
                })
                .toList();
    }

    private static Stream<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
