// Deep networks: pretrain (or load) each architecture, fine-tune it with every trained potential
// and seed, and snapshot the scored weights before and after into one manifest for SCORE.
include { PRETRAIN_LOAD    } from '../../../modules/local/pretrain_load/main'
include { FINETUNE_PER_MAP } from '../../../modules/local/finetune_per_map/main'
include { SNAPSHOT as SNAPSHOT_INIT  } from '../../../modules/local/snapshot/main'
include { SNAPSHOT as SNAPSHOT_FINAL } from '../../../modules/local/snapshot/main'

// One pretraining per feed-forward architecture; the recurrent protocol pretrains with each
// trained potential (docs/science.md, The paper's protocol), so its pretraining is per (architecture, potential).
def pretrainMetas(List archs, List rnnArchs, List potentials, seed) {
    def plain = archs.collect { a -> [id: "${a}-s${seed}", arch: a, seed: seed, potential: null] }
    def rnn = rnnArchs.collectMany { a ->
        potentials.collect { p -> [id: "${a}-${p}-s${seed}", arch: a, seed: seed, potential: p] }
    }
    plain + rnn
}

workflow DEEP_NETWORKS {
    take:
    ch_pretrain    // channel: [ meta(id, arch, seed, potential) ]
    potentials     // list: trained potentials
    seeds          // list: fine-tuning seeds

    main:
    PRETRAIN_LOAD(ch_pretrain)
    SNAPSHOT_INIT(PRETRAIN_LOAD.out.pretrained.map { meta, dir -> [meta + [role: 'init'], dir] })

    ch_finetune = PRETRAIN_LOAD.out.pretrained
        .combine(channel.fromList(potentials))
        .filter { meta, dir, map -> meta.potential == null || meta.potential == map }
        .combine(channel.fromList(seeds))
        .map { meta, dir, map, seed ->
            [[id: "${meta.arch}-${map}-s${seed}", arch: meta.arch, map: map, seed: seed, pretrain_id: meta.id], dir]
        }
    FINETUNE_PER_MAP(ch_finetune)
    SNAPSHOT_FINAL(FINETUNE_PER_MAP.out.finetuned.map { meta, dir -> [meta + [role: 'final'], dir] })

    ch_pairs = SNAPSHOT_FINAL.out.snapshot
        .map { meta, npz, json -> [meta.pretrain_id, meta + [producer: json.text ? (new groovy.json.JsonSlurper().parseText(json.text).producer_run_id ?: '') : ''], npz] }
        .combine(SNAPSHOT_INIT.out.snapshot.map { meta, npz, json -> [meta.id, npz] }, by: 0)
        .map { pid, meta, fin, init -> [meta, init, fin] }

    ch_manifest = ch_pairs
        .map { meta, init, fin ->
            "${meta.id},snapshots/${init.name},snapshots/${fin.name},${meta.map},${meta.arch},${meta.seed},${meta.producer}"
        }
        .collectFile(name: 'manifest.csv', seed: 'run_id,init,final,trained_potential,architecture,seed,producer_run_id',
                     newLine: true, sort: true)
    ch_snapshots = ch_pairs.flatMap { meta, init, fin -> [init, fin] }.unique().toSortedList { a, b -> a.name <=> b.name }

    ch_versions = PRETRAIN_LOAD.out.versions.mix(FINETUNE_PER_MAP.out.versions,
        SNAPSHOT_INIT.out.versions, SNAPSHOT_FINAL.out.versions)

    emit:
    manifest  = ch_manifest.combine(ch_snapshots.map { [it] }).map { m, s -> [[id: 'deep'], m, s] }  // channel: [ meta, manifest, [npz] ]
    finetuned = FINETUNE_PER_MAP.out.finetuned   // channel: [ meta, finetuned/ ]
    versions  = ch_versions                      // channel: [ versions.yml ]
}
