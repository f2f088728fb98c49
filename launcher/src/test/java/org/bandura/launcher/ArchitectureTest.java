package org.bandura.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module boundaries, written as a test so they hold without a review. */
class ArchitectureTest {

    private static final JavaClasses BANDURA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The adapters' fakes reach the launcher's tests as test-jars; they are tests too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.bandura");

    @Test
    @DisplayName("the core knows no platform, no adapter, no launcher and no JDBC driver")
    void coreIsPlatformNeutral() {
        noClasses().that().resideInAPackage("org.bandura.core..")
                .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "com.slack..",
                        "org.bandura.discord..", "org.bandura.slack..", "org.bandura.console..",
                        "org.bandura.launcher..", "org.bandura.config..", "org.postgresql..",
                        "org.bandura.web..", "io.javalin..", "gg.jte..", "jakarta.servlet..", "org.eclipse.jetty..")
                .check(BANDURA);
        // The one exception to "no JDBC driver": the keeper of the embedded H2 file, which must reach into H2's
        // store to keep commits kill-safe with space reuse (see H2FileKeeper).
        noClasses().that().resideInAPackage("org.bandura.core..")
                .and().doNotHaveFullyQualifiedName("org.bandura.core.persistence.H2FileKeeper")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..")
                .check(BANDURA);
    }

    @Test
    @DisplayName("the web door reads the core only through BanduraCore and the knowledge-base queries")
    void webUsesOnlyTheKnowledgeApi() {
        noClasses().that().resideInAPackage("org.bandura.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.core.service..",
                        "org.bandura.core.persistence..", "org.bandura.core.reputation..",
                        "org.bandura.core.routing..", "org.bandura.core.text..", "org.bandura.config..",
                        "org.bandura.launcher..", "org.bandura.discord..", "org.bandura.slack..",
                        "org.bandura.console..", "net.dv8tion..", "com.slack..")
                .check(BANDURA);
    }

    @Test
    @DisplayName("adapters never import each other")
    void adaptersAreIndependent() {
        noClasses().that().resideInAPackage("org.bandura.discord..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.slack..", "org.bandura.console..",
                        "com.slack..")
                .check(BANDURA);
        noClasses().that().resideInAPackage("org.bandura.slack..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.discord..", "org.bandura.console..",
                        "net.dv8tion..")
                .check(BANDURA);
        noClasses().that().resideInAPackage("org.bandura.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.discord..", "org.bandura.slack..",
                        "net.dv8tion..", "com.slack..")
                .check(BANDURA);
        noClasses().that().resideInAnyPackage("org.bandura.discord..", "org.bandura.slack..", "org.bandura.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.web..", "io.javalin..",
                        "com.sun.net.httpserver..")
                .check(BANDURA);
    }

    @Test
    @DisplayName("adapters are thin: they use the core's commands and replies, never its services or storage")
    void adaptersUseOnlyTheCoreApi() {
        noClasses().that().resideInAnyPackage("org.bandura.discord..", "org.bandura.slack..", "org.bandura.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.core.service..",
                        "org.bandura.core.persistence..", "org.bandura.core.reputation..",
                        "org.bandura.core.routing..", "org.bandura.config..", "org.bandura.launcher..")
                .check(BANDURA);
    }

    @Test
    @DisplayName("Lucene stays inside the core's search package, behind QuestionSearch")
    void luceneStaysInSearch() {
        noClasses().that().resideOutsideOfPackage("org.bandura.core.search")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(BANDURA);
    }

    @Test
    @DisplayName("configuration is plain typed data, independent of everything else")
    void configStandsAlone() {
        noClasses().that().resideInAPackage("org.bandura.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bandura.core..", "org.bandura.discord..",
                        "org.bandura.slack..", "org.bandura.console..", "org.bandura.web..", "org.bandura.launcher..")
                .check(BANDURA);
    }
}
