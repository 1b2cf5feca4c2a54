// Start and end of every pipeline: parameter checks (for runs under a plain `nextflow`; `sgeo run`
// has already validated them against nextflow_schema.json) and the completion summary.

// Values that reach a task's shell: names and paths made of safe characters only.
def safePatterns() {
    [
        architectures     : /^(mlp-[0-9]+(x[0-9]+)?|cnn|resnet-small|rnn-[0-9]+)$/,
        rnn_architectures : /^rnn-[0-9]+$/,
        trained_potentials: /^(negative_entropy|[0-9]+(\.[0-9]+)?-norm|hypentropy:[0-9]+(\.[0-9]+)?([eE]-?[0-9]+)?)$/,
        candidates        : /^(negative_entropy|[0-9]+(\.[0-9]+)?-norm|hypentropy:[0-9]+(\.[0-9]+)?([eE]-?[0-9]+)?)$/,
        data_dir          : /^[A-Za-z0-9_.\/+-]+$/,
        linreg_params     : /^[A-Za-z0-9_.\/+-]+$/,
        outdir            : /^[A-Za-z0-9_.\/+-]+$/,
        pretrain_args     : /^[A-Za-z0-9_.,:= +-]*$/,
        finetune_args     : /^[A-Za-z0-9_.,:= +-]*$/,
        lr_rule           : /^(lowest-loss|smallest-fitting|bounded-change:[0-9]+(\.[0-9]+)?)$/,
        snapshot_args     : /^[A-Za-z0-9_.,:= +-]*$/,
        score_args        : /^[A-Za-z0-9_.,:= +-]*$/,
    ]
}

// Fails the run with error() naming the parameter, the offending value and the allowed form.
def checkShellSafeParams(Map p) {
    safePatterns().each { name, pattern ->
        def value = p[name]
        if (value == null) {
            return
        }
        def values = value instanceof List ? value : [value]
        values.each { v ->
            if (!(v.toString() ==~ pattern)) {
                error("--${name}: '${v}' is not allowed (must match ${pattern}); see workflows/nextflow_schema.json")
            }
        }
    }
    ['architecture_settings', 'potential_settings'].each { name ->
        (p[name] ?: [:]).each { key, settings ->
            if (!(key.toString() ==~ /^[A-Za-z0-9_.:-]+$/)) {
                error("--${name}: '${key}' is not an architecture or potential name")
            }
            (settings ?: [:]).each { option, value ->
                def nested = option == 'potentials' && value instanceof Map
                (nested ? value.collectMany { pot, s -> (s ?: [:]).collect { o, v -> ["potentials.${pot}.${o}", v] } }
                        : [[option, value]]).each { at, v0 ->
                    (v0 instanceof List ? v0 : [v0]).each { v ->
                        if (!(v.toString() ==~ /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/)) {
                            error("--${name}.${key}.${at}: '${v}' must be a non-negative number")
                        }
                    }
                }
            }
        }
    }
    ['seeds', 'pretrain_seed', 'pretrain_epochs'].each { name ->
        def values = p[name] instanceof List ? p[name] : [p[name]]
        values.each { v ->
            if (!(v.toString() ==~ /^[0-9]+$/)) {
                error("--${name}: '${v}' must be a non-negative integer")
            }
        }
    }
}

workflow PIPELINE_INITIALISATION {
    main:
    checkShellSafeParams(params)
    log.info "synaptic-geometry ${workflow.manifest.version}: outdir=${params.outdir}, run=${workflow.runName}"
}

workflow PIPELINE_COMPLETION {
    take:
    ch_versions   // channel: [ path(versions.yml) ]
    reports       // list: the report folders under OUTDIR ('report', or 'deep-<rule>/report' per rule)

    main:
    ch_versions
        .unique { it.text }
        .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true)
    // The handler runs after this block has gone: keep what it needs.
    def run = workflow
    def outdir = params.outdir
    def report = params.report && reports ? "report: ${reports.collect { "${outdir}/${it}/index.html" }.join(', ')}, " : ''
    run.onComplete {
        log.info(run.success
            ? "sgeo: done; ${report}results: ${outdir}"
            : "sgeo: the run failed; fix the error above and add -resume to reuse finished tasks")
    }
}
