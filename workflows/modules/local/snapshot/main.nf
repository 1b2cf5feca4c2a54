// SNAPSHOT: the scored weights of one checkpoint (pretrained = init, finetuned = final) as NPZ.
process SNAPSHOT {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(checkpoint, stageAs: 'checkpoint')   // meta: [id, role: init|final, ...]

    output:
    tuple val(meta), path("${meta.id}.${meta.role}.npz"), path("${meta.id}.${meta.role}.json"), emit: snapshot
    path 'versions.yml',                                               emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    sgeo snapshot --checkpoint checkpoint --out ${meta.id}.${meta.role}.npz ${args}
    sgeo-versions ${task.process} > versions.yml
    """

    stub:
    """
    # sgeo build ${params.sgeo_build} (part of the cache key: a new build re-runs the task)
    touch ${meta.id}.${meta.role}.npz ${meta.id}.${meta.role}.json
    echo '"${task.process}": {sgeo: stub}' > versions.yml
    """
}
