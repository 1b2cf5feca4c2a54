package org.synapticgeometry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/architecture.md, checked on the compiled main classes: a new import that runs
 * an arrow the wrong way fails here with the offending class and line.
 */
class ArchitectureTest {
    private static final String ROOT = "org.synapticgeometry";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertThat(classes.size()).as("main classes imported").isGreaterThan(150);
    }

    /** cli → stages → stage template → domain packages → geometry; tools (bench, workflow, regress) sit beside the stages. */
    @Test
    void layersPointDownwardsOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("stages").definedBy(ROOT + ".stage.*..")
                .layer("stage template").definedBy(ROOT + ".stage")
                .layer("tools").definedBy(ROOT + ".bench..", ROOT + ".workflow..", ROOT + ".regress..")
                .layer("domain").definedBy(ROOT + ".optim..", ROOT + ".model..", ROOT + ".data..",
                        ROOT + ".training..", ROOT + ".stats..", ROOT + ".synapse..", ROOT + ".report..",
                        ROOT + ".snapshot..", ROOT + ".tracking..", ROOT + ".files..", ROOT + ".concurrent..")
                .layer("geometry").definedBy(ROOT + ".geometry..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("stages").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("stage template").mayOnlyBeAccessedByLayers("cli", "stages")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("cli", "stages", "stage template", "tools")
                .check(classes);
    }

    @Test
    void geometryDependsOnNoOtherPackageOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".geometry..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".geometry..", "java..")
                .check(classes);
    }

    @Test
    void oneStageDoesNotReachIntoAnother() {
        slices().matching(ROOT + ".stage.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void theMathematicsRunsWithoutDjl() {
        noClasses().that().resideInAnyPackage(ROOT + ".geometry..", ROOT + ".stats..", ROOT + ".synapse..",
                        ROOT + ".files..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(classes);
    }

    @Test
    void onlyTrackingTalksToMlflow() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".tracking..")
                .should().dependOnClassesThat().resideInAPackage("org.mlflow..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
