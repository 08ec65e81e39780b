package io.smsbridge.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house (docs/architecture.md): imports point inward, from the edges to the core, and no two
 * packages need each other. A wrong-way import fails here, naming the class and the line.
 */
@AnalyzeClasses(packages = "io.smsbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    static final String CORE = "Core";
    static final String STORE = "Store";
    static final String CARRIER_PORT = "Carrier port";
    static final String CARRIERS = "Carriers";
    static final String FLOW = "Flow";
    static final String EDGES = "Edges";
    static final String BOOT = "Boot";

    @ArchTest
    static final ArchRule importsPointInward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer(CORE).definedBy("io.smsbridge.core..")
            .layer(STORE).definedBy("io.smsbridge.store..")
            .layer(CARRIER_PORT).definedBy("io.smsbridge.carrier")
            .layer(CARRIERS).definedBy("io.smsbridge.carriers..")
            .layer(FLOW).definedBy("io.smsbridge.flow..")
            .layer(EDGES).definedBy("io.smsbridge.edge..")
            .layer(BOOT).definedBy("io.smsbridge.boot..")
            .whereLayer(CORE).mayNotAccessAnyLayer()
            .whereLayer(STORE).mayOnlyAccessLayers(CORE)
            .whereLayer(CARRIER_PORT).mayOnlyAccessLayers(CORE)
            .whereLayer(CARRIERS).mayOnlyAccessLayers(CARRIER_PORT, CORE)
            .whereLayer(FLOW).mayOnlyAccessLayers(STORE, CARRIER_PORT, CORE)
            .whereLayer(EDGES).mayOnlyAccessLayers(FLOW, STORE, CARRIER_PORT, CORE)
            .whereLayer(BOOT).mayOnlyAccessLayers(EDGES, FLOW, STORE, CARRIER_PORT, CORE)
            // carriers are found by ServiceLoader: nothing names one
            .whereLayer(CARRIERS).mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.smsbridge.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule carriersDoNotKnowEachOther = slices().matching("io.smsbridge.carriers.(*)..")
            .should().notDependOnEachOther();

    /** The edges share only the HTTP plumbing (edge.http): the API and the webhooks know nothing of each other. */
    @ArchTest
    static final ArchRule edgesDoNotKnowEachOther = slices().matching("io.smsbridge.edge.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage("io.smsbridge.edge.http"));

    @ArchTest
    static final ArchRule theCoreKnowsNoCamelHttpOrSql = noClasses().that().resideInAPackage("io.smsbridge.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.vertx..", "io.netty..",
                    "org.apache.hc..", "java.net.http..", "java.sql..", "javax.sql..", "org.flywaydb..");

    @ArchTest
    static final ArchRule carriersKnowNoCamelNorTheDatabase = noClasses().that()
            .resideInAnyPackage("io.smsbridge.carrier", "io.smsbridge.carriers..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.vertx..", "java.sql..",
                    "javax.sql..");
}
