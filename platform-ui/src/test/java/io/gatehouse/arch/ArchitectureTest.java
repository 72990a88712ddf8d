package io.gatehouse.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/** The module direction and house rules of ARCHITECTURE.md, checked on the production classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gatehouse");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
                .contains("io.gatehouse.db", "io.gatehouse.common", "io.gatehouse.auth.tenant",
                        "io.gatehouse.gateway.route", "io.gatehouse.gateway.proxy", "io.gatehouse.ui.api");
    }

    @Test
    void schemaAndCommonTypesDependOnNoFeatureModule() {
        noClasses().that().resideInAnyPackage("io.gatehouse.db..", "io.gatehouse.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gatehouse.auth..", "io.gatehouse.gateway..",
                        "io.gatehouse.ui..")
                .check(classes);
    }

    @Test
    void authDependsNeitherOnTheGatewayNorOnTheUi() {
        noClasses().that().resideInAPackage("io.gatehouse.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gatehouse.gateway..", "io.gatehouse.ui..")
                .check(classes);
    }

    @Test
    void theGatewayDependsNeitherOnTheUiNorOnVaadin() {
        noClasses().that().resideInAPackage("io.gatehouse.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gatehouse.ui..", "com.vaadin..")
                .check(classes);
    }

    @Test
    void theGatewayDoesNotUseTheServletApi() {
        noClasses().that().resideInAPackage("io.gatehouse.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "javax.servlet..")
                .check(classes);
    }

    @Test
    void onlyTheDeployableUsesVaadin() {
        noClasses().that().resideInAnyPackage("io.gatehouse.db..", "io.gatehouse.common..", "io.gatehouse.auth..")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(classes);
    }

    @Test
    void repositoriesArePackagePrivate() {
        classes().that().areAssignableTo(Repository.class)
                .should().notBePublic()
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void repositoriesAreUsedOnlyByServicesAndComponentsOfTheirOwnPackage() {
        classes().that().areAssignableTo(Repository.class)
                .should(onlyBeUsedBySpringServicesOrComponentsOfTheSamePackage())
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void entitiesAreNotPublic() {
        classes().that().areAnnotatedWith(Entity.class)
                .should().notBePublic()
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void nothingUsesFieldInjection() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }

    @Test
    void everyPackageWithClassesHasAPackageInfo() {
        Set<String> packages = classes.stream()
                .filter(c -> c.getPackageName().startsWith("io.gatehouse"))
                .map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<Path> sourceRoots = sourceRoots();
        assertThat(sourceRoots).as("module source roots").hasSizeGreaterThanOrEqualTo(4);

        List<String> missing = packages.stream()
                .filter(pkg -> !hasPackageInfo(pkg, sourceRoots) && !classes.contain(pkg + ".package-info"))
                .toList();

        assertThat(missing).as("packages without a package-info.java saying what they are for").isEmpty();
    }

    private static ArchCondition<JavaClass> onlyBeUsedBySpringServicesOrComponentsOfTheSamePackage() {
        return new ArchCondition<>("only be used by @Service or @Component classes of the same package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    if (user.equals(repository) || user.isAssignableTo(Repository.class)) {
                        continue;
                    }
                    JavaClass owner = outermost(user);
                    boolean samePackage = owner.getPackageName().equals(repository.getPackageName());
                    boolean springBean = owner.isAnnotatedWith(Service.class) || owner.isAnnotatedWith(Component.class);
                    if (!samePackage || !springBean) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " - repositories are reached only from a @Service/@Component of their own package"));
                    }
                }
            }
        };
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    private static boolean hasPackageInfo(String pkg, List<Path> sourceRoots) {
        String relative = pkg.replace('.', '/') + "/package-info.java";
        return sourceRoots.stream().anyMatch(root -> Files.isRegularFile(root.resolve(relative)));
    }

    /** The {@code src/main/java} directory of every module, found from the build root (the directory holding the parent pom). */
    private static List<Path> sourceRoots() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("platform-ui")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("build root above %s", Path.of("").toAbsolutePath()).isNotNull();
        try (Stream<Path> modules = Files.list(dir)) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theImportSeesRepositoriesAndTheServicesUsingThem() {
        // guard against a vacuous rule: ArchUnit must see the real repositories and their services
        JavaClass tenantRepository = classes.get("io.gatehouse.auth.tenant.TenantRepository");

        assertThat(tenantRepository.getModifiers()).doesNotContain(JavaModifier.PUBLIC);
        assertThat(tenantRepository.getDirectDependenciesToSelf())
                .extracting(d -> d.getOriginClass().getName())
                .contains("io.gatehouse.auth.tenant.TenantService");
    }
}
