// REPORT: index.html, PNG/SVG figures and summary.md from every score folder of the run.
process REPORT {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(scores, stageAs: 'scores/s?/*'), path(extras, stageAs: 'extras/e*/*')   // meta: [id]; extras: linreg tables, train.json files

    output:
    tuple val(meta), path('report'), emit: report
    path 'versions.yml',             emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def scoreArgs = scores.collect { "--scores ${it}" }.join(' ')
    """
    sgeo report ${scoreArgs} --extras extras --out report ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    mkdir -p report
    echo '<html><body>stub</body></html>' > report/index.html
    echo '# stub' > report/summary.md
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
