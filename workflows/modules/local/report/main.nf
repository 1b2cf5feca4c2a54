// REPORT: index.html, PNG/SVG figures and summary.md from every score folder of the run.
process REPORT {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(scores, stageAs: 'scores/s?/*'), path(extras, stageAs: 'extras/e*/*'), path(pairs_manifest, stageAs: 'pairs/manifest.csv'), path(pairs_snapshots, stageAs: 'pairs/snapshots/*')
    // meta: [id]; extras: linreg tables and fine-tuned folders (train.json); pairs: one manifest with its snapshots, or []

    output:
    tuple val(meta), path('report'), emit: report
    path 'versions.yml',             emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def scoreArgs = (scores instanceof List ? scores : [scores]).collect { "--scores ${it}" }.join(' ')
    def extraArgs = extras ? '--extras extras' : ''
    def pairArgs = pairs_manifest ? '--manifest pairs/manifest.csv' : ''
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    rm -rf report  # leftovers of an attempt killed with its launcher (Nextflow 24.10 reuses that folder)
    sgeo report ${scoreArgs} ${extraArgs} ${pairArgs} --out report ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    mkdir -p report
    echo '<html><body>stub</body></html>' > report/index.html
    echo '# stub' > report/summary.md
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
