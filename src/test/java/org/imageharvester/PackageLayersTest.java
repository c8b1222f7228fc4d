package org.imageharvester;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages follow the stages and depend downwards only: the values every stage passes on at the bottom, then the
 * download, the ledger and the thumbnails, the listing (source), the report, and the runner and scale-out on top. A
 * cycle or an upward import fails the build.
 */
@AnalyzeClasses(packages = "org.imageharvester", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {

    @ArchTest
    static final ArchRule packages_form_no_cycle = slices().matching("org.imageharvester.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule stages_depend_downwards_only = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("values").definedBy("org.imageharvester.values..")
            .layer("download").definedBy("org.imageharvester.download..")
            .layer("ledger").definedBy("org.imageharvester.ledger..")
            .layer("thumbnail").definedBy("org.imageharvester.thumbnail..")
            .layer("source").definedBy("org.imageharvester.source..")
            .layer("report").definedBy("org.imageharvester.report..")
            .layer("runner").definedBy("org.imageharvester.runner..")
            .layer("scaleout").definedBy("org.imageharvester.scaleout..")
            .whereLayer("scaleout").mayNotBeAccessedByAnyLayer()
            .whereLayer("runner").mayOnlyBeAccessedByLayers("scaleout")
            .whereLayer("report").mayOnlyBeAccessedByLayers("runner", "scaleout")
            .whereLayer("source").mayOnlyBeAccessedByLayers("report", "runner", "scaleout")
            .whereLayer("thumbnail").mayOnlyBeAccessedByLayers("report", "runner", "scaleout")
            .whereLayer("ledger").mayOnlyBeAccessedByLayers("source", "report", "runner", "scaleout")
            .whereLayer("download").mayOnlyBeAccessedByLayers("ledger", "thumbnail", "source", "report", "runner",
                    "scaleout");
}
