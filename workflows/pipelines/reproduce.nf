// REPRODUCE: the paper's experiments as the params enable them: the deep-network zoo (with the
// recurrent protocol) and the linear-regression experiment, each scored, then one report.
include { DEEP_NETWORKS; pretrainMetas } from '../subworkflows/local/deep_networks/main'
include { LINREG                       } from '../modules/local/linreg/main'
include { SCORE                        } from '../modules/local/score/main'
include { REPORT                       } from '../modules/local/report/main'

workflow REPRODUCE {
    take:
    parts   // list: which experiments may run, of 'deep', 'linreg'

    main:
    ch_versions = channel.empty()
    ch_to_score = channel.empty()
    ch_extras = channel.empty()
    ch_pairs = channel.empty()   // the snapshot pairs of the distribution figures: linreg's if it runs, else deep's

    def metas = pretrainMetas(params.architectures, params.rnn_architectures, params.trained_potentials, params.pretrain_seed)
    if (metas && 'deep' in parts) {
        def rules = params.lr_rule instanceof List ? params.lr_rule : [params.lr_rule]
        DEEP_NETWORKS(channel.fromList(metas), params.trained_potentials, rules, params.seeds)
        ch_to_score = ch_to_score.mix(DEEP_NETWORKS.out.manifest)
        ch_extras = ch_extras.mix(DEEP_NETWORKS.out.finetuned.map { meta, dir -> dir })
        // with several rules, the first rule's pairs (in name order) draw the distribution figures
        ch_pairs = DEEP_NETWORKS.out.manifest.toSortedList { a, b -> a[0].id <=> b[0].id }
            .flatMap { it ? [it[0]] : [] }.map { meta, manifest, snapshots -> [manifest, snapshots] }
        ch_versions = ch_versions.mix(DEEP_NETWORKS.out.versions)
    }
    if (params.linreg_params && 'linreg' in parts) {
        LINREG(channel.of([[id: 'linreg'], file(params.linreg_params, checkIfExists: true)]))
        ch_to_score = ch_to_score.mix(LINREG.out.pairs.map { meta, manifest, runs -> [meta, manifest, runs] })
        ch_extras = ch_extras.mix(LINREG.out.tables.map { meta, csv, json -> csv })
        ch_pairs = LINREG.out.pairs.map { meta, manifest, runs -> [manifest, runs] }
        ch_versions = ch_versions.mix(LINREG.out.versions)
    }

    SCORE(ch_to_score)
    ch_versions = ch_versions.mix(SCORE.out.versions)
    if (params.report) {
        REPORT(SCORE.out.scores.map { meta, dir -> dir }.toSortedList { a, b -> a.toString() <=> b.toString() }.map { [it] }
            .combine(ch_extras.toSortedList { a, b -> a.toString() <=> b.toString() }.map { [it] })
            .combine(ch_pairs.ifEmpty([[], []]))
            .map { s, e, m, p -> [[id: 'report'], s, e, m, p] })
        ch_versions = ch_versions.mix(REPORT.out.versions)
    }

    emit:
    versions = ch_versions   // channel: [ versions.yml ]
}
