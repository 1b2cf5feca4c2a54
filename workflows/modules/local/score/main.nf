// SCORE: ΔCDF of every snapshot pair in every candidate space, and the identified geometry.
process SCORE {
    tag "${meta.id}"
    label 'process_medium'
    // The manifest is made by collectFile (new mtime each run): hash contents so -resume hits.
    cache 'deep'

    input:
    tuple val(meta), path(manifest, stageAs: 'staged-manifest.csv'), path(snapshots, stageAs: 'snapshots/*')   // meta: [id]

    output:
    tuple val(meta), path('scores'),                             emit: scores
    tuple val(meta), path('scores/identification.json'),         emit: identification
    tuple val(meta), path('scores/run.json'), optional: true,    emit: run_json
    path 'versions.yml',                                         emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    // A real file beside the staged snapshots: the manifest's paths are relative to its folder.
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    cat staged-manifest.csv > manifest.csv
    rm -rf scores  # leftovers of an attempt killed with its launcher (Nextflow 24.10 reuses that folder)
    sgeo score --manifest manifest.csv --out scores ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    mkdir -p scores
    cp ${projectDir}/assets/stub/scores.csv scores/scores.csv
    cp ${projectDir}/assets/stub/identification.json scores/identification.json
    echo '{}' > scores/scores.json
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
