// FINETUNE_PER_MAP: fine-tune a pretrained network with one potential (mirror map) and seed.
process FINETUNE_PER_MAP {
    tag "${meta.id}"
    label 'process_medium'
    label 'process_gpu'

    input:
    tuple val(meta), path(pretrained, stageAs: 'pretrained')   // meta: [id, arch, map, seed, pretrain_id, rule, options, scored_as]

    output:
    tuple val(meta), path('finetuned'),            emit: finetuned
    tuple val(meta), path('finetuned/train.json'), emit: train_json
    tuple val(meta), path('finetuned/run.json'), optional: true, emit: run_json
    path 'versions.yml',                           emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def data = params.data_dir ? "--data-dir ${params.data_dir}" : ''
    def device = task.ext.device ? "--device ${task.ext.device}" : ''
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    rm -rf finetuned  # leftovers of an attempt killed with its launcher (Nextflow 24.10 reuses that folder)
    sgeo finetune-per-map --checkpoint pretrained --potential ${meta.map} --seed ${meta.seed} --lr-rule ${meta.rule} ${meta.options} ${data} ${device} --out finetuned ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    mkdir -p finetuned
    echo '{"potential": "${meta.map}", "seed": ${meta.seed}}' > finetuned/train.json
    echo '--lr-rule ${meta.rule} ${meta.options}' > finetuned/stub-options.txt
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
