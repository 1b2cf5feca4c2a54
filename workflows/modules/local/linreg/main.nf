// LINREG: the paper's linear-regression experiment (Sec. 4.1) from a params file; it writes the
// same snapshot pairs and manifest as the deep-network stages, so SCORE treats it alike.
process LINREG {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(params_file)   // meta: [id]; params_file: params/linreg-*.yaml

    output:
    tuple val(meta), path('linreg/manifest.csv'), path('linreg/snapshots/*'), emit: pairs
    tuple val(meta), path('linreg/linreg.csv'), path('linreg/linreg.json'),  emit: tables
    tuple val(meta), path('linreg/run.json'), optional: true,                emit: run_json
    path 'versions.yml',                                                      emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    rm -rf linreg  # leftovers of an attempt killed with its launcher (Nextflow 24.10 reuses that folder)
    sgeo linreg --params ${params_file} --out linreg ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    mkdir -p linreg/snapshots/lr-1
    touch linreg/snapshots/lr-1/init.npz linreg/snapshots/lr-1/final.npz linreg/linreg.csv linreg/linreg.json
    printf 'run_id,init,final,trained_potential,architecture,seed\\nlr-1,snapshots/lr-1/init.npz,snapshots/lr-1/final.npz,2-norm,linear,1\\n' > linreg/manifest.csv
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
