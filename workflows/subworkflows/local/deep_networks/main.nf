// Deep networks: pretrain (or load) each architecture, fine-tune it with every trained potential
// and seed, and snapshot the scored weights before and after into one manifest for SCORE.
include { PRETRAIN_LOAD    } from '../../../modules/local/pretrain_load/main'
include { FINETUNE_PER_MAP } from '../../../modules/local/finetune_per_map/main'
include { SNAPSHOT as SNAPSHOT_INIT  } from '../../../modules/local/snapshot/main'
include { SNAPSHOT as SNAPSHOT_FINAL } from '../../../modules/local/snapshot/main'

// One pretraining per feed-forward architecture; the recurrent protocol pretrains with each
// trained potential (docs/science.md, The paper's protocol), so its pretraining is per (architecture, potential).
def pretrainMetas(List archs, List rnnArchs, List potentials, seed) {
    def plain = archs.collect { a -> pretrainMeta("${a}-s${seed}", a, seed, null) }
    def rnn = rnnArchs.collectMany { a ->
        potentials.collect { p -> pretrainMeta("${a}-${p}-s${seed}", a, seed, p) }
    }
    plain + rnn
}

def pretrainMeta(String id, String arch, seed, String potential) {
    def s = settingsOf(arch, potential)
    [id: id, arch: arch, seed: seed, potential: potential, epochs: s.pretrain_epochs ?: params.pretrain_epochs,
     options: s.pretrain_lr != null ? "--lr ${s.pretrain_lr}" : '']
}

// The stage settings of (architecture, potential): the architecture's (params.architecture_settings),
// the potential's (params.potential_settings) over them, and the pair's own (the architecture's
// `potentials` entry for that potential) over both; a key none gives keeps the global value.
def settingsOf(String arch, String potential) {
    def byArch = params.architecture_settings?.get(arch) ?: [:]
    def byPotential = potential ? (params.potential_settings?.get(potential) ?: [:]) : [:]
    def byPair = potential ? (byArch.potentials?.get(potential) ?: [:]) : [:]
    byArch.findAll { key, value -> key != 'potentials' } + byPotential + byPair
}

// The finetune-per-map options a run's settings give, e.g. '--lr-grid 0.001,0.01 --epochs 60'.
def finetuneOptions(Map s) {
    [lr_grid: '--lr-grid', epochs: '--epochs', subset_size: '--subset-size'].findResults { key, option ->
        s[key] == null ? null : "${option} ${s[key] instanceof List ? s[key].join(',') : s[key]}"
    }.join(' ')
}

// The fine-tuning runs of one pretrained network: per trained potential, learning-rate rule and seed
// (the architecture's seeds when its settings give them). With several rules a run's id starts with
// its rule and each rule's runs are scored apart (scored_as deep-<rule>); with one, as 'deep'.
def finetuneMetas(Map pre, String map, List rules, List seeds) {
    def tagged = rules.size() > 1
    def runSeeds = params.architecture_settings?.get(pre.arch)?.seeds ?: seeds
    rules.collectMany { rule ->
        def tag = tagged ? rule.replace(':', '-') + '-' : ''
        runSeeds.collect { seed ->
            [id: "${tag}${pre.arch}-${map}-s${seed}", arch: pre.arch, map: map, seed: seed, pretrain_id: pre.id,
             rule: rule, options: finetuneOptions(settingsOf(pre.arch, map)),
             scored_as: tagged ? "deep-${rule.replace(':', '-')}" : 'deep']
        }
    }
}

workflow DEEP_NETWORKS {
    take:
    ch_pretrain    // channel: [ meta(id, arch, seed, potential) ]
    potentials     // list: trained potentials
    rules          // list: learning-rate rules of fine-tuning
    seeds          // list: fine-tuning seeds

    main:
    PRETRAIN_LOAD(ch_pretrain)
    SNAPSHOT_INIT(PRETRAIN_LOAD.out.pretrained.map { meta, dir -> [meta + [role: 'init'], dir] })

    ch_finetune = PRETRAIN_LOAD.out.pretrained
        .combine(channel.fromList(potentials))
        .filter { meta, dir, map -> meta.potential == null || meta.potential == map }
        .flatMap { meta, dir, map -> finetuneMetas(meta, map, rules, seeds).collect { run -> [run, dir] } }
    FINETUNE_PER_MAP(ch_finetune)
    SNAPSHOT_FINAL(FINETUNE_PER_MAP.out.finetuned.map { meta, dir -> [meta + [role: 'final'], dir] })

    ch_pairs = SNAPSHOT_FINAL.out.snapshot
        .map { meta, npz, json -> [meta.pretrain_id, meta + [producer: json.text ? (new groovy.json.JsonSlurper().parseText(json.text).producer_run_id ?: '') : ''], npz] }
        .combine(SNAPSHOT_INIT.out.snapshot.map { meta, npz, json -> [meta.id, npz] }, by: 0)
        .map { pid, meta, fin, init -> [meta, init, fin] }

    // One manifest per scored_as ('deep', or 'deep-<rule>' for each of several rules), with its snapshots.
    ch_manifests = ch_pairs
        .map { meta, init, fin ->
            [meta.scored_as, "${meta.id},snapshots/${init.name},snapshots/${fin.name},${meta.map},${meta.arch},${meta.seed},${meta.producer}"]
        }
        .collectFile(seed: 'run_id,init,final,trained_potential,architecture,seed,producer_run_id',
                     newLine: true, sort: true) { scored, line -> ["${scored}.csv", line] }
        .map { manifest -> [manifest.baseName, manifest] }
    ch_snapshots = ch_pairs
        .map { meta, init, fin -> [meta.scored_as, init, fin] }
        .groupTuple()
        .map { scored, inits, fins -> [scored, (inits + fins).unique().sort { it.name }] }

    ch_versions = PRETRAIN_LOAD.out.versions.mix(FINETUNE_PER_MAP.out.versions,
        SNAPSHOT_INIT.out.versions, SNAPSHOT_FINAL.out.versions)

    emit:
    manifest  = ch_manifests.join(ch_snapshots).map { scored, m, s -> [[id: scored], m, s] }  // channel: [ meta, manifest, [npz] ]
    finetuned = FINETUNE_PER_MAP.out.finetuned   // channel: [ meta, finetuned/ ]
    versions  = ch_versions                      // channel: [ versions.yml ]
}
