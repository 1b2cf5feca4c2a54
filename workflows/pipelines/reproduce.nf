// REPRODUCE: the paper's experiments as the params enable them: the deep-network zoo (with the
// recurrent protocol) and the linear-regression experiment, each scored, then one report (one per
// learning-rate rule when the deep networks are fine-tuned under several, in OUTDIR/deep-<rule>/report).
include { DEEP_NETWORKS; pretrainMetas } from '../subworkflows/local/deep_networks/main'
include { LINREG                       } from '../modules/local/linreg/main'
include { SCORE                        } from '../modules/local/score/main'
include { REPORT                       } from '../modules/local/report/main'

// The learning-rate rules of fine-tuning: lr_rule is one rule or a list.
def lrRules() {
    params.lr_rule instanceof List ? params.lr_rule : [params.lr_rule]
}

// The reports of a run: one of everything ('report'), or, when the deep networks are fine-tuned under
// several rules, one per rule, keyed by the rule's score id deep-<rule>. Plain Strings: a GString is
// never equal to a String, and these are keys of groupTuple and join.
def reportIds(List parts) {
    runsDeep(parts) && lrRules().size() > 1 ? lrRules().collect { "deep-${it.replace(':', '-')}".toString() } : ['report']
}

// Whether the deep networks run: the params name some, and the workflow runs that part.
def runsDeep(List parts) {
    pretrainMetas(params.architectures, params.rnn_architectures, params.trained_potentials, params.pretrain_seed) &&
        'deep' in parts
}

// Where the reports land under OUTDIR: report/, or deep-<rule>/report/.
def reportFolders(List parts) {
    reportIds(parts).collect { it == 'report' ? 'report' : "${it}/report".toString() }
}

workflow REPRODUCE {
    take:
    parts   // list: which experiments may run, of 'deep', 'linreg'

    main:
    ch_versions = channel.empty()
    ch_to_score = channel.empty()
    ch_extras = channel.empty()
    ch_pairs = channel.empty()   // [report id, rank, manifest, snapshots]: pairs that may draw a report's distribution figures

    def metas = pretrainMetas(params.architectures, params.rnn_architectures, params.trained_potentials, params.pretrain_seed)
    def deep = runsDeep(parts)
    def rules = lrRules()
    def reports = reportIds(parts)
    def reportsOf = { scored -> scored.toString() in reports ? [scored.toString()] : reports.size() == 1 ? reports : [] }
    if (deep) {
        DEEP_NETWORKS(channel.fromList(metas), params.trained_potentials, rules, params.seeds)
        ch_to_score = ch_to_score.mix(DEEP_NETWORKS.out.manifest)
        ch_extras = ch_extras.mix(DEEP_NETWORKS.out.finetuned.flatMap { meta, dir -> reportsOf(meta.scored_as).collect { [it, dir] } })
        ch_pairs = DEEP_NETWORKS.out.manifest.flatMap { meta, manifest, snapshots ->
            reportsOf(meta.id).collect { [it, "1 ${meta.id}", manifest, snapshots] } }
        ch_versions = ch_versions.mix(DEEP_NETWORKS.out.versions)
    }
    if (params.linreg_params && 'linreg' in parts) {
        LINREG(channel.of([[id: 'linreg'], file(params.linreg_params, checkIfExists: true)]))
        ch_to_score = ch_to_score.mix(LINREG.out.pairs.map { meta, manifest, runs -> [meta, manifest, runs] })
        // every report shows the linear regression, whose pairs draw the distribution figures
        ch_extras = ch_extras.mix(LINREG.out.tables.flatMap { meta, csv, json -> reports.collect { [it, csv] } })
        ch_pairs = ch_pairs.mix(LINREG.out.pairs.flatMap { meta, manifest, runs -> reports.collect { [it, '0 linreg', manifest, runs] } })
        ch_versions = ch_versions.mix(LINREG.out.versions)
    }

    SCORE(ch_to_score)
    ch_versions = ch_versions.mix(SCORE.out.versions)
    if (params.report) {
        def byName = { a, b -> a.toString() <=> b.toString() }
        ch_report_scores = SCORE.out.scores.flatMap { meta, dir ->
            (meta.id == 'linreg' ? reports : reportsOf(meta.id)).collect { [it, dir] } }
            .groupTuple().map { id, dirs -> [id, dirs.sort(byName)] }
        ch_report_extras = ch_extras.groupTuple().map { id, files -> [id, files.sort(byName)] }
        // one pair manifest per report: the linear regression's when it runs, else the first deep one by id
        ch_report_pairs = ch_pairs.groupTuple()
            .map { id, ranks, manifests, snapshots -> [id] + [ranks, manifests, snapshots].transpose().min { it[0] }.drop(1) }
        REPORT(ch_report_scores.join(ch_report_extras, remainder: true).join(ch_report_pairs, remainder: true)
            .filter { row -> row[1] != null }
            .map { id, s, e, m, p -> [[id: id], s, e ?: [], m ?: [], p ?: []] })
        ch_versions = ch_versions.mix(REPORT.out.versions)
    }

    emit:
    versions = ch_versions   // channel: [ versions.yml ]
}
