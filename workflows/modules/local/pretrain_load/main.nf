// PRETRAIN_LOAD: pretrain one zoo architecture on the training split (or load it), once per
// (architecture, pretraining potential, seed).
process PRETRAIN_LOAD {
    tag "${meta.id}"
    label 'process_medium'
    label 'process_gpu'

    input:
    val meta   // meta: [id, arch, seed, potential (null = plain SGD; the RNN protocol sets it), epochs, options]

    output:
    tuple val(meta), path('pretrained'),            emit: pretrained
    tuple val(meta), path('pretrained/model.json'), emit: model_json
    tuple val(meta), path('pretrained/run.json'), optional: true, emit: run_json
    path 'versions.yml',                            emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def potential = meta.potential ? "--potential ${meta.potential}" : ''
    def data = params.data_dir ? "--data-dir ${params.data_dir}" : ''
    def device = task.ext.device ? "--device ${task.ext.device}" : ''
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    rm -rf pretrained  # leftovers of an attempt killed with its launcher (Nextflow 24.10 reuses that folder)
    sgeo pretrain-load --arch ${meta.arch} --seed ${meta.seed} --epochs ${meta.epochs} ${meta.options} ${potential} ${data} ${device} --out pretrained ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    mkdir -p pretrained
    echo '{"architecture": "${meta.arch}"}' > pretrained/model.json
    echo '--epochs ${meta.epochs} ${meta.options}' > pretrained/stub-options.txt
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
