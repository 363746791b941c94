package com.zoomfactor.backend.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vertx.sqlclient.SqlClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules, as a test (docs/architecture.md): the domain does no I/O; the HTTP toolkit knows no resource; a
 * resource's handlers are reached only through the route table; SQL is written only in stores; and the packages form
 * layers without cycles. A broken rule fails with the offending classes and lines.
 */
class ArchitectureTest {

    private static final String BACKEND = "com.zoomfactor.backend";
    /** The resources: each a store (its SQL) plus handlers (its HTTP), and whatever else its concern needs. */
    private static final String[] RESOURCES = {"..backend.accounts..", "..backend.alerts..", "..backend.annotations..",
            "..backend.clients..", "..backend.comments..", "..backend.competitors..", "..backend.demo..",
            "..backend.goals..", "..backend.health..", "..backend.imports..", "..backend.members..",
            "..backend.metrics..", "..backend.notifications..", "..backend.observations..", "..backend.openapi..",
            "..backend.posts..", "..backend.reports..", "..backend.scores..", "..backend.sharing..",
            "..backend.sites..", "..backend.tokens..", "..backend.tracking..", "..backend.outbox..",
            "..backend.webhooks.."};

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.zoomfactor");
    }

    @Test
    void theDomainDoesNoIo() {
        classes().that().resideInAPackage("com.zoomfactor.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.zoomfactor.domain..", "java.lang..",
                        "java.util..", "java.time..", "java.text..", "java.math..", "com.fasterxml.jackson.annotation..")
                .because("the shared domain is plain Java: the same score on the server, in tests and in any port")
                .check(product);
    }

    @Test
    void theHttpToolkitKnowsNoResource() {
        noClasses().that().resideInAPackage("..backend.http..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RESOURCES, "..backend.auth..",
                        "..backend.scope..", "..backend.events..", "..backend.activity..", "..backend.live..",
                        "..backend.app.."))
                .because("http/ is a leaf toolkit that every resource uses; the route table lives in app/")
                .check(product);
    }

    @Test
    void handlersAreReachedOnlyThroughTheRouteTable() {
        noClasses().that().resideOutsideOfPackage("..backend.app..")
                .should(useAnotherPackagesHandlers())
                .because("other packages use a resource's store, never its handlers; only the route table mounts them")
                .check(product);
    }

    @Test
    void sqlIsWrittenOnlyInStores() {
        noClasses().that(describe("are not stores (*Store) or the database toolkit (db/)",
                        (JavaClass type) -> !topLevel(type).getSimpleName().endsWith("Store")
                                && !type.getPackageName().equals(BACKEND + ".db")))
                .should().callMethodWhere(target(nameMatching("preparedQuery|query"))
                        .and(target(owner(assignableTo(SqlClient.class)))))
                .because("a resource's SQL and row mapping live in its *Store; handlers parse, call it, and render")
                .check(product);
    }

    @Test
    void thePackagesFormLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Toolkit").definedBy("..backend.config..", "..backend.db..", "..backend.http..")
                .layer("Identity").definedBy("..backend.auth..")
                .layer("Tenancy and the change stream").definedBy("..backend.scope..", "..backend.events..",
                        "..backend.activity..")
                .layer("Resources").definedBy(RESOURCES)
                .layer("Live").definedBy("..backend.live..")
                .layer("Application").definedBy("..backend.app..")
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Live").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Resources").mayOnlyBeAccessedByLayers("Live", "Application")
                .whereLayer("Tenancy and the change stream").mayOnlyBeAccessedByLayers("Resources", "Live",
                        "Application")
                .whereLayer("Identity").mayOnlyBeAccessedByLayers("Tenancy and the change stream", "Resources",
                        "Live", "Application")
                .check(product);
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching("com.zoomfactor.backend.(*)..").should().beFreeOfCycles().check(product);
    }

    private static ArchCondition<JavaClass> useAnotherPackagesHandlers() {
        return new ArchCondition<>("use the handlers (*Handlers, *Handler) of another package") {
            @Override
            public void check(JavaClass user, ConditionEvents events) {
                for (Dependency dependency : user.getDirectDependenciesFromSelf()) {
                    JavaClass used = dependency.getTargetClass();
                    if (topLevel(used).getSimpleName().matches(".*Handlers?$")
                            && used.getPackageName().startsWith(BACKEND)
                            && !used.getPackageName().equals(user.getPackageName())) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
