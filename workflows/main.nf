#!/usr/bin/env nextflow
// synaptic-geometry: reproduce Pogodin et al. (ICLR 2024) and identify the geometry of plasticity.
// Run: sgeo run workflows/main.nf -params-file params/smoke.yaml  (or a plain `nextflow run`).
// The params file decides the sizes: architectures/rnn_architectures (deep networks) and
// linreg_params (linear regression): params/smoke.yaml, params/medium.yaml, params/paper-*.yaml.
// linreg.nf runs the linear-regression part alone.
include { PIPELINE_INITIALISATION; PIPELINE_COMPLETION } from './subworkflows/local/utils/main'
include { REPRODUCE; reportFolders } from './pipelines/reproduce'

workflow SGEO {
    take:
    parts   // list: which experiments may run, of 'deep', 'linreg'

    main:
    PIPELINE_INITIALISATION()
    REPRODUCE(parts)
    PIPELINE_COMPLETION(REPRODUCE.out.versions, reportFolders(parts))
}

workflow {
    SGEO(['deep', 'linreg'])
}
